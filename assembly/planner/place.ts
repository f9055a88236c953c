// Placing buffers one by one in a given order: the step every online strategy shares.
//
// Buffers are parallel i32 arrays (see assembly/planner.ts). A strategy is an order of the
// online buffers plus a placement rule:
//   first fit  the lowest offset where the buffer fits between placed buffers whose
//              lifetimes overlap its own (TFLM's rule);
//   best fit   the smallest such gap that fits, else on top of them (Pisarchyk & Lee 2020).
// Offline buffers (fixed[i] >= 0) are always at their offsets, placed before the others.

import { sortIds, SortBy, useLarge } from "./sort";

/** Above this many items the insertion sorts give way to sortIds (same order). */
const SORT_SMALL_MAX: i64 = 256;

// @ts-ignore: decorator
@inline export function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

/** Inserts buffer `id` into the offset-ordered list starting at `head` (after equal offsets). */
function insertByOffset(head: i32, next: usize, offset: usize, id: i32): i32 {
  const at = geti(offset, id);
  if (head < 0 || geti(offset, head) > at) { seti(next, id, head); return id; }
  let cur = head;
  while (true) {
    const nx = geti(next, cur);
    if (nx < 0 || geti(offset, nx) > at) { seti(next, cur, id); seti(next, id, nx); return head; }
    cur = nx;
  }
}

/** The online buffer that last raised the plan's top in placeInOrder (-1: none). */
export let topBuffer: i32 = -1;

/**
 * Places the offline buffers, then the `m` online buffers listed in `order`, writing
 * offset[]. `next` is n words of working memory. Stops early, returning a value above
 * `limit`, once the plan grows past `limit`. Returns the plan's extent.
 */
export function placeInOrder(
  n: i32, size: usize, first: usize, last: usize, fixed: usize,
  order: usize, m: i32, bestFit: bool, offset: usize, next: usize, limit: i32,
): i32 {
  let head = -1;
  let top = 0;
  topBuffer = -1;
  for (let i = 0; i < n; i++) {
    const f = geti(fixed, i);
    if (f < 0) continue;
    seti(offset, i, f);
    head = insertByOffset(head, next, offset, i);
    const end = f + geti(size, i);
    if (end > top) top = end;
  }
  for (let k = 0; k < m; k++) {
    const id = geti(order, k);
    const wanted = geti(size, id);
    const from = geti(first, id);
    const to = geti(last, id);
    let end = 0;             // highest end among the overlapping buffers met so far
    let at = -1;
    let atGap = i32.MAX_VALUE;
    for (let x = head; x >= 0; x = geti(next, x)) {
      if (geti(last, x) < from || to < geti(first, x)) continue;
      const ox = geti(offset, x);
      const gap = ox - end;
      if (gap >= wanted && gap < atGap) {
        at = end;
        atGap = gap;
        if (!bestFit || gap == wanted) break;
      }
      const ex = ox + geti(size, x);
      if (ex > end) end = ex;
    }
    if (at < 0) at = end;
    seti(offset, id, at);
    head = insertByOffset(head, next, offset, id);
    if (at + wanted > top) {
      top = at + wanted;
      topBuffer = id;
      if (top > limit) return top;
    }
  }
  return top;
}

/**
 * Writes the online buffers into `order` sorted by decreasing key (stable: equal keys keep
 * increasing id order). `key` holds one i64 per buffer. Returns how many were written.
 */
export function orderByKey(n: i32, fixed: usize, key: usize, order: usize): i32 {
  let m = 0;
  if (useLarge(n, SORT_SMALL_MAX)) {
    for (let i = 0; i < n; i++) if (geti(fixed, i) < 0) seti(order, m++, i);
    sortIds(order, m, SortBy.Key64DescIdAsc, key);
    return m;
  }
  for (let i = 0; i < n; i++) {
    if (geti(fixed, i) >= 0) continue;
    const k = load<i64>(key + (<usize>i << 3));
    let j = m - 1;
    while (j >= 0 && load<i64>(key + (<usize>geti(order, j) << 3)) < k) { seti(order, j + 1, geti(order, j)); j--; }
    seti(order, j + 1, i);
    m++;
  }
  return m;
}

