// TFLM's greedy planner for large buffer sets: the same decisions as planGreedyBySize, in
// O((n + P) log n) instead of O(n^2), P being the number of buffer pairs whose lifetimes
// overlap.
//
// TFLM walks every placed buffer in offset order, skips those whose lifetime does not
// overlap the new buffer's, and stops at the first gap that fits. That gives the lowest
// offset where the buffer meets none of the placed buffers overlapping it in time, so only
// those matter, in offset order (ties between equal offsets cannot change the result). They
// are found with a max-tree over the buffers sorted by first scope: each leaf holds a placed
// buffer's last scope, and the buffers overlapping [f, l] are the placed ones with first <= l
// (a prefix of that order) and last >= f (subtrees whose maximum is below f are skipped).
//
// Wide models (many buffers alive at once) make P quadratic in n, so P is limited.

import { allocTemp, tempMark, releaseTemp } from "../arena";
import { sortIds, sortByKeyAsc, SortBy } from "./sort";
import { errBegin, errStr, errInt } from "../common/error";

// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

/**
 * Most pairs of buffers with overlapping lifetimes a large model may have (a few hundred ms
 * of planning). Real models stay far below: 1,000 buffers all alive at once make 500,000.
 */
export const MAX_OVERLAPPING_PAIRS: i64 = 4_000_000;

// The query's state (one query at a time).
let tree: usize = 0;      // 2 * leaves words: node i has children 2i, 2i + 1; leaves at [leaves, 2 * leaves)
let leaves: i32 = 0;
let byFirst: usize = 0;   // buffer ids by (first, id): leaf p holds byFirst[p]
let hits: usize = 0;
let hitCount: i32 = 0;
let from: i32 = 0;

/** Adds the buffers under `node` whose last scope is >= from to hits. */
function collect(node: i32): void {
  if (geti(tree, node) < from) return;
  if (node >= leaves) { seti(hits, hitCount++, geti(byFirst, node - leaves)); return; }
  collect(2 * node);
  collect(2 * node + 1);
}

/** Number of buffers whose first scope is <= `scope` (a prefix of byFirst). */
function countFirstUpTo(first: usize, scope: i32): i32 {
  let lo = 0, hi = leaves;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (geti(first, geti(byFirst, mid)) <= scope) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Position of buffer `id` in byFirst. */
function positionOf(first: usize, id: i32): i32 {
  const f = geti(first, id);
  let lo = 0, hi = leaves;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const b = geti(byFirst, mid);
    const fb = geti(first, b);
    if (fb < f || (fb == f && b < id)) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * planGreedyBySize for any n (see the file comment). Working memory: 5 words per buffer.
 * Returns the offsets' extent, or -1 when temporary memory ran out or (with a message)
 * when the buffers overlap in more than MAX_OVERLAPPING_PAIRS pairs.
 */
export function planGreedyLarge(n: i32, size: usize, first: usize, last: usize, fixed: usize, offset: usize): i32 {
  const mark = tempMark();
  const w = <usize>n << 2;
  const order = allocTemp(w);
  byFirst = allocTemp(w);
  tree = allocTemp(w << 1);
  hits = allocTemp(w);
  if (order == 0 || byFirst == 0 || tree == 0 || hits == 0) return -1;
  leaves = n;

  // Offline buffers first (in id order), then the online ones by (size desc, id desc): the
  // order of TFLM's reverse fill and stable sort.
  let head = 0;
  for (let i = 0; i < n; i++) if (geti(fixed, i) >= 0) seti(order, head++, i);
  let k = head;
  for (let i = 0; i < n; i++) if (geti(fixed, i) < 0) seti(order, k++, i);
  sortIds(order + (<usize>head << 2), n - head, SortBy.SizeDescIdDesc, size);

  for (let i = 0; i < n; i++) seti(byFirst, i, i);
  sortIds(byFirst, n, SortBy.FirstAsc, first);
  for (let i = 1; i < 2 * n; i++) seti(tree, i, i32.MIN_VALUE);

  let pairs: i64 = 0;
  for (k = 0; k < n; k++) {
    const id = geti(order, k);
    const f = geti(first, id), l = geti(last, id);
    let at = geti(fixed, id);
    if (at < 0) {
      at = 0;
      if (f <= l) {
        // The placed buffers overlapping [f, l], by offset.
        hitCount = 0;
        from = f;
        let lo = leaves, hi = leaves + countFirstUpTo(first, l);
        while (lo < hi) {
          if (lo & 1) collect(lo++);
          if (hi & 1) collect(--hi);
          lo >>= 1;
          hi >>= 1;
        }
        pairs += hitCount;
        if (pairs > MAX_OVERLAPPING_PAIRS) {
          if (errBegin("too many buffers alive at the same time to plan: more than ")) {
            errInt(MAX_OVERLAPPING_PAIRS, true); errStr(" pairs of the model's ");
            errInt(n, true); errStr(" activation and scratch buffers have overlapping lifetimes");
          }
          releaseTemp(mark);
          return -1;
        }
        sortByKeyAsc(hits, hitCount, offset);
        const wanted = geti(size, id);
        for (let h = 0; h < hitCount; h++) {
          const x = geti(hits, h);
          const ox = geti(offset, x);
          if (ox - at >= wanted) break;
          const end = ox + geti(size, x);
          if (end > at) at = end;
        }
      }
    }
    seti(offset, id, at);
    if (f <= l) {
      // Nodes hold maxima, which only grow: raise the path until a node is already as high.
      for (let p = leaves + positionOf(first, id); p >= 1 && geti(tree, p) < l; p >>= 1) seti(tree, p, l);
    }
  }
  releaseTemp(mark);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const end = geti(offset, i) + geti(size, i);
    if (end > top) top = end;
  }
  return top;
}
