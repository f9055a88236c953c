// The interpreter: load (verify, resolve ops) -> prepare -> plan -> invoke (eval only).

import { Model, readModel, subgraphAt, useModel } from "./model";
import {
  Subgraph, Node, Tensor, TensorFlag, nodeAt, inputIndex, outputIndex, numInputs, numOutputs,
  readTensorView, setTensorData, tensorData, subgraphInput, subgraphOutput, ScratchBuffer,
} from "./graph";
import { OpRegistration, scratchAt, setPreparing } from "./ops/registry";
import {
  currentArena, allocPersistent, allocTemp, tempMark, releaseTemp, reserveHead, alignUp,
  clearPersistentCounts, setPersistentKind, PersistentKind,
} from "./arena";
import { planSubgraph, planStat, PlanStat } from "./planner/model_plan";
import { errBegin, errStr, errInt, hasError } from "./common/error";
import { vecLen } from "./schema/flatbuffer";
import { DType } from "./schema/tflite";

// @ts-ignore: decorator
@inline function registrationOf(node: Node): OpRegistration { return changetype<OpRegistration>(node.registration); }

/** A view for tensors the interpreter inspects one at a time (not in the arena). */
const scanView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/** Runs every op's prepare, in order. Temporary allocations are released after each op. */
function prepareSubgraph(sg: Subgraph): bool {
  setPreparing(sg);
  for (let i = 0; i < sg.numNodes; i++) {
    const node = nodeAt(sg, i);
    const mark = tempMark();
    const ok = registrationOf(node).prepare(sg, node);
    releaseTemp(mark);
    if (!ok || hasError() || currentArena().exhausted) { setPreparing(null); return false; }
  }
  setPreparing(null);
  return true;
}

/** Allocates variable tensors in the persistent area. */
function allocateVariables(sg: Subgraph): bool {
  for (let i = 0; i < sg.numTensors; i++) {
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0 || t.bytes == 0) continue;
    const p = allocPersistent(t.bytes);
    if (p == 0) return false;
    setTensorData(sg, i, p);
  }
  return true;
}

/** Sets variable tensors to their initial value (TFLM: the zero point for int8, else 0). */
function resetVariables(sg: Subgraph): void {
  for (let i = 0; i < sg.numTensors; i++) {
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0 || t.data == 0) continue;
    const value = <i32>t.type == DType.INT8 ? t.zeroPoint & 0xff : 0;
    memory.fill(t.data, <u8>value, t.bytes);
  }
}

/** The lower bound (max live bytes) and size of the last plan made, for reports. */
export let lastPlanLowerBound: i32 = 0;
export let lastPlanBytes: i32 = 0;

/**
 * The planner works in i32 offsets: every buffer to plan, laid end to end after the highest
 * offline offset, must stay below 2 GB (no plan is larger), or sizes and offsets would wrap.
 */
function planFitsI32(m: Model): bool {
  const sg = subgraphAt(m, 0);
  let total: u64 = 0;
  let highest: u64 = 0;
  for (let i = 0; i < sg.numTensors; i++) {
    if (tensorData(sg, i) != 0) continue;
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0) total += (<u64>t.bytes + 15) & ~15;
    if (m.offlinePlan != 0 && i < m.offlinePlanCount) {
      const f = load<i32>(m.offlinePlan + (<usize>i << 2));
      if (f > 0 && <u64>f > highest) highest = <u64>f;
    }
  }
  for (let s = 0; s < sg.numScratch; s++) total += (<u64>scratchAt(sg, s).bytes + 15) & ~15;
  if (total + highest <= 0x7fff0000) return true;
  if (errBegin("the model's activations and scratch buffers need more than 2 GB (")) { errInt(<i64>(total + highest), true); errStr(" bytes)"); }
  return false;
}

/** Plans subgraph 0's tensors and scratch buffers (assembly/planner/) and reserves the head. */
function planModel(m: Model): bool {
  if (!planFitsI32(m)) return false;
  const total = planSubgraph(subgraphAt(m, 0), m.offlinePlan, m.offlinePlanCount);
  if (total < 0) return false;
  lastPlanBytes = total;
  lastPlanLowerBound = planStat(PlanStat.LowerBound);
  return reserveHead(<usize>total);
}

/**
 * Loads the model at [bytes, bytes+length) into the current arena. Returns the Model, or
 * null with a message (the arena's persistent area is rolled back on failure).
 */
export function loadModel(bytes: usize, length: usize): Model | null {
  const arena = currentArena();
  const tailBefore = arena.tail;
  arena.loadPeak = 0;
  clearPersistentCounts();
  setPersistentKind(PersistentKind.Metadata);
  const m = readModel(bytes, length);
  if (m === null) { arena.tail = tailBefore; return null; }
  m.tailBefore = tailBefore;
  // Every subgraph is prepared (control-flow ops call the others).
  setPersistentKind(PersistentKind.KernelData);
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!prepareSubgraph(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
  setPersistentKind(PersistentKind.Variables);
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!allocateVariables(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
  setPersistentKind(PersistentKind.Metadata);
  if (!planModel(m)) { arena.tail = tailBefore; return null; }
  m.persistentBytes = tailBefore - arena.tail;
  // The head this model needs: its plan, or more if prepare's temporary memory reached higher.
  m.plannedBytes = arena.loadPeak;
  resetModel(m);
  m.ready = true;
  return m;
}

/** Runs every op of subgraph `index` in order. */
export function invokeSubgraph(m: Model, index: i32): bool {
  const sg = subgraphAt(m, index);
  const n = sg.numNodes;
  for (let i = 0; i < n; i++) {
    const node = nodeAt(sg, i);
    if (!registrationOf(node).eval(sg, node)) return false;
  }
  return true;
}

/** One op of subgraph 0 (for hosts that profile op by op). */
export function invokeNode(m: Model, index: i32): bool {
  const sg = subgraphAt(m, 0);
  if (index < 0 || index >= sg.numNodes) return false;
  const node = nodeAt(sg, index);
  return registrationOf(node).eval(sg, node);
}

/** Clears all state: variable tensors and op state, as after load. */
export function resetModel(m: Model): void {
  useModel(m);
  for (let s = 0; s < m.numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    resetVariables(sg);
    for (let i = 0; i < sg.numNodes; i++) {
      const node = nodeAt(sg, i);
      registrationOf(node).reset(sg, node);
    }
  }
}
