// Memory planner: places every non-persistent buffer (activations, kernel scratch) at an
// offset in the arena's head so that buffers alive at the same time never overlap.
//
// Buffers come as parallel i32 arrays (in temporary arena memory):
//   size[i]   bytes, already rounded up to 16
//   first[i]  first scope (op step) in which the buffer is alive
//   last[i]   last scope in which it is alive (inclusive)
//   fixed[i]  an offline offset from the model's OfflineMemoryAllocation, or -1 (plan online)
// and the planner writes offset[i]. It returns the head bytes the plan needs.
//
// planBest runs every strategy and keeps the smallest plan (ties: the simpler strategy):
//   TflmGreedy   TFLM's GreedyMemoryPlanner (largest first, first fit), the baseline;
//   SizeBestFit  largest first, best fit (Pisarchyk & Lee 2020, greedy by size);
//   Breadth      Pisarchyk & Lee's greedy by breadth (widest op first), best fit;
//   Search       several start orders, both rules, then a local search (planner/search.ts).
//
// Large models: TFLM's greedy walks an offset-ordered list per buffer (O(n^2)); above
// GREEDY_LIST_MAX buffers planGreedyLarge (planner/greedy_large.ts) makes the same decisions
// in O((n + P) log n), P the pairs of buffers alive at the same time (limited: a model above
// MAX_OVERLAPPING_PAIRS is refused), and the other strategies (quadratic) no longer run
// (above MAX_STRATEGY_BUFFERS buffers or MAX_STRATEGY_SCOPES scopes).
// Sorts and the lower bound have O(n log n) forms for large inputs with the same results.

import { allocTemp, tempMark, releaseTemp, currentArena, alignUp } from "./arena";
import { placeInOrder, orderByKey, orderByBreadth, fillKeys, OrderKey } from "./planner/place";
import { planSearch } from "./planner/search";
import { planGreedyLarge } from "./planner/greedy_large";
import { sortIds, SortBy, useLarge } from "./planner/sort";

/** Above this many buffers TFLM's greedy runs as planGreedyLarge (same plan, O(n log n)). */
const GREEDY_LIST_MAX: i64 = 2048;
/** Above this many buffer x scope steps the lower bound is a sweep over sorted lifetimes. */
const LOWER_BOUND_SCAN_MAX: i64 = 1 << 16;
/**
 * The strategies besides TFLM's are quadratic (placement over an offset-ordered list, the
 * breadth order over scopes): above these sizes only TFLM's greedy runs.
 */
export const MAX_STRATEGY_BUFFERS: i32 = 2048;
export const MAX_STRATEGY_SCOPES: i32 = 4096;

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
  if (useLarge(n, GREEDY_LIST_MAX)) return planGreedyLarge(n, size, first, last, fixed, offset);
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
  if (useLarge(<i64>n * <i64>scopes, LOWER_BOUND_SCAN_MAX)) return lowerBoundSweep(n, size, first, last);
  let best = 0;
  for (let s = 0; s < scopes; s++) {
    let live = 0;
    for (let i = 0; i < n; i++) if (geti(first, i) <= s && s <= geti(last, i)) live += geti(size, i);
    if (live > best) best = live;
  }
  return best;
}

/**
 * planLowerBound in O(n log n): buffers sorted by first and by last scope; the bytes alive
 * only grow at a first scope. Working memory: 2 words per buffer (as planGreedyBySize's).
 */
