// From a prepared subgraph to planned addresses: collects the buffers (tensors without
// storage, kernel scratch), gives ops that may run in place one buffer for input and output,
// plans (planBest) and assigns every planned address in the arena's head.

import {
  Subgraph, Node, Tensor, TensorFlag, nodeAt, inputIndex, outputIndex, numInputs, numOutputs,
  readTensorView, setTensorData, tensorData, subgraphInput, subgraphOutput,
} from "../graph";
import { OpRegistration, scratchAt } from "../ops/registry";
import { currentArena, allocTemp, tempMark, releaseTemp, alignUp } from "../arena";
import { planBest, planGreedyBySize, planLowerBound, planLastLowerBound } from "../planner";
import { geti, seti } from "./place";
import { errBegin, errStr, errInt } from "../common/error";
import { vecLen } from "../schema/flatbuffer";

const view = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/** Set to false to plan without in-place sharing (tests, reports). */
let inPlaceEnabled: bool = true;
export function setInPlace(on: bool): void { inPlaceEnabled = on; }

/** Figures of the last plan, for reports (ml_plan_stat). */
export const enum PlanStat {
  Bytes = 0, LowerBound = 1, LowerBoundUnshared = 2, TflmUnshared = 3, Shared = 4, Buffers = 5,
  /** Head bytes temporary memory reached while the model loaded, before planning. */
  PreparePeak = 6,
}
export const PLAN_STATS: i32 = 7;
const stats: usize = memory.data(PLAN_STATS * 4);
export function planStat(i: i32): i32 { return i >= 0 && i < PLAN_STATS ? geti(stats, i) : -1; }

/** Buffer arrays (n words each): size, first, last, fixed, offset. */
@unmanaged class Buffers { size: usize; first: usize; last: usize; fixed: usize; offset: usize; }
const u = changetype<Buffers>(memory.data(offsetof<Buffers>(), 16));

// Buffers: scratch buffer s is buffer s; then one per tensor that needs one (no storage, not
// variable, not empty), in tensor order. Bit t of `tensorBits` marks those tensors and
// `wordRank[w]` counts the marked tensors below word w, so a tensor's buffer is found
// without a per-tensor table (2 words per 32 tensors).
let tensorBits: usize = 0;
let wordRank: usize = 0;
let firstTensorBuffer: i32 = 0;

function bufferOf(t: i32): i32 {
  const w = <usize>(t >> 5);
  const word = load<u32>(tensorBits + (w << 2));
  const bit = <u32>(t & 31);
  if (((word >> bit) & 1) == 0) return -1;
  return firstTensorBuffer + geti(wordRank, <i32>w) + <i32>popcnt(word & ((<u32>1 << bit) - 1));
}

// A buffer merged into another (in-place sharing) has size 0 and fixed = -2 - the buffer it
// joined; an unused one (no op touches its tensor) has size 0 and fixed = -1. Both have an
// empty lifetime, so no strategy sees them.
const NO_FIRST = i32.MAX_VALUE;
const NO_LAST = i32.MIN_VALUE;

// @ts-ignore: decorator
@inline function rootOf(k: i32): i32 {
  while (geti(u.fixed, k) <= -2) k = -2 - geti(u.fixed, k);
  return k;
}

/** Marks tensor `t`'s buffer alive in `scope` (first use when `open`). */
function touch(t: i32, scope: i32, open: bool): void {
  if (t < 0) return;
  const k = bufferOf(t);
  if (k < 0) return;
  if (geti(u.first, k) < 0) seti(u.first, k, open ? scope : 0); // read before written: from the start
  if (!open || geti(u.last, k) < scope) seti(u.last, k, scope);
}

/**
 * Lifetimes in TFLM's scopes: subgraph inputs at scope 0, operator k at scope k+1 (its
 * outputs from there, its inputs up to there), subgraph outputs to the last scope.
 */
function markLifetimes(sg: Subgraph): void {
  for (let i = 0; i < vecLen(sg.inputs); i++) touch(subgraphInput(sg, i), 0, true);
  let scope = 0;
  for (let k = 0; k < sg.numNodes; k++) {
    scope++;
    const node = nodeAt(sg, k);
    for (let o = 0; o < numOutputs(node); o++) touch(outputIndex(node, o), scope, true);
    for (let j = 0; j < numInputs(node); j++) touch(inputIndex(node, j), scope, false);
  }
  for (let i = 0; i < vecLen(sg.outputs); i++) touch(subgraphOutput(sg, i), scope, true);
}

