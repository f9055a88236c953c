// Memory planner: places every non-persistent buffer (activations, kernel scratch) at an
// offset in the arena's head so that buffers alive at the same time never overlap.
//
// Buffers come as parallel i32 arrays (in temporary arena memory):
//   size[i]   bytes, already rounded up to 16
//   first[i]  first scope (op step) in which the buffer is alive
//   last[i]   last scope in which it is alive (inclusive)
//   fixed[i]  an offline offset from the model's OfflineMemoryAllocation, or -1 (plan online)
// and the planner writes offset[i]. It returns the head bytes the plan needs.

import { allocTemp, tempMark, releaseTemp } from "./arena";

// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

// @ts-ignore: decorator
@inline function overlaps(first: usize, last: usize, a: i32, b: i32): bool {
  return !(geti(last, a) < geti(first, b) || geti(last, b) < geti(first, a));
}

/**
 * TFLM's GreedyMemoryPlanner, reproduced decision for decision: offline buffers first at
 * their offsets, then online buffers by decreasing size (ties: later buffers first, as
 * TFLM's reverse fill and stable bubble sort give), each at the lowest offset where it fits
 * between buffers whose lifetimes overlap its own. Returns the plan's size, or -1 when
 * temporary memory ran out.
 */
export function planGreedyBySize(n: i32, size: usize, first: usize, last: usize, fixed: usize, offset: usize): i32 {
  if (n == 0) return 0;
  const mark = tempMark();
  const order = allocTemp(<usize>n << 2);
  const nextInList = allocTemp(<usize>n << 2);   // offset-sorted linked list of placed buffers
  if (order == 0 || nextInList == 0) return -1;

  // Offline buffers from the front (in id order), online ones from the back (reverse id order).
  let head = 0;
  let tail = n;
  for (let i = 0; i < n; i++) {
    if (geti(fixed, i) >= 0) { seti(order, head++, i); seti(offset, i, geti(fixed, i)); }
    else { seti(order, --tail, i); seti(offset, i, -1); }
  }
  // Stable sort of the online part by decreasing size (insertion sort: same order as a bubble sort).
  for (let i = head + 1; i < n; i++) {
    const id = geti(order, i);
    const s = geti(size, id);
    let j = i - 1;
    while (j >= head && geti(size, geti(order, j)) < s) { seti(order, j + 1, geti(order, j)); j--; }
    seti(order, j + 1, id);
  }

  // Place buffers one by one; the list holds placed ids ordered by offset.
  let listHead = geti(order, 0);
  seti(nextInList, listHead, -1);
  if (geti(fixed, listHead) < 0) seti(offset, listHead, 0);
  for (let k = 1; k < n; k++) {
    const id = geti(order, k);
    const wanted = geti(size, id);
    let candidate = 0;
    if (geti(fixed, id) < 0) {
      let prior = -1;
      while (true) {
        // Next placed buffer (after `prior`) whose lifetime overlaps ours.
        let next = prior < 0 ? listHead : geti(nextInList, prior);
        while (next >= 0 && !overlaps(first, last, next, id)) next = geti(nextInList, next);
        if (prior >= 0) {
          const end = geti(offset, prior) + geti(size, prior);
          if (end > candidate) candidate = end;
        }
        if (next < 0) break;
        if (geti(offset, next) - candidate >= wanted) break;
        prior = next;
      }
    } else {
      candidate = geti(fixed, id);
    }
    seti(offset, id, candidate);
    // Insert into the offset-ordered list (after entries with an equal offset).
    if (geti(offset, listHead) > candidate) {
      seti(nextInList, id, listHead);
      listHead = id;
    } else {
      let cur = listHead;
      while (true) {
        const nx = geti(nextInList, cur);
        if (nx < 0) { seti(nextInList, cur, id); seti(nextInList, id, -1); break; }
        if (geti(offset, nx) > candidate) { seti(nextInList, cur, id); seti(nextInList, id, nx); break; }
        cur = nx;
      }
    }
  }
  releaseTemp(mark);
  return planExtent(n, size, offset);
}

/** Bytes spanned by a plan: the highest offset + size. */
export function planExtent(n: i32, size: usize, offset: usize): i32 {
  let top = 0;
  for (let i = 0; i < n; i++) {
    const end = geti(offset, i) + geti(size, i);
    if (end > top) top = end;
  }
  return top;
}

/**
 * The lower bound of any plan: the largest total size of buffers alive at one scope.
 * `scopes` is the number of scopes (lifetimes lie in [0, scopes)).
 */
export function planLowerBound(n: i32, size: usize, first: usize, last: usize, scopes: i32): i32 {
  let best = 0;
  for (let s = 0; s < scopes; s++) {
    let live = 0;
    for (let i = 0; i < n; i++) if (geti(first, i) <= s && s <= geti(last, i)) live += geti(size, i);
    if (live > best) best = live;
  }
  return best;
}

/** Checks a plan: no two buffers with overlapping lifetimes share bytes. */
export function planIsValid(n: i32, size: usize, first: usize, last: usize, offset: usize): bool {
  for (let i = 0; i < n; i++) {
    if (geti(offset, i) < 0) return false;
    for (let j = i + 1; j < n; j++) {
      if (!overlaps(first, last, i, j)) continue;
      const a0 = geti(offset, i), a1 = a0 + geti(size, i);
      const b0 = geti(offset, j), b1 = b0 + geti(size, j);
      if (a0 < b1 && b0 < a1) return false;
    }
  }
  return true;
}
