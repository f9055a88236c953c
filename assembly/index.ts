// The embedding ABI of build/microlite.wasm: zero imports, C-like exports.
// A host (JS bindings, a wasm3/WAMR firmware loop) drives the engine only through these.
// Every export validates its arguments; a bad handle or index gives 0 / -1 and a message
// (ml_error_ptr/len), never a trap.

import { blockAlloc, blockFree } from "./common/blocks";
import { errorPtr, errorLen, errorClear, errBegin, errStr, errInt, textLength, textStep } from "./common/error";
import {
  engineLoad, engineUnload, configureArena, modelById, engineHolds,
  arenaCapacity, arenaHeadBytes, arenaPersistent, arenaUsed, arenaBase,
} from "./engine";
import { Model, subgraphAt, useModel } from "./model";
import {
  Tensor, Node, nodeAt, dim, readTensorView, subgraphInput, subgraphOutput, numInputs, numOutputs,
  inputIndex, outputIndex, nodeOpcode, nodeVersion, nodeCustomName, TensorFlag, tensorIoFlagsFor,
} from "./graph";
import { invokeSubgraph, invokeNode, lastPlanLowerBound, resetModel } from "./interpreter";
import { OP_COUNT, opNamesAt } from "./schema/builtin_ops";
import { vecLen } from "./schema/flatbuffer";
import { SIMD } from "./config";
import { currentArena } from "./arena";
import { planStrategyBytes, planChosen, setPlanStrategies } from "./planner";
import { planStat, setInPlace } from "./planner/model_plan";
import { setForceLarge } from "./planner/sort";
import { scratchAt } from "./ops/registry";
import { persistentBytesOf } from "./arena";

// ---- memory -----------------------------------------------------------------------------

/** Reserves `size` bytes (e.g. for the model file); 0 when out of memory. */
export function ml_alloc(size: u32): usize { return blockAlloc(<usize>size); }
/** Frees a buffer from ml_alloc that was not handed to ml_load. */
export function ml_free(ptr: usize): void {
  if (engineHolds(ptr)) { errorClear(); errBegin("cannot free a buffer the engine holds (unload the model instead)"); return; }
  blockFree(ptr);
}

// ---- errors -----------------------------------------------------------------------------

/** The last error message (ASCII) address and length; length 0 when the last call succeeded. */
export function ml_error_ptr(): usize { return errorPtr(); }
export function ml_error_len(): i32 { return errorLen(); }

// ---- engine -----------------------------------------------------------------------------

/** Version of this ABI: bumped when an export changes meaning (additions keep it). */
export function ml_abi_version(): i32 { return 1; }

/** 1 for the SIMD build, 0 for the scalar build. */
export function ml_simd(): i32 { return SIMD ? 1 : 0; }

/** Fixes the arena size in bytes before any load (0: size it from the models). 1 ok, 0 error. */
export function ml_arena_configure(bytes: u32): i32 { return configureArena(<usize>bytes) ? 1 : 0; }

/** Loads a model from a buffer of ml_alloc (the engine owns it from now on). Model id or 0. */
export function ml_load(ptr: usize, length: u32): i32 {
  if (<u64>ptr + <u64>length > (<u64>memory.size() << 16)) {
    errorClear();
    errBegin("model bytes lie outside linear memory");
    return 0;
  }
  return engineLoad(ptr, <usize>length);
}

/** Unloads a model and frees its buffer. 1 ok, 0 error. */
export function ml_unload(handle: i32): i32 { return engineUnload(handle) ? 1 : 0; }

function checkModel(handle: i32): Model | null {
  const m = modelById(handle);
  if (m !== null) {
    useModel(m);
    return m;
  }
  errorClear();
  errBegin("not a loaded model (invalid handle)");
  return null;
}

/** Runs the model once. 1 ok, 0 error. */
export function ml_invoke(handle: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return 0;
  errorClear();
  return invokeSubgraph(m, 0) ? 1 : 0;
}

