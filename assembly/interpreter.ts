// The interpreter: load (verify, resolve ops) -> prepare -> plan -> invoke (eval only).

import { Model, readModel, subgraphAt, useModel } from "./model";
import {
  Subgraph, Node, Tensor, TensorFlag, nodeAt, inputIndex, outputIndex, numInputs, numOutputs,
  readTensorView, setTensorData, tensorData, subgraphInput, subgraphOutput, ScratchBuffer,
} from "./graph";
import { OpRegistration, scratchAt, setPreparing } from "./ops/registry";
import { currentArena, allocPersistent, allocTemp, tempMark, releaseTemp, reserveHead, alignUp } from "./arena";
import { planGreedyBySize, planLowerBound } from "./planner";
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

// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

/**
 * Lifetimes in TFLM's scopes: subgraph inputs at scope 0, operator k at scope k+1, outputs
 * to the last scope. Writes first/last per tensor (-1: never used) and each op's scope.
 */
function markLifetimes(sg: Subgraph, first: usize, last: usize): i32 {
  for (let i = 0; i < sg.numTensors; i++) { seti(first, i, -1); seti(last, i, -1); }
  let scope = 0;
  for (let i = 0; i < vecLen(sg.inputs); i++) {
    const t = subgraphInput(sg, i);
    if (geti(first, t) < 0) seti(first, t, scope);
    seti(last, t, scope);
  }
  for (let k = 0; k < sg.numNodes; k++) {
    scope++;
    const node = nodeAt(sg, k);
    for (let o = 0; o < numOutputs(node); o++) {
      const t = outputIndex(node, o);
      if (geti(first, t) < 0) seti(first, t, scope);
    }
    for (let j = 0; j < numInputs(node); j++) {
      const t = inputIndex(node, j);
      if (t < 0) continue;
      if (geti(first, t) < 0) seti(first, t, 0); // read but never written: alive from the start
      seti(last, t, scope);
    }
    for (let o = 0; o < numOutputs(node); o++) seti(last, outputIndex(node, o), scope);
  }
  for (let i = 0; i < vecLen(sg.outputs); i++) {
    const t = subgraphOutput(sg, i);
    if (geti(first, t) < 0) seti(first, t, scope);
    seti(last, t, scope);
  }
  return scope + 1;
}

/**
 * Plans subgraph 0's tensors and scratch buffers, then assigns every planned address.
 * Working memory is temporary: per tensor two lifetimes, per buffer eight words.
 */
function planModel(m: Model): bool {
  const sg = subgraphAt(m, 0);
  const mark = tempMark();
  const n = sg.numTensors;
  const first = allocTemp(<usize>n << 2);
  const last = allocTemp(<usize>n << 2);
  if (n > 0 && last == 0) return false;
  const scopes = markLifetimes(sg, first, last);
  if (m.offlinePlan != 0 && m.offlinePlanCount != n) {
    if (errBegin("OfflineMemoryAllocation has ")) { errInt(m.offlinePlanCount); errStr(" offsets, subgraph 0 has "); errInt(n); errStr(" tensors"); }
    return false;
  }
  // Count the buffers to plan: tensors without storage that some op or the graph uses.
  let count = sg.numScratch;
  for (let i = 0; i < n; i++) {
    if (tensorData(sg, i) != 0 || geti(first, i) < 0) continue;
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0 && t.bytes > 0) count++;
  }
  const size = allocTemp(<usize>count << 2);
  const bFirst = allocTemp(<usize>count << 2);
  const bLast = allocTemp(<usize>count << 2);
  const fixed = allocTemp(<usize>count << 2);
  const offset = allocTemp(<usize>count << 2);
  const owner = allocTemp(<usize>count << 2); // tensor index, or -1 - scratch index
  if (count > 0 && owner == 0) return false;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (tensorData(sg, i) != 0 || geti(first, i) < 0) continue;
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) != 0 || t.bytes == 0) continue;
    seti(size, b, <i32>alignUp(t.bytes));
    seti(bFirst, b, geti(first, i));
    seti(bLast, b, geti(last, i));
    const f = m.offlinePlan != 0 ? load<i32>(m.offlinePlan + (<usize>i << 2)) : -1;
    if (f < -1 || (f >= 0 && (f & 15) != 0)) {
      if (errBegin("OfflineMemoryAllocation offset ")) { errInt(f); errStr(" for tensor "); errInt(i); errStr(" is not a 16-byte aligned offset"); }
      return false;
    }
    seti(fixed, b, f);
    seti(owner, b, i);
    b++;
  }
  for (let s = 0; s < sg.numScratch; s++) {
    const sb = scratchAt(sg, s);
    // Scratch lives in its op's scope (operator k is scope k + 1).
    seti(size, b, <i32>alignUp(sb.bytes));
    seti(bFirst, b, sb.node + 1);
    seti(bLast, b, sb.node + 1);
    seti(fixed, b, -1);
    seti(owner, b, -1 - s);
    b++;
  }
  const total = planGreedyBySize(count, size, bFirst, bLast, fixed, offset);
  if (total < 0) return false;
  lastPlanBytes = total;
  lastPlanLowerBound = planLowerBound(count, size, bFirst, bLast, scopes);
  // Assign addresses before releasing the working memory (reserveHead may not move the head).
  const base = currentArena().base;
  for (let k = 0; k < count; k++) {
    const o = geti(owner, k);
    const address = base + <usize>geti(offset, k);
    if (o >= 0) setTensorData(sg, o, address);
    else scratchAt(sg, -1 - o).data = address;
  }
  releaseTemp(mark);
  if (!reserveHead(<usize>total)) return false;
  return true;
}

/**
 * Loads the model at [bytes, bytes+length) into the current arena. Returns the Model, or
 * null with a message (the arena's persistent area is rolled back on failure).
 */
export function loadModel(bytes: usize, length: usize): Model | null {
  const arena = currentArena();
  const tailBefore = arena.tail;
  arena.loadPeak = 0;
  const m = readModel(bytes, length);
  if (m === null) { arena.tail = tailBefore; return null; }
  m.tailBefore = tailBefore;
  // Every subgraph is prepared (control-flow ops call the others).
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!prepareSubgraph(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!allocateVariables(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
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