/**
 * Fills the buffer arrays (unshared): sizes, offline offsets, lifetimes. Returns the number
 * of buffers in use, or -1 with a message for a bad offline offset.
 */
function fillBuffers(sg: Subgraph, count: i32, offlinePlan: usize): i32 {
  for (let s = 0; s < sg.numScratch; s++) {
    // Scratch lives in its op's scope (operator k is scope k + 1).
    const sb = scratchAt(sg, s);
    seti(u.size, s, <i32>alignUp(sb.bytes));
    seti(u.first, s, sb.node + 1);
    seti(u.last, s, sb.node + 1);
    seti(u.fixed, s, -1);
  }
  for (let i = 0; i < sg.numTensors; i++) {
    const k = bufferOf(i);
    if (k < 0) continue;
    const f = offlinePlan != 0 ? load<i32>(offlinePlan + (<usize>i << 2)) : -1;
    if (f < -1 || (f >= 0 && (f & 15) != 0)) {
      if (errBegin("OfflineMemoryAllocation offset ")) { errInt(f); errStr(" for tensor "); errInt(i); errStr(" is not a 16-byte aligned offset"); }
      return -1;
    }
    seti(u.size, k, <i32>alignUp(readTensorView(sg, i, view).bytes));
    seti(u.fixed, k, f);
    seti(u.first, k, -1);
    seti(u.last, k, -1);
  }
  markLifetimes(sg);
  let used = sg.numScratch;
  for (let k = sg.numScratch; k < count; k++) {
    if (geti(u.first, k) >= 0) { used++; continue; }
    seti(u.size, k, 0); seti(u.fixed, k, -1); seti(u.first, k, NO_FIRST); seti(u.last, k, NO_LAST);
  }
  return used;
}

/**
 * Whether output 0 of `node` (op scope `scope`) may take the buffer `bt` of input `t`: the
 * registration allows it, the buffer dies here, `t` is neither a model input nor output,
 * has no offline offset, is read only through allowed inputs, and has exactly the output's
 * byte size.
 */
function canShare(sg: Subgraph, node: Node, mask: i32, t: i32, o: i32, bt: i32, scope: i32): bool {
  if (geti(u.fixed, bt) >= 0 || geti(u.last, bt) != scope) return false;
  for (let j = 0; j < numInputs(node); j++) {
    if (inputIndex(node, j) == t && (j >= 31 || ((mask >> j) & 1) == 0)) return false;
  }
  const inBytes = readTensorView(sg, t, view).bytes;
  if ((view.flags & (TensorFlag.ModelInput | TensorFlag.ModelOutput)) != 0) return false;
  return readTensorView(sg, o, view).bytes == inBytes;
}

/**
 * Merges outputs into the buffer of an input they may share (OpRegistration.inPlace), in op
 * order so chains (RESHAPE then an elementwise op) end up in one buffer. Returns the count.
 */
function shareInPlace(sg: Subgraph): i32 {
  let merged = 0;
  for (let k = 0; k < sg.numNodes; k++) {
    const node = nodeAt(sg, k);
    const mask = changetype<OpRegistration>(node.registration).inPlace;
    if (mask == 0 || numOutputs(node) < 1) continue;
    const o = outputIndex(node, 0);
    let bo = bufferOf(o);
    if (bo < 0 || geti(u.size, bo = rootOf(bo)) == 0 || geti(u.fixed, bo) >= 0) continue;
    for (let j = 0; j < numInputs(node) && j < 31; j++) {
      if (((mask >> j) & 1) == 0) continue;
      const t = inputIndex(node, j);
      if (t < 0 || t == o || bufferOf(t) < 0) continue;
      const bt = rootOf(bufferOf(t));
      if (bt == bo || !canShare(sg, node, mask, t, o, bt, k + 1)) continue;
      if (geti(u.first, bo) < geti(u.first, bt)) seti(u.first, bt, geti(u.first, bo));
      if (geti(u.last, bo) > geti(u.last, bt)) seti(u.last, bt, geti(u.last, bo));
      seti(u.size, bo, 0); seti(u.fixed, bo, -2 - bt); seti(u.first, bo, NO_FIRST); seti(u.last, bo, NO_LAST);
      merged++;
      break;
    }
  }
  return merged;
}