function lowerBoundSweep(n: i32, size: usize, first: usize, last: usize): i32 {
  const mark = tempMark();
  const byFirst = allocTemp(<usize>n << 2);
  const byLast = allocTemp(<usize>n << 2);
  if (byFirst == 0 || byLast == 0) { releaseTemp(mark); return 0; }
  let c = 0;
  for (let i = 0; i < n; i++) if (geti(first, i) <= geti(last, i)) { seti(byFirst, c, i); seti(byLast, c, i); c++; }
  sortIds(byFirst, c, SortBy.FirstAsc, first);
  sortIds(byLast, c, SortBy.LastAsc, last);
  let best = 0, live = 0, q = 0;
  for (let p = 0; p < c;) {
    const s = geti(first, geti(byFirst, p));
    while (p < c && geti(first, geti(byFirst, p)) == s) live += geti(size, geti(byFirst, p++));
    while (q < c && geti(last, geti(byLast, q)) < s) live -= geti(size, geti(byLast, q++));
    if (live > best) best = live;
  }
  releaseTemp(mark);
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

/** Like planIsValid, but pairs of two offline buffers are not checked (the model fixed them). */
export function planIsValidOnline(n: i32, size: usize, first: usize, last: usize, fixed: usize, offset: usize): bool {
  for (let i = 0; i < n; i++) {
    if (geti(offset, i) < 0) return false;
    for (let j = i + 1; j < n; j++) {
      if (!overlaps(first, last, i, j) || (geti(fixed, i) >= 0 && geti(fixed, j) >= 0)) continue;
      const a0 = geti(offset, i), a1 = a0 + geti(size, i);
      const b0 = geti(offset, j), b1 = b0 + geti(size, j);
      if (a0 < b1 && b0 < a1) return false;
    }
  }
  return true;
}

export const enum Strategy { TflmGreedy = 0, SizeBestFit = 1, Breadth = 2, Search = 3 }
export const STRATEGY_COUNT: i32 = 4;

/** Strategies planBest runs besides TFLM's (bit per Strategy; TFLM's always runs). */
let strategyMask: i32 = 0xffff;
export function setPlanStrategies(mask: i32): void { strategyMask = mask; }

/** Bytes of each strategy's plan in the last planBest (-1: not run), the chosen one, the bound. */
const strategyBytes: usize = memory.data(STRATEGY_COUNT * 4);
let chosen: i32 = -1;
let lowerBound: i32 = 0;
export function planStrategyBytes(s: i32): i32 { return s >= 0 && s < STRATEGY_COUNT ? geti(strategyBytes, s) : -1; }
export function planChosen(): i32 { return chosen; }
export function planLastLowerBound(): i32 { return lowerBound; }

/**
 * Plans with every strategy and keeps the smallest plan in offset[] (see the file comment).
 * The other strategies run only when TFLM's plan is above the lower bound, the model is not
 * large (MAX_STRATEGY_BUFFERS, MAX_STRATEGY_SCOPES) and their working memory fits below the
 * head's current peak or TFLM's plan (so it never raises the head).
 * Returns the plan's size, or -1 when temporary memory ran out.
 */
export function planBest(n: i32, size: usize, first: usize, last: usize, fixed: usize, offset: usize): i32 {
  for (let s = 0; s < STRATEGY_COUNT; s++) seti(strategyBytes, s, -1);
  chosen = Strategy.TflmGreedy;
  let scopes = 0;
  for (let i = 0; i < n; i++) if (geti(last, i) + 1 > scopes) scopes = geti(last, i) + 1;
  lowerBound = planLowerBound(n, size, first, last, scopes);
  let best = planGreedyBySize(n, size, first, last, fixed, offset);
  seti(strategyBytes, Strategy.TflmGreedy, best);
  if (best <= lowerBound || n < 2 || (strategyMask & ~1 & 0xff) == 0) return best;
  if (n > MAX_STRATEGY_BUFFERS || scopes > MAX_STRATEGY_SCOPES) return best;

  // Working memory: 7 words per buffer and 2 per scope, in one block.
  const words = <usize>(7 * n + 2 * scopes);
  const arena = currentArena();
  const ceiling = arena.loadPeak > <usize>best ? arena.loadPeak : <usize>best;
  if (arena.tempTop + alignUp(words << 2) > ceiling) return best;
  const mark = tempMark();
  const block = allocTemp(words << 2);
  if (block == 0) return -1;
  const w = <usize>n << 2;
  const bySize = block, order = block + w, bestOrder = block + 2 * w, next = block + 3 * w;
  const trial = block + 4 * w, key = block + 5 * w;  // key: n i64
  const scopeBytes = block + 7 * w, scopeOrder = scopeBytes + (<usize>scopes << 2);

  fillKeys(n, size, first, last, OrderKey.SizeThenLifetime, key);
  const m = orderByKey(n, fixed, key, bySize);
  // The search starts from the better of these two (both best fit).
  let seed = i32.MAX_VALUE;
  if ((strategyMask & (1 << Strategy.SizeBestFit)) != 0) {
    const e = placeInOrder(n, size, first, last, fixed, bySize, m, true, trial, next, i32.MAX_VALUE);
    seti(strategyBytes, Strategy.SizeBestFit, e);
    if (e < best) { best = e; chosen = Strategy.SizeBestFit; memory.copy(offset, trial, w); }
    seed = e;
    memory.copy(bestOrder, bySize, <usize>m << 2);
  }
  if ((strategyMask & (1 << Strategy.Breadth)) != 0) {
    orderByBreadth(n, size, first, last, scopes, bySize, m, scopeBytes, scopeOrder, trial, order);
    const e = placeInOrder(n, size, first, last, fixed, order, m, true, trial, next, i32.MAX_VALUE);
    seti(strategyBytes, Strategy.Breadth, e);
    if (e < best) { best = e; chosen = Strategy.Breadth; memory.copy(offset, trial, w); }
    if (e < seed) { seed = e; memory.copy(bestOrder, order, <usize>m << 2); }
  }
  if ((strategyMask & (1 << Strategy.Search)) != 0 && best > lowerBound) {
    const e = planSearch(n, size, first, last, fixed, offset, best, lowerBound, m, order, bestOrder, seed, next, trial, key);
    seti(strategyBytes, Strategy.Search, e);
    if (e < best) { best = e; chosen = Strategy.Search; }
  }
  releaseTemp(mark);
  // Every chosen plan is checked (cheap next to planning); TFLM's is the fallback.
  if (chosen != Strategy.TflmGreedy && !planIsValidOnline(n, size, first, last, fixed, offset)) {
    best = planGreedyBySize(n, size, first, last, fixed, offset);
    chosen = Strategy.TflmGreedy;
  }
  return best;
}
