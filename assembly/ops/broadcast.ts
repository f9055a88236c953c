// Element-wise binary ops with numpy broadcasting (ADD, SUB, MUL, ...).
//
// prepare folds the two input shapes against the output shape into at most six "runs":
// dimensions of size 1 are dropped and neighbouring dimensions that broadcast the same way
// are merged (as TFLM's ReduceDimensionsForBroadcast does). The innermost run becomes a row
// processed by one call of the kernel's row function; the outer runs are plain nested loops
// with precomputed element strides. Same-shape inputs are a single row over every element.

import { Node, Tensor, dim } from "../graph";
import { opError } from "./registry";
import { errStr, errInt } from "../common/error";

/** Processes `n` elements: out[i] = f(a[i * stepA], b[i * stepB]); steps are 0 or 1. */
export type RowFn = (params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32) => void;

const MAX_RUNS = 6;

/**
 * The folded iteration space. Run 0 is the row; runs 1..5 are outer loops (run 5 outermost),
 * each with its extent and the element stride of each input (0 where that input repeats).
 */
@unmanaged
export class Broadcast {
  n: i32;
  stepA: i32;
  stepB: i32;
  e1: i32; e2: i32; e3: i32; e4: i32; e5: i32;
  a1: i32; a2: i32; a3: i32; a4: i32; a5: i32;
  b1: i32; b2: i32; b3: i32; b4: i32; b5: i32;
}

// Scratch for prepare: per run, extent and broadcast pattern (bit 0: input A repeats, bit 1: B).
const RUN_EXTENT: usize = memory.data(MAX_RUNS * 4);
const RUN_PATTERN: usize = memory.data(MAX_RUNS * 4);

// @ts-ignore: decorator
@inline function setRun(bc: Broadcast, field: usize, run: i32, value: i32): void {
  // e1..e5, a1..a5, b1..b5 are consecutive i32 fields: field is the offset of e1/a1/b1.
  store<i32>(changetype<usize>(bc) + field + (<usize>(run - 1) << 2), value);
}

function dimOrOne(t: Tensor, rank: i32, k: i32): i32 {
  // Dimension k of t right-aligned to `rank` dimensions (missing leading dimensions are 1).
  const i = k - (rank - <i32>t.rank);
  return i < 0 ? 1 : dim(t, i);
}

/**
 * Checks that `a` and `b` broadcast to `out`'s shape and fills `bc`. `maxRank` is the largest
 * rank the op broadcasts (TFLM: 6 for ADD/SUB, 4 for MUL); identical input shapes have no limit.
 */
