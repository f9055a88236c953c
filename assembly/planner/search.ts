// The search strategy: several start orders under both placement rules, then a local search
// over the order of the best one (move one buffer earlier, keep the change unless the plan
// grows). Deterministic (fixed seed), bounded by a work budget, stops at the lower bound.

import { geti, seti, placeInOrder, orderByKey, fillKeys, topBuffer } from "./place";

/**
 * Work the local search may use, in units of n * (n + 128) per placement (its cost: the
 * offset-ordered list is walked once per buffer). About 2 ms at any size.
 */
const SEARCH_WORK: i64 = 1_600_000;
const MAX_STEPS: i32 = 1000;
const START_ORDERS: i32 = 4;

let rng: u32 = 0;
// @ts-ignore: decorator
@inline function nextRandom(): u32 {
  let x = rng;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  rng = x;
  return x;
}

/**
 * Searches for a plan smaller than `incumbent` (the best so far, already in offset[]).
 * `bestOrder` holds a start order of the m online buffers whose best-fit plan has extent
 * `seed` (i32.MAX_VALUE: none). `order`, `next`, `trial` (n words) and `key` (n i64) are
 * working memory. When the search finds a smaller plan it writes it to offset[]. Returns
 * the smallest extent it found (possibly >= incumbent).
 */
export function planSearch(
  n: i32, size: usize, first: usize, last: usize, fixed: usize, offset: usize,
  incumbent: i32, lowerBound: i32, m: i32,
  order: usize, bestOrder: usize, seed: i32, next: usize, trial: usize, key: usize,
): i32 {
  let best = seed;
  let bestFit = true;
  for (let start = 0; start < START_ORDERS && best > lowerBound; start++) {
    fillKeys(n, size, first, last, start, key);
    orderByKey(n, fixed, key, order);
    for (let rule = 0; rule < 2; rule++) {
      const e = placeInOrder(n, size, first, last, fixed, order, m, rule == 1, trial, next, best - 1);
      if (e < best) {
        best = e;
        bestFit = rule == 1;
        memory.copy(bestOrder, order, <usize>m << 2);
      }
    }
  }

  // Local search: move one buffer to an earlier place in the order; keep ties (plateau moves).
  // Half the moves take the buffer that sets the best plan's top (it needs a lower place).
  let steps = <i32>(SEARCH_WORK / (<i64>n * <i64>(n + 128) + 1));
  if (steps > MAX_STEPS) steps = MAX_STEPS;
  rng = 0x9e3779b9;
  let critical = -1;
  if (best > lowerBound) {
    placeInOrder(n, size, first, last, fixed, bestOrder, m, bestFit, trial, next, i32.MAX_VALUE);
    critical = topBuffer;
  }
  for (let s = 0; s < steps && best > lowerBound && m > 1; s++) {
    let from = 0;
    if (critical >= 0 && (nextRandom() & 1) != 0) while (from < m && geti(bestOrder, from) != critical) from++;
    if (from == 0 || from >= m) from = 1 + <i32>(nextRandom() % <u32>(m - 1));
    const to = <i32>(nextRandom() % <u32>from);
    memory.copy(order, bestOrder, <usize>m << 2);
    const id = geti(order, from);
    memory.copy(order + (<usize>(to + 1) << 2), order + (<usize>to << 2), <usize>(from - to) << 2);
    seti(order, to, id);
    const e = placeInOrder(n, size, first, last, fixed, order, m, bestFit, trial, next, best);
    if (e <= best) {
      best = e;
      critical = topBuffer;
      memory.copy(bestOrder, order, <usize>m << 2);
    }
  }

  if (best < incumbent) {
    placeInOrder(n, size, first, last, fixed, bestOrder, m, bestFit, offset, next, i32.MAX_VALUE);
  }
  return best;
}
