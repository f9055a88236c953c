// In-place heapsort of buffer (or scope) ids under a total order. The planners' insertion
// sorts are stable sorts by one key; sorting by (key, id) gives the same order, so large
// inputs use this O(n log n) sort and keep identical results. No working memory.

// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

export const enum SortBy {
  /** size descending, then id descending (TFLM's greedy order). */
  SizeDescIdDesc = 0,
  /** first ascending, then id ascending. */
  FirstAsc = 1,
  /** last ascending, then id ascending. */
  LastAsc = 2,
  /** offset ascending, then id ascending. */
  OffsetAsc = 3,
  /** an i64 key descending, then id ascending (orderByKey). */
  Key64DescIdAsc = 4,
  /** an i32 key descending, then id ascending (scopes by breadth). */
  Key32DescIdAsc = 5,
}

let keys: usize = 0;
let by: i32 = 0;

// @ts-ignore: decorator
@inline function before(a: i32, b: i32): bool {
  if (by == SortBy.Key64DescIdAsc) {
    const ka = load<i64>(keys + (<usize>a << 3)), kb = load<i64>(keys + (<usize>b << 3));
    return ka > kb || (ka == kb && a < b);
  }
  const ka = geti(keys, a), kb = geti(keys, b);
  if (by == SortBy.SizeDescIdDesc) return ka > kb || (ka == kb && a > b);
  if (by == SortBy.Key32DescIdAsc) return ka > kb || (ka == kb && a < b);
  return ka < kb || (ka == kb && a < b);
}

function siftDown(ids: usize, i: i32, count: i32): void {
  const x = geti(ids, i);
  while (true) {
    let c = 2 * i + 1;
    if (c >= count) break;
    if (c + 1 < count && before(geti(ids, c), geti(ids, c + 1))) c++;
    if (!before(x, geti(ids, c))) break;
    seti(ids, i, geti(ids, c));
    i = c;
  }
  seti(ids, i, x);
}

/**
 * Sorts the `count` ids at `ids` by `order` on `keyArray` (i32 per id, or i64 for
 * Key64DescIdAsc).
 */
export function sortIds(ids: usize, count: i32, order: SortBy, keyArray: usize): void {
  keys = keyArray;
  by = order;
  for (let i = (count >> 1) - 1; i >= 0; i--) siftDown(ids, i, count);
  for (let end = count - 1; end > 0; end--) {
    const top = geti(ids, 0);
    seti(ids, 0, geti(ids, end));
    seti(ids, end, top);
    siftDown(ids, 0, end);
  }
}

/** Use the large-input algorithms at every size (tests compare them with the small ones). */
let forceLarge: bool = false;
export function setForceLarge(on: bool): void { forceLarge = on; }
/** Whether an input of `n` items (above `smallMax` by default) takes the large-input path. */
export function useLarge(n: i64, smallMax: i64): bool { return forceLarge || n > smallMax; }

// @ts-ignore: decorator
@inline function keyOf(ids: usize, i: i32, key: usize): i32 { return geti(key, geti(ids, i)); }

/**
 * Sorts the `count` ids at `ids` by ascending key[id], ties in any order: a quicksort
 * (median of three random picks, insertion sort on short ranges, heapsort past a depth limit), several
 * times faster than sortIds on the large greedy's hot path.
 */
export function sortByKeyAsc(ids: usize, count: i32, key: usize): void {
  rng = 0x9e3779b9;
  quick(ids, 0, count, key, 2 * (32 - clz(count)));
}

let rng: u32 = 0x9e3779b9;
// @ts-ignore: decorator
@inline function nextRandom(): u32 {
  let x = rng;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  rng = x;
  return x;
}

function quick(ids: usize, lo: i32, hi: i32, key: usize, depth: i32): void {
  while (hi - lo > 16) {
    if (depth-- == 0) {
      sortIds(ids + (<usize>lo << 2), hi - lo, SortBy.OffsetAsc, key);
      return;
    }
    // Median of three random elements as the pivot value (the greedy's inputs are often
    // runs in reverse order followed by repeats, which fixed positions handle badly).
    const span = <u32>(hi - lo);
    const a = keyOf(ids, lo + <i32>(nextRandom() % span), key);
    const b = keyOf(ids, lo + <i32>(nextRandom() % span), key);
    const c = keyOf(ids, lo + <i32>(nextRandom() % span), key);
    const pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    // Hoare partition.
    let i = lo - 1, j = hi;
    while (true) {
      do i++; while (keyOf(ids, i, key) < pivot);
      do j--; while (keyOf(ids, j, key) > pivot);
      if (i >= j) break;
      const t = geti(ids, i);
      seti(ids, i, geti(ids, j));
      seti(ids, j, t);
    }
    // Recurse into the smaller part, loop on the larger.
    if (j + 1 - lo < hi - j - 1) { quick(ids, lo, j + 1, key, depth); lo = j + 1; }
    else { quick(ids, j + 1, hi, key, depth); hi = j + 1; }
  }
  for (let i = lo + 1; i < hi; i++) {
    const id = geti(ids, i);
    const k = geti(key, id);
    let j = i - 1;
    while (j >= lo && geti(key, geti(ids, j)) > k) { seti(ids, j + 1, geti(ids, j)); j--; }
    seti(ids, j + 1, id);
  }
}