/**
 * Plans subgraph 0 of the model being loaded (`offlinePlan`: its OfflineMemoryAllocation
 * offsets, one per tensor, or 0) and assigns addresses. Returns the head bytes the plan
 * needs, or -1 with a message / on an exhausted arena. Working memory is temporary: 5 words
 * per buffer and 2 per 32 tensors, plus what the strategies use (see planBest).
 */
export function planSubgraph(sg: Subgraph, offlinePlan: usize, offlineCount: i32): i32 {
  seti(stats, PlanStat.PreparePeak, <i32>currentArena().loadPeak);
  const mark = tempMark();
  const total = planAndAssign(sg, offlinePlan, offlineCount);
  releaseTemp(mark);
  return total;
}

function planAndAssign(sg: Subgraph, offlinePlan: usize, offlineCount: i32): i32 {
  const n = sg.numTensors;
  if (offlinePlan != 0 && offlineCount != n) {
    if (errBegin("OfflineMemoryAllocation has ")) { errInt(offlineCount); errStr(" offsets, subgraph 0 has "); errInt(n); errStr(" tensors"); }
    return -1;
  }
  const words = (n + 31) >> 5;
  tensorBits = allocTemp(<usize>words << 3);
  wordRank = tensorBits + (<usize>words << 2);
  if (words > 0 && tensorBits == 0) return -1;
  firstTensorBuffer = sg.numScratch;
  let count = sg.numScratch;
  for (let w = 0; w < words; w++) {
    seti(wordRank, w, count - sg.numScratch);
    let bits: u32 = 0;
    for (let b = 0; b < 32 && (w << 5) + b < n; b++) {
      const i = (w << 5) + b;
      if (tensorData(sg, i) != 0) continue;
      const t = readTensorView(sg, i, view);
      if ((t.flags & TensorFlag.Variable) != 0 || t.bytes == 0) continue;
      bits |= <u32>1 << <u32>b;
      count++;
    }
    store<u32>(tensorBits + (<usize>w << 2), bits);
  }
  const block = allocTemp(<usize>count * 20);
  if (count > 0 && block == 0) return -1;
  const w4 = <usize>count << 2;
  u.size = block; u.first = block + w4; u.last = block + 2 * w4; u.fixed = block + 3 * w4; u.offset = block + 4 * w4;
  const used = fillBuffers(sg, count, offlinePlan);
  if (used < 0) return -1;
  let scopes = 0;
  for (let k = 0; k < count; k++) if (geti(u.last, k) + 1 > scopes) scopes = geti(u.last, k) + 1;
  seti(stats, PlanStat.LowerBoundUnshared, planLowerBound(count, u.size, u.first, u.last, scopes));
  const tflm = planGreedyBySize(count, u.size, u.first, u.last, u.fixed, u.offset);
  if (tflm < 0) return -1;
  seti(stats, PlanStat.TflmUnshared, tflm);

  // In-place sharing merges buffers in u; kept unless it plans larger than TFLM unshared.
  let merged = inPlaceEnabled ? shareInPlace(sg) : 0;
  let total = planBest(count, u.size, u.first, u.last, u.fixed, u.offset);
  if (merged > 0 && total > tflm) {
    fillBuffers(sg, count, offlinePlan);
    merged = 0;
    total = planBest(count, u.size, u.first, u.last, u.fixed, u.offset);
  }
  if (total < 0) return -1;
  seti(stats, PlanStat.LowerBound, planLastLowerBound());
  seti(stats, PlanStat.Bytes, total);
  seti(stats, PlanStat.Shared, merged);
  seti(stats, PlanStat.Buffers, used - merged);
  // Assign addresses before releasing the working memory.
  const base = currentArena().base;
  for (let i = 0; i < n; i++) {
    const k = bufferOf(i);
    if (k < 0 || (geti(u.size, k) == 0 && geti(u.fixed, k) == -1)) continue; // unused: no storage
    setTensorData(sg, i, base + <usize>geti(u.offset, rootOf(k)));
  }
  for (let s = 0; s < sg.numScratch; s++) scratchAt(sg, s).data = base + <usize>geti(u.offset, s);
  return total;
}