export function prepareBroadcast(node: Node, a: Tensor, b: Tensor, out: Tensor, maxRank: i32, bc: Broadcast): bool {
  let rank = <i32>out.rank;
  if (<i32>a.rank > rank) rank = <i32>a.rank;
  if (<i32>b.rank > rank) rank = <i32>b.rank;
  // Shapes equal up to leading 1s are element-wise: TFLM takes its flat path for them.
  let same = true;
  for (let k = 0; same && k < rank; k++) same = dimOrOne(a, rank, k) == dimOrOne(b, rank, k);
  if (!same && rank > maxRank) {
    if (opError(node, "broadcasting supports up to ")) { errInt(maxRank); errStr(" dimensions, inputs have "); errInt(rank); }
    return false;
  }
  let count: i64 = 1;
  let runs = 0;
  for (let k = rank - 1; k >= 0; k--) {
    const o = dimOrOne(out, rank, k);
    const x = dimOrOne(a, rank, k);
    const y = dimOrOne(b, rank, k);
    if ((x != o && x != 1) || (y != o && y != 1) || (o != x && o != y) || o < 0) {
      if (opError(node, "input shapes do not broadcast to the output shape (dimension ")) { errInt(k); errStr(")"); }
      return false;
    }
    count *= <i64>o;
    if (o == 1) continue;
    const pattern = (x == 1 ? 1 : 0) | (y == 1 ? 2 : 0);
    if (runs > 0 && load<i32>(RUN_PATTERN + (<usize>(runs - 1) << 2)) == pattern) {
      const at = RUN_EXTENT + (<usize>(runs - 1) << 2);
      store<i32>(at, load<i32>(at) * o);
    } else {
      // At most `rank` <= 6 runs when broadcasting; same shapes always merge into one.
      if (runs == MAX_RUNS) return opErrorRuns(node);
      store<i32>(RUN_EXTENT + (<usize>runs << 2), o);
      store<i32>(RUN_PATTERN + (<usize>runs << 2), pattern);
      runs++;
    }
  }
  if (count > <i64>i32.MAX_VALUE) {
    opError(node, "output has too many elements");
    return false;
  }
  // Unused outer runs: one iteration, no stride.
  for (let r = 1; r < MAX_RUNS; r++) {
    setRun(bc, offsetof<Broadcast>("e1"), r, 1);
    setRun(bc, offsetof<Broadcast>("a1"), r, 0);
    setRun(bc, offsetof<Broadcast>("b1"), r, 0);
  }
  if (count == 0) { bc.n = 0; bc.e5 = 0; bc.stepA = 0; bc.stepB = 0; return true; }
  if (runs == 0) { bc.n = 1; bc.stepA = 1; bc.stepB = 1; return true; } // every dimension is 1
  let strideA = 1;
  let strideB = 1;
  for (let r = 0; r < runs; r++) {
    const extent = load<i32>(RUN_EXTENT + (<usize>r << 2));
    const pattern = load<i32>(RUN_PATTERN + (<usize>r << 2));
    const sa = (pattern & 1) != 0 ? 0 : strideA;
    const sb = (pattern & 2) != 0 ? 0 : strideB;
    if (r == 0) {
      bc.n = extent; bc.stepA = sa; bc.stepB = sb;
    } else {
      setRun(bc, offsetof<Broadcast>("e1"), r, extent);
      setRun(bc, offsetof<Broadcast>("a1"), r, sa);
      setRun(bc, offsetof<Broadcast>("b1"), r, sb);
    }
    if (sa != 0) strideA *= extent;
    if (sb != 0) strideB *= extent;
  }
  return true;
}

function opErrorRuns(node: Node): bool {
  opError(node, "broadcast shape is too complex");
  return false;
}

/**
 * Runs `row` over the whole iteration space; `shiftA`, `shiftB` and `shiftOut` are log2 of the
 * element size of each operand (they differ where comparisons write bool, or int16 PRELU reads
 * an int8 alpha). Rows get element steps (0 or 1).
 */
export function forEachRowMixed(bc: Broadcast, params: usize, a: usize, shiftA: i32, b: usize, shiftB: i32,
                                out: usize, shiftOut: i32, row: RowFn): void {
  const n = bc.n;
  const stepA = bc.stepA;
  const stepB = bc.stepB;
  const rowBytes = <usize>n << shiftOut;
  let o = out;
  let a5 = 0, b5 = 0;
  for (let i5 = 0; i5 < bc.e5; i5++) {
    let a4 = a5, b4 = b5;
    for (let i4 = 0; i4 < bc.e4; i4++) {
      let a3 = a4, b3 = b4;
      for (let i3 = 0; i3 < bc.e3; i3++) {
        let a2 = a3, b2 = b3;
        for (let i2 = 0; i2 < bc.e2; i2++) {
          let a1 = a2, b1 = b2;
          for (let i1 = 0; i1 < bc.e1; i1++) {
            row(params, a + (<usize>a1 << shiftA), stepA, b + (<usize>b1 << shiftB), stepB, o, n);
            o += rowBytes;
            a1 += bc.a1; b1 += bc.b1;
          }
          a2 += bc.a2; b2 += bc.b2;
        }
        a3 += bc.a3; b3 += bc.b3;
      }
      a4 += bc.a4; b4 += bc.b4;
    }
    a5 += bc.a5; b5 += bc.b5;
  }
}

/** forEachRowMixed with one element size (log2 `shift`) for both inputs and the output. */
// @ts-ignore: decorator
@inline export function forEachRow(bc: Broadcast, params: usize, a: usize, b: usize, out: usize, shift: i32, row: RowFn): void {
  forEachRowMixed(bc, params, a, shift, b, shift, out, shift, row);
}