/** Runs operator `index` alone (hosts that profile op by op call it for each op in order). */
export function ml_invoke_op(handle: i32, index: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return 0;
  errorClear();
  if (index < 0 || index >= subgraphAt(m, 0).numNodes) { errBegin("operator index out of range"); return 0; }
  return invokeNode(m, index) ? 1 : 0;
}

/** Clears state (variable tensors, op state) as after load. */
export function ml_reset(handle: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return 0;
  resetModel(m);
  return 1;
}

// ---- tensors ----------------------------------------------------------------------------

export function ml_input_count(handle: i32): i32 {
  const m = checkModel(handle);
  return m === null ? -1 : vecLen(subgraphAt(m, 0).inputs);
}
export function ml_output_count(handle: i32): i32 {
  const m = checkModel(handle);
  return m === null ? -1 : vecLen(subgraphAt(m, 0).outputs);
}
/** Tensor index of input `i`, -1 when out of range. */
export function ml_input_tensor(handle: i32, i: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return -1;
  const sg = subgraphAt(m, 0);
  return i >= 0 && i < vecLen(sg.inputs) ? subgraphInput(sg, i) : -1;
}
export function ml_output_tensor(handle: i32, i: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return -1;
  const sg = subgraphAt(m, 0);
  return i >= 0 && i < vecLen(sg.outputs) ? subgraphOutput(sg, i) : -1;
}
export function ml_tensor_count(handle: i32): i32 {
  const m = checkModel(handle);
  return m === null ? -1 : subgraphAt(m, 0).numTensors;
}

const abiView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

function tensorOf(handle: i32, index: i32): Tensor | null {
  const m = checkModel(handle);
  if (m === null) return null;
  const sg = subgraphAt(m, 0);
  if (index < 0 || index >= sg.numTensors) { errorClear(); errBegin("tensor index out of range"); return null; }
  return readTensorView(sg, index, abiView);
}

/** Address of the tensor's data in linear memory (0 when it has no storage). */
export function ml_tensor_data(handle: i32, index: i32): usize { const t = tensorOf(handle, index); return t === null ? 0 : t.data; }
export function ml_tensor_bytes(handle: i32, index: i32): i32 { const t = tensorOf(handle, index); return t === null ? -1 : <i32>t.bytes; }
/** TFLite TensorType value. */
export function ml_tensor_type(handle: i32, index: i32): i32 { const t = tensorOf(handle, index); return t === null ? -1 : <i32>t.type; }
export function ml_tensor_rank(handle: i32, index: i32): i32 { const t = tensorOf(handle, index); return t === null ? -1 : <i32>t.rank; }
export function ml_tensor_dim(handle: i32, index: i32, d: i32): i32 {
  const t = tensorOf(handle, index);
  return t === null || d < 0 || d >= <i32>t.rank ? -1 : dim(t, d);
}
/** Address of the tensor's `rank` dims (i32 each, in the model bytes); 0 for a scalar or on error. */
export function ml_tensor_dims(handle: i32, index: i32): usize { const t = tensorOf(handle, index); return t === null ? 0 : t.dims; }
export function ml_tensor_scale(handle: i32, index: i32): f32 { const t = tensorOf(handle, index); return t === null ? 0 : t.scale; }
export function ml_tensor_zero_point(handle: i32, index: i32): i32 { const t = tensorOf(handle, index); return t === null ? 0 : t.zeroPoint; }
/** Flags: 1 constant, 2 variable, 4 planned, 8 input, 16 output, 32 unused. */
export function ml_tensor_flags(handle: i32, index: i32): i32 {
  const t = tensorOf(handle, index);
  return t === null ? 0 : t.flags | tensorIoFlagsFor(handle, subgraphAt(checkModel(handle)!, 0), index);
}
/** Offset in the planned head area, -1 when not planned. */
export function ml_tensor_plan_offset(handle: i32, index: i32): i32 {
  const t = tensorOf(handle, index);
  return t === null || (t.flags & TensorFlag.Planned) == 0 ? -1 : <i32>(t.data - arenaBase());
}
/** The tensor's name (UTF-8, in the model bytes), address and length. */
export function ml_tensor_name_ptr(handle: i32, index: i32): usize { const t = tensorOf(handle, index); return t === null || t.name == 0 ? 0 : t.name + 4; }
export function ml_tensor_name_len(handle: i32, index: i32): i32 { const t = tensorOf(handle, index); return t === null || t.name == 0 ? 0 : vecLen(t.name); }