/** The orderings the strategies start from (keys for orderByKey). */
export const enum OrderKey {
  /** Size, then longer lifetime first. */
  SizeThenLifetime = 0,
  /** Size x lifetime (the buffer's area in the offset x time chart). */
  Area = 1,
  /** Lifetime, then size. */
  LifetimeThenSize = 2,
  /** Size, then earlier start first. */
  SizeThenStart = 3,
}

export function fillKeys(n: i32, size: usize, first: usize, last: usize, kind: i32, key: usize): void {
  for (let i = 0; i < n; i++) {
    const s = <i64>geti(size, i);
    const life = <i64>(geti(last, i) - geti(first, i) + 1);
    let k: i64;
    if (kind == OrderKey.SizeThenLifetime) k = (s << 24) | (life & 0xffffff);
    else if (kind == OrderKey.Area) k = s * life;
    else if (kind == OrderKey.LifetimeThenSize) k = (life << 36) | s;
    else k = (s << 24) | (0xffffff - (<i64>geti(first, i) & 0xffffff));
    store<i64>(key + (<usize>i << 3), k);
  }
}

/**
 * Pisarchyk & Lee's greedy-by-breadth order: scopes by decreasing breadth (bytes live in
 * them); within a scope, its not yet ordered buffers by decreasing size. `bySize` is the
 * online buffers sorted by size (m of them); `scopeBytes`/`scopeOrder` are `scopes` words
 * each and `seen` n words of working memory. Writes `order`.
 */
export function orderByBreadth(
  n: i32, size: usize, first: usize, last: usize, scopes: i32,
  bySize: usize, m: i32, scopeBytes: usize, scopeOrder: usize, seen: usize, order: usize,
): void {
  for (let s = 0; s < scopes; s++) seti(scopeBytes, s, 0);
  if (useLarge(<i64>n * <i64>scopes, SORT_SMALL_MAX * SORT_SMALL_MAX)) {
    // Bytes per scope from +size at first, -size after last, summed up.
    for (let i = 0; i < n; i++) {
      const f = geti(first, i), l = geti(last, i);
      if (f > l) continue;
      seti(scopeBytes, f, geti(scopeBytes, f) + geti(size, i));
      if (l + 1 < scopes) seti(scopeBytes, l + 1, geti(scopeBytes, l + 1) - geti(size, i));
    }
    for (let s = 1; s < scopes; s++) seti(scopeBytes, s, geti(scopeBytes, s) + geti(scopeBytes, s - 1));
  } else {
    for (let i = 0; i < n; i++) {
      const sz = geti(size, i);
      for (let s = geti(first, i); s <= geti(last, i); s++) seti(scopeBytes, s, geti(scopeBytes, s) + sz);
    }
  }
  if (useLarge(scopes, SORT_SMALL_MAX)) {
    for (let s = 0; s < scopes; s++) seti(scopeOrder, s, s);
    sortIds(scopeOrder, scopes, SortBy.Key32DescIdAsc, scopeBytes);
  } else {
    for (let s = 0; s < scopes; s++) {
      const b = geti(scopeBytes, s);
      let j = s - 1;
      while (j >= 0 && geti(scopeBytes, geti(scopeOrder, j)) < b) { seti(scopeOrder, j + 1, geti(scopeOrder, j)); j--; }
      seti(scopeOrder, j + 1, s);
    }
  }
  for (let i = 0; i < n; i++) seti(seen, i, 0);
  let k = 0;
  for (let r = 0; r < scopes && k < m; r++) {
    const s = geti(scopeOrder, r);
    for (let j = 0; j < m; j++) {
      const id = geti(bySize, j);
      if (geti(seen, id) != 0 || geti(first, id) > s || geti(last, id) < s) continue;
      seti(seen, id, 1);
      seti(order, k++, id);
    }
  }
  // Buffers alive in no scope (merged or unused ones) go last.
  for (let j = 0; j < m && k < m; j++) {
    const id = geti(bySize, j);
    if (geti(seen, id) == 0) seti(order, k++, id);
  }
}
