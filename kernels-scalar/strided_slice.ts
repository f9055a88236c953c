// STRIDED_SLICE reference kernel: a copy over at most five nested axes. prepare resolves
// begin/end/strides/masks into, per axis, an iteration count and an element step, so eval
// is pure address arithmetic (TFLM reference_ops::StridedSlice visits the same elements in
// the same order). Rows are copied as the strided copy of ./strided_copy.ts copies them; the
// op data keeps five axes (TFLM's limit), one fewer than that copy's.

import { copyRow } from "./strided_copy";

@unmanaged
export class StridedSliceParams {
  /** log2 of the element size in bytes. */
  elementShift: i32;
  /** Iterations per axis, outermost first. */
  count0: i32; count1: i32; count2: i32; count3: i32; count4: i32;
  /** Element step per iteration of each axis (negative for negative strides). */
  step0: i32; step1: i32; step2: i32; step3: i32; step4: i32;
  /** Element index of the first element copied. */
  first: i32;
}

export function stridedSlice(p: StridedSliceParams, input: usize, output: usize): void {
  const shift = p.elementShift;
  const n4 = p.count4;
  const step4 = p.step4;
  const rowBytes = <usize>n4 << shift;
  let out = output;
  let i0 = p.first;
  for (let a = 0; a < p.count0; a++) {
    let i1 = i0;
    for (let b = 0; b < p.count1; b++) {
      let i2 = i1;
      for (let c = 0; c < p.count2; c++) {
        let i3 = i2;
        for (let d = 0; d < p.count3; d++) {
          copyRow(input + (<usize>i3 << shift), step4, out, n4, shift);
          out += rowBytes;
          i3 += p.step3;
        }
        i2 += p.step2;
      }
      i1 += p.step1;
    }
    i0 += p.step0;
  }
}