// ---- operators --------------------------------------------------------------------------

export function ml_op_count(handle: i32): i32 {
  const m = checkModel(handle);
  return m === null ? -1 : subgraphAt(m, 0).numNodes;
}
function nodeOf(handle: i32, index: i32): Node | null {
  const m = checkModel(handle);
  if (m === null) return null;
  const sg = subgraphAt(m, 0);
  if (index < 0 || index >= sg.numNodes) { errorClear(); errBegin("operator index out of range"); return null; }
  return nodeAt(sg, index);
}
/** Builtin operator code (32 = CUSTOM). */
export function ml_op_code(handle: i32, index: i32): i32 { const n = nodeOf(handle, index); return n === null ? -1 : nodeOpcode(n); }
export function ml_op_version(handle: i32, index: i32): i32 { const n = nodeOf(handle, index); return n === null ? -1 : nodeVersion(n); }
export function ml_op_input_count(handle: i32, index: i32): i32 { const n = nodeOf(handle, index); return n === null ? -1 : numInputs(n); }
export function ml_op_output_count(handle: i32, index: i32): i32 { const n = nodeOf(handle, index); return n === null ? -1 : numOutputs(n); }
/** Tensor index of the op's input `i` (-1 for an omitted optional input, -2 out of range). */
export function ml_op_input(handle: i32, index: i32, i: i32): i32 {
  const n = nodeOf(handle, index);
  return n === null || i < 0 || i >= numInputs(n) ? -2 : inputIndex(n, i);
}
export function ml_op_output(handle: i32, index: i32, i: i32): i32 {
  const n = nodeOf(handle, index);
  return n === null || i < 0 || i >= numOutputs(n) ? -2 : outputIndex(n, i);
}
/** A custom op's name (UTF-8, in the model bytes), address and length; 0 for builtin ops. */
export function ml_op_custom_name_ptr(handle: i32, index: i32): usize {
  const n = nodeOf(handle, index);
  if (n === null) return 0;
  const s = nodeCustomName(n);
  return s == 0 ? 0 : s + 4;
}
export function ml_op_custom_name_len(handle: i32, index: i32): i32 {
  const n = nodeOf(handle, index);
  if (n === null) return 0;
  const s = nodeCustomName(n);
  return s == 0 ? 0 : vecLen(s);
}
/** All builtin op names, ';'-separated, ASCII (address and length in bytes). */
export function ml_op_names_ptr(): usize { return opNamesAt(); }
export function ml_op_names_len(): i32 { opNamesAt(); return textLength * <i32>textStep; }

// ---- arena ------------------------------------------------------------------------------

/** Arena capacity, bytes in use (head peak + persistent), head peak, persistent. */
export function ml_arena_capacity(): u32 { return <u32>arenaCapacity(); }
export function ml_arena_used(): u32 { return <u32>arenaUsed(); }
export function ml_arena_head(): u32 { return <u32>arenaHeadBytes(); }
export function ml_arena_persistent(): u32 { return <u32>arenaPersistent(); }
/** This model's own plan bytes and persistent bytes. */
export function ml_model_planned(handle: i32): u32 { const m = checkModel(handle); return m === null ? 0 : <u32>m.plannedBytes; }
export function ml_model_persistent(handle: i32): u32 { const m = checkModel(handle); return m === null ? 0 : <u32>m.persistentBytes; }
/** Lower bound (max live bytes) of the most recent plan. */
export function ml_plan_lower_bound(): u32 { return <u32>lastPlanLowerBound; }

