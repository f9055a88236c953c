// STRIDED_SLICE reference kernel: a copy over at most five nested axes. prepare resolves
// begin/end/strides/masks into, per axis, an iteration count and an element step, so eval
// is pure address arithmetic (TFLM reference_ops::StridedSlice visits the same elements in
// the same order).

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
          const src = input + (<usize>i3 << shift);
          if (step4 == 1) {
            memory.copy(out, src, rowBytes);
          } else if (shift == 0) {
            for (let e = 0; e < n4; e++) store<u8>(out + <usize>e, load<u8>(src + <usize>(e * step4)));
          } else if (shift == 1) {
            for (let e = 0; e < n4; e++) store<u16>(out + (<usize>e << 1), load<u16>(src + (<usize>(e * step4) << 1)));
          } else if (shift == 2) {
            for (let e = 0; e < n4; e++) store<u32>(out + (<usize>e << 2), load<u32>(src + (<usize>(e * step4) << 2)));
          } else {
            for (let e = 0; e < n4; e++) store<u64>(out + (<usize>e << 3), load<u64>(src + (<usize>(e * step4) << 3)));
          }
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
