// From a prepared model to planned addresses: collects the buffers (tensors without
// storage, kernel scratch) of every subgraph, gives ops that may run in place one buffer for
// input and output, plans (planBest) and assigns every planned address in the arena's head.
//
// Several subgraphs (control flow) are planned together, with TFLM's nested lifetimes
// (micro_allocation_info.cc): scopes are counted across the whole model by walking it from
// subgraph 0; an op that calls subgraphs (IF, WHILE, CALL_ONCE) opens one scope per callee
// and walks it there, so the callee's tensors live inside the calling op's scope, and the
// op's inputs (last used after the callees) and outputs (created before them) span them.
// A subgraph called from several places is walked each time and its buffers live from the
// first call to the last (TFLM's current code keeps only the last call's lifetime, which
// can overlap buffers alive during an earlier call). Subgraphs no op reaches get no storage.
// For a single-subgraph model this is exactly the one-subgraph plan: same buffers in the
// same order, same scopes, same temporary memory.

import {
  Subgraph, Node, Tensor, TensorFlag, nodeAt, inputIndex, outputIndex, numInputs, numOutputs,
  readTensorView, setTensorData, tensorData, subgraphInput, subgraphOutput,
} from "../graph";
import { OpRegistration, scratchAt } from "../ops/registry";
import { calleeCount, calleeAt } from "../ops/control_flow";
import { Model, subgraphAt } from "../model";
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

// Buffers: the scratch buffers of subgraph 0, 1, ... first (subgraph s's scratch i is buffer
// scratchBase[s] + i); then one per tensor that needs one (no storage, not variable, not
// empty), subgraph by subgraph in tensor order. Bit t of subgraph s's bitmap (at word
// wordBase[s]) marks those tensors and `wordRank[w]` counts the marked tensors below word w
// (over all subgraphs), so a tensor's buffer is found without a per-tensor table (2 words
// per 32 tensors). offlineBase[s] is where subgraph s's offline offsets start.
let tensorBits: usize = 0;
let wordRank: usize = 0;
let firstTensorBuffer: i32 = 0;
let wordBase: usize = 0;
let scratchBase: usize = 0;
let offlineBase: usize = 0;
/** The three per-subgraph tables of a one-subgraph model: all zero, no temporary memory. */
const SINGLE: usize = memory.data(16, 16);