// ---- memory plan (reports) ----------------------------------------------------------------

/**
 * Bytes of strategy `s`'s plan in the most recent load (-1: not run, e.g. because TFLM's
 * greedy already reached the lower bound): 0 TFLM greedy, 1 greedy by size with best fit,
 * 2 greedy by breadth, 3 search.
 */
export function ml_plan_bytes(s: i32): i32 { return planStrategyBytes(s); }
/** The strategy whose plan the most recent load kept. */
export function ml_plan_chosen(): i32 { return planChosen(); }
/**
 * Figures of the most recent plan: 0 planned bytes, 1 lower bound, 2 lower bound without
 * in-place sharing, 3 TFLM's greedy without sharing, 4 tensors sharing an input's buffer,
 * 5 buffers planned, 6 head bytes reached before planning (prepare's temporary memory).
 */
export function ml_plan_stat(i: i32): i32 { return planStat(i); }
/**
 * Planner settings for later loads: bit s enables strategy s (TFLM's always runs); bit 8 in-place
 * sharing; bit 9 runs the large-model algorithms at every size (tests: same plans).
 */
export function ml_plan_configure(mask: i32): void { setPlanStrategies(mask); setInPlace((mask & 0x100) != 0); setForceLarge((mask & 0x200) != 0); }

/** Scratch buffers of subgraph 0: count, bytes, operator, offset in the planned area. */
export function ml_scratch_count(handle: i32): i32 { const m = checkModel(handle); return m === null ? -1 : subgraphAt(m, 0).numScratch; }
function scratchOf(handle: i32, i: i32): i32 {
  const m = checkModel(handle);
  if (m === null) return -1;
  if (i < 0 || i >= subgraphAt(m, 0).numScratch) { errorClear(); errBegin("scratch buffer index out of range"); return -1; }
  return i;
}
export function ml_scratch_bytes(handle: i32, i: i32): i32 { return scratchOf(handle, i) < 0 ? -1 : <i32>scratchAt(subgraphAt(changetype<Model>(modelById(handle)), 0), i).bytes; }
export function ml_scratch_op(handle: i32, i: i32): i32 { return scratchOf(handle, i) < 0 ? -1 : scratchAt(subgraphAt(changetype<Model>(modelById(handle)), 0), i).node; }
export function ml_scratch_offset(handle: i32, i: i32): i32 {
  return scratchOf(handle, i) < 0 ? -1 : <i32>(scratchAt(subgraphAt(changetype<Model>(modelById(handle)), 0), i).data - arenaBase());
}

// ---- guards (tests): where a model's live data is, to check that nothing is written elsewhere --

/** Arena start address and the lowest address of its persistent area (the tail). */
export function ml_arena_base(): usize { return arenaBase(); }
/** End of the block that starts at ml_arena_base (automatic mode: the shared head only). */
export function ml_arena_block_end(): usize { return arenaBase() + currentArena().capacity; }
/** Lowest persistent address inside that block (its end when the block holds no persistent data). */
export function ml_arena_tail(): usize { const a = currentArena(); return a.split ? a.base + a.capacity : a.tail; }
/** Address and length of the model's bytes (its weights are read in place). */
export function ml_model_data(handle: i32): usize { const m = checkModel(handle); return m === null ? 0 : m.bytes; }
export function ml_model_length(handle: i32): u32 { const m = checkModel(handle); return m === null ? 0 : <u32>m.length; }

/**
 * Persistent bytes of the most recently loaded model by kind: 0 model/tensor/operator
 * records, 1 op data, 2 other kernel data (multipliers, tables, repacked weights),
 * 3 scratch buffer records, 4 variable tensors.
 */
export function ml_persistent_bytes(kind: i32): u32 { return <u32>persistentBytesOf(kind); }

// ---- several subgraphs (control flow): WHILE cap, early-ended invokes, per-subgraph plan ----
export * from "./subgraph_abi";
