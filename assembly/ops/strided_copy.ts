// Prepare side of the strided copy (kernels-scalar/strided_copy.ts) shared by TRANSPOSE, SLICE,
// SPACE_TO_DEPTH, DEPTH_TO_SPACE and BROADCAST_TO: the op lists its output axes in order, each
// with an iteration count and an input element step; copyAxesEnd drops unit axes, merges
// neighbours that walk the input contiguously (longer memory.copy rows), checks that every
// read stays inside the input and stores the result in the op's StridedCopyParams.

import { Subgraph, Node } from "../graph";
import { opError, inputData, outputData, allocOpData } from "./registry";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_copy";
import * as simd from "../../kernels-simd/strided_copy";
import { StridedCopyParams, COPY_AXES } from "../../kernels-scalar/strided_copy";

const MAX_LISTED = 8;
const COUNTS: usize = memory.data(MAX_LISTED * 4);
const STEPS: usize = memory.data(MAX_LISTED * 4);
let listed = 0;

export function copyAxesBegin(): void { listed = 0; }

/** Appends the next (inner) output axis. */
export function copyAxis(count: i32, step: i32): void {
  if (listed < MAX_LISTED) {
    store<i32>(COUNTS + (<usize>listed << 2), count);
    store<i32>(STEPS + (<usize>listed << 2), step);
  }
  listed++;
}

// @ts-ignore: decorator
@inline function countAt(i: i32): i32 { return load<i32>(COUNTS + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function stepAt(i: i32): i32 { return load<i32>(STEPS + (<usize>i << 2)); }

/**
 * Finishes the axes listed since copyAxesBegin into `p`. `first` is the input element read
 * first, `inputElements` the input's size (every read is checked against it).
 */
export function copyAxesEnd(node: Node, p: StridedCopyParams, elementShift: i32, first: i32, inputElements: i32): bool {
  if (listed > MAX_LISTED) { opError(node, "too many dimensions"); return false; }
  // Merge from the innermost axis outwards, in place at the end of the lists.
  let merged = 0;      // merged axes, stored at COUNTS/STEPS[MAX_LISTED - merged ..]
  let total: i64 = 1;
  let highest: i64 = first;
  for (let i = listed - 1; i >= 0; i--) {
    const count = countAt(i);
    const step = stepAt(i);
    total *= <i64>count;
    if (count <= 0) continue;
    highest += <i64>(count - 1) * <i64>step;
    if (count == 1) continue;
    if (merged > 0) {
      const k = MAX_LISTED - merged;
      if (<i64>step == <i64>stepAt(k) * <i64>countAt(k)) {
        store<i32>(COUNTS + (<usize>k << 2), countAt(k) * count);
        continue;
      }
    }
    merged++;
    const k = MAX_LISTED - merged;
    // Never overwrites an unread entry: k >= i, as merged <= listed - i.
    store<i32>(COUNTS + (<usize>k << 2), count);
    store<i32>(STEPS + (<usize>k << 2), step);
  }
  if (merged > COPY_AXES) { opError(node, "too many distinct dimensions"); return false; }
  if (total > 0 && (first < 0 || highest >= <i64>inputElements)) { opError(node, "the copy reaches outside the input"); return false; }
  const base = changetype<usize>(p);
  const counts = base + offsetof<StridedCopyParams>("count0");
  const steps = base + offsetof<StridedCopyParams>("step0");
  for (let a = 0; a < COPY_AXES; a++) {
    const k = a - (COPY_AXES - merged); // index among the merged axes, outermost first
    const fromEnd = MAX_LISTED - merged + k;
    store<i32>(counts + (<usize>a << 2), k < 0 ? 1 : countAt(fromEnd));
    store<i32>(steps + (<usize>a << 2), k < 0 ? 0 : stepAt(fromEnd));
  }
  if (total == 0) p.count0 = 0;
  p.elementShift = elementShift;
  p.first = first;
  return true;
}

/** Allocates the op data of a strided-copy op (0 when the arena is full). */
export function allocCopyParams(node: Node): usize {
  return allocOpData(node, offsetof<StridedCopyParams>());
}

/** Eval of every op whose op data is a StridedCopyParams (input 0 to output 0). */
export function evalStridedCopy(sg: Subgraph, node: Node): bool {
  const p = changetype<StridedCopyParams>(node.opData);
  if (SIMD) simd.stridedCopy(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.stridedCopy(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}