function bufferOf(s: i32, t: i32): i32 {
  const w = <usize>(geti(wordBase, s) + (t >> 5));
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

/** The buffer `k` was merged into (itself if none); halves the path as it goes (hostile chains). */
function rootOf(k: i32): i32 {
  while (geti(u.fixed, k) <= -2) {
    const parent = -2 - geti(u.fixed, k);
    const up = geti(u.fixed, parent);
    if (up <= -2) seti(u.fixed, k, up);
    k = parent;
  }
  return k;
}

/** The scope counter of the walk, and the scope at which the subgraph being walked started. */
let scope: i32 = 0;
let entryScope: i32 = 0;

/** Marks tensor `t` of subgraph `s` alive in `at` (its first use when `open`). */
function touch(s: i32, t: i32, at: i32, open: bool): void {
  if (t < 0) return;
  const k = bufferOf(s, t);
  if (k < 0) return;
  // Read before written: alive from the start of the subgraph's run.
  if (geti(u.first, k) < 0) seti(u.first, k, open ? at : entryScope);
  if (!open || geti(u.last, k) < at) seti(u.last, k, at);
}

/**
 * Walks subgraph `s` (see the file comment): subgraph inputs at its entry scope, operator k
 * one scope further than the previous op and its callees, its outputs from there, its
 * inputs and scratch buffers up to after its callees, subgraph outputs to its last scope.
 * With `sharing`, replays the same scopes and lets ops share buffers in place instead.
 */
function walk(m: Model, s: i32, sharing: bool): void {
  const sg = subgraphAt(m, s);
  const savedEntry = entryScope;
  entryScope = scope;
  if (!sharing) for (let i = 0; i < vecLen(sg.inputs); i++) touch(s, subgraphInput(sg, i), scope, true);
  const firstScratch = geti(scratchBase, s);
  let cursor = 0;
  for (let k = 0; k < sg.numNodes; k++) {
    scope++;
    const opScope = scope;
    const node = nodeAt(sg, k);
    if (sharing) shareNode(s, sg, node, opScope);
    else for (let o = 0; o < numOutputs(node); o++) touch(s, outputIndex(node, o), scope, true);
    const calls = calleeCount(node);
    for (let c = 0; c < calls; c++) {
      scope++;
      walk(m, calleeAt(node, c), sharing);
    }
    if (sharing) continue;
    for (let j = 0; j < numInputs(node); j++) touch(s, inputIndex(node, j), scope, false);
    if (calls > 0) for (let o = 0; o < numOutputs(node); o++) touch(s, outputIndex(node, o), scope, false);
    // Scratch lives from the op's scope to after its callees (scratch is in op order).
    while (cursor < sg.numScratch && scratchAt(sg, cursor).node == k) {
      const b = firstScratch + cursor++;
      if (geti(u.first, b) < 0) seti(u.first, b, opScope);
      seti(u.last, b, scope);
    }
  }
  if (!sharing) for (let i = 0; i < vecLen(sg.outputs); i++) touch(s, subgraphOutput(sg, i), scope, true);
  entryScope = savedEntry;
}

/**
 * Fills the buffer arrays (unshared): sizes, offline offsets, lifetimes. Returns the number
 * of buffers in use, or -1 with a message for a bad offline offset.
 */
function fillBuffers(m: Model, count: i32, offlinePlan: usize): i32 {
  for (let s = 0; s < m.numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    const firstScratch = geti(scratchBase, s);
    for (let i = 0; i < sg.numScratch; i++) {
      const b = firstScratch + i;
      seti(u.size, b, <i32>alignUp(scratchAt(sg, i).bytes));
      seti(u.first, b, -1);
      seti(u.last, b, -1);
      seti(u.fixed, b, -1);
    }
    const firstOffline = geti(offlineBase, s);
    for (let i = 0; i < sg.numTensors; i++) {
      const k = bufferOf(s, i);
      if (k < 0) continue;
      const f = offlinePlan != 0 ? load<i32>(offlinePlan + (<usize>(firstOffline + i) << 2)) : -1;
      if (f < -1 || (f >= 0 && (f & 15) != 0)) {
        if (errBegin("OfflineMemoryAllocation offset ")) { errInt(f); errStr(" for tensor "); errInt(i); if (s > 0) { errStr(" of subgraph "); errInt(s); } errStr(" is not a 16-byte aligned offset"); }
        return -1;
      }
      seti(u.size, k, <i32>alignUp(readTensorView(sg, i, view).bytes));
      seti(u.fixed, k, f);
      seti(u.first, k, -1);
      seti(u.last, k, -1);
    }
  }
  scope = 0;
  entryScope = 0;
  walk(m, 0, false);
  let used = 0;
  for (let k = 0; k < count; k++) {
    if (geti(u.first, k) >= 0) { used++; continue; }
    seti(u.size, k, 0); seti(u.fixed, k, -1); seti(u.first, k, NO_FIRST); seti(u.last, k, NO_LAST);
  }
  return used;
}

/**
 * Whether output 0 of `node` (op scope `at`) may take the buffer `bt` of input `t`: the
 * registration allows it, the buffer dies here, `t` is neither an input nor an output of its
 * subgraph, has no offline offset, is read only through allowed inputs, and has exactly the
 * output's byte size.
 */
function canShare(s: i32, sg: Subgraph, node: Node, mask: i32, t: i32, o: i32, bt: i32, at: i32): bool {
  if (geti(u.fixed, bt) >= 0 || geti(u.last, bt) != at) return false;
  for (let j = 0; j < numInputs(node); j++) {
    if (inputIndex(node, j) == t && (j >= 31 || ((mask >> j) & 1) == 0)) return false;
  }
  if (geti(u.offset, bufferOf(s, t)) == IO_MARK) return false;
  const inBytes = readTensorView(sg, t, view).bytes;
  return readTensorView(sg, o, view).bytes == inBytes;
}

// While sharing, u.offset (free until planning) marks the buffers of subgraph inputs and
// outputs: one pass over those lists instead of one per tensor asked about.
const IO_MARK = 1;

function markSubgraphIo(m: Model, count: i32): void {
  for (let k = 0; k < count; k++) seti(u.offset, k, 0);
  for (let s = 0; s < m.numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    for (let i = 0; i < vecLen(sg.inputs); i++) markIo(s, subgraphInput(sg, i));
    for (let i = 0; i < vecLen(sg.outputs); i++) markIo(s, subgraphOutput(sg, i));
  }
}

function markIo(s: i32, t: i32): void {
  if (t < 0) return;
  const k = bufferOf(s, t);
  if (k >= 0) seti(u.offset, k, IO_MARK);
}

let merged: i32 = 0;

/**
 * Merges output 0 of `node` into the buffer of an input it may share (OpRegistration.inPlace).
 * Called in op order, so chains (RESHAPE then an elementwise op) end up in one buffer. In a
 * subgraph walked several times only its last run can match (an input's buffer dies at the
 * op's scope of the last run), and every run has the same order of uses.
 */
function shareNode(s: i32, sg: Subgraph, node: Node, at: i32): void {
  const mask = changetype<OpRegistration>(node.registration).inPlace;
  if (mask == 0 || numOutputs(node) < 1) return;
  const o = outputIndex(node, 0);
  let bo = bufferOf(s, o);
  if (bo < 0 || geti(u.size, bo = rootOf(bo)) == 0 || geti(u.fixed, bo) >= 0) return;
  for (let j = 0; j < numInputs(node) && j < 31; j++) {
    if (((mask >> j) & 1) == 0) continue;
    const t = inputIndex(node, j);
    if (t < 0 || t == o || bufferOf(s, t) < 0) continue;
    const bt = rootOf(bufferOf(s, t));
    if (bt == bo || !canShare(s, sg, node, mask, t, o, bt, at)) continue;
    if (geti(u.first, bo) < geti(u.first, bt)) seti(u.first, bt, geti(u.first, bo));
    if (geti(u.last, bo) > geti(u.last, bt)) seti(u.last, bt, geti(u.last, bo));
    seti(u.size, bo, 0); seti(u.fixed, bo, -2 - bt); seti(u.first, bo, NO_FIRST); seti(u.last, bo, NO_LAST);
    merged++;
    return;
  }
}

/** Shares buffers in place over the whole model (the walk replayed); returns the count. */
function shareInPlace(m: Model, count: i32): i32 {
  markSubgraphIo(m, count);
  merged = 0;
  scope = 0;
  entryScope = 0;
  walk(m, 0, true);
  return merged;
}

/**
 * Plans every subgraph of the model being loaded (`offlinePlan`: its OfflineMemoryAllocation
 * offsets, one per tensor of every subgraph in order, or 0) and assigns addresses. The model
 * must have passed the control-flow checks (callee indices in range, no recursion, a bounded
 * walk: assembly/interpreter.ts). Returns the head bytes the plan needs, or -1 with a message
 * / on an exhausted arena. Working memory is temporary: 5 words per buffer and 2 per 32
 * tensors, 3 per subgraph when there are several, plus what the strategies use (planBest;
 * TFLM's greedy: 2 words per buffer, 5 above 2,048 buffers).
 */
export function planModelBuffers(m: Model, offlinePlan: usize, offlineCount: i32): i32 {
  seti(stats, PlanStat.PreparePeak, <i32>currentArena().loadPeak);
  const mark = tempMark();
  const total = planAndAssign(m, offlinePlan, offlineCount);
  releaseTemp(mark);
  return total;
}

/** Scratch requests must come in op order within a subgraph (the walk relies on it). */
function scratchInOrder(sg: Subgraph): bool {
  let previous = 0;
  for (let i = 0; i < sg.numScratch; i++) {
    const k = scratchAt(sg, i).node;
    if (k < previous || k >= sg.numNodes) {
      if (errBegin("internal error: scratch buffers of subgraph ")) { errInt(sg.index); errStr(" were not requested in operator order"); }
      return false;
    }
    previous = k;
  }
  return true;
}

function planAndAssign(m: Model, offlinePlan: usize, offlineCount: i32): i32 {
  const numSubgraphs = m.numSubgraphs;
  // Per-subgraph tables (temporary only when there are several subgraphs).
  if (numSubgraphs == 1) {
    wordBase = scratchBase = offlineBase = SINGLE;
  } else {
    wordBase = allocTemp(<usize>numSubgraphs * 12);
    if (wordBase == 0) return -1;
    scratchBase = wordBase + (<usize>numSubgraphs << 2);
    offlineBase = scratchBase + (<usize>numSubgraphs << 2);
  }
  let words = 0, scratchCount = 0, tensorCount = 0;
  for (let s = 0; s < numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    if (!scratchInOrder(sg)) return -1;
    if (numSubgraphs > 1) { seti(wordBase, s, words); seti(scratchBase, s, scratchCount); seti(offlineBase, s, tensorCount); }
    words += (sg.numTensors + 31) >> 5;
    scratchCount += sg.numScratch;
    tensorCount += sg.numTensors;
  }
  if (offlinePlan != 0 && offlineCount != tensorCount) {
    if (errBegin("OfflineMemoryAllocation has ")) {
      errInt(offlineCount); errStr(numSubgraphs == 1 ? " offsets, subgraph 0 has " : " offsets, the model's subgraphs have ");
      errInt(tensorCount); errStr(" tensors");
    }
    return -1;
  }
  tensorBits = allocTemp(<usize>words << 3);
  wordRank = tensorBits + (<usize>words << 2);
  if (words > 0 && tensorBits == 0) return -1;
  firstTensorBuffer = scratchCount;
  let count = scratchCount;
  for (let s = 0; s < numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    const n = sg.numTensors;
    const first = geti(wordBase, s);
    for (let w = 0; w < (n + 31) >> 5; w++) {
      seti(wordRank, first + w, count - scratchCount);
      let bits: u32 = 0;
      for (let b = 0; b < 32 && (w << 5) + b < n; b++) {
        const i = (w << 5) + b;
        if (tensorData(sg, i) != 0) continue;
        const t = readTensorView(sg, i, view);
        if ((t.flags & TensorFlag.Variable) != 0 || t.bytes == 0) continue;
        bits |= <u32>1 << <u32>b;
        count++;
      }
      store<u32>(tensorBits + (<usize>(first + w) << 2), bits);
    }
  }
  const block = allocTemp(<usize>count * 20);
  if (count > 0 && block == 0) return -1;
  const w4 = <usize>count << 2;
  u.size = block; u.first = block + w4; u.last = block + 2 * w4; u.fixed = block + 3 * w4; u.offset = block + 4 * w4;
  const used = fillBuffers(m, count, offlinePlan);
  if (used < 0) return -1;
  let scopes = 0;
  for (let k = 0; k < count; k++) if (geti(u.last, k) + 1 > scopes) scopes = geti(u.last, k) + 1;
  seti(stats, PlanStat.LowerBoundUnshared, planLowerBound(count, u.size, u.first, u.last, scopes));
  const tflm = planGreedyBySize(count, u.size, u.first, u.last, u.fixed, u.offset);
  if (tflm < 0) return -1;
  seti(stats, PlanStat.TflmUnshared, tflm);

  // In-place sharing merges buffers in u; kept unless it plans larger than TFLM unshared.
  let shared = inPlaceEnabled ? shareInPlace(m, count) : 0;
  let total = planBest(count, u.size, u.first, u.last, u.fixed, u.offset);
  if (shared > 0 && total > tflm) {
    fillBuffers(m, count, offlinePlan);
    shared = 0;
    total = planBest(count, u.size, u.first, u.last, u.fixed, u.offset);
  }
  if (total < 0) return -1;
  seti(stats, PlanStat.LowerBound, planLastLowerBound());
  seti(stats, PlanStat.Bytes, total);
  seti(stats, PlanStat.Shared, shared);
  seti(stats, PlanStat.Buffers, used - shared);
  // Assign addresses before releasing the working memory.
  const base = currentArena().base;
  for (let s = 0; s < numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    for (let i = 0; i < sg.numTensors; i++) {
      const k = bufferOf(s, i);
      if (k < 0 || (geti(u.size, k) == 0 && geti(u.fixed, k) == -1)) continue; // unused: no storage
      setTensorData(sg, i, base + <usize>geti(u.offset, rootOf(k)));
    }
    const firstScratch = geti(scratchBase, s);
    for (let i = 0; i < sg.numScratch; i++) scratchAt(sg, i).data = base + <usize>geti(u.offset, firstScratch + i);
  }
  return total;
}
