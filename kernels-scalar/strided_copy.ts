// Kernels of the ops that only move elements. One strided copy serves TRANSPOSE, SLICE,
// SPACE_TO_DEPTH, DEPTH_TO_SPACE and BROADCAST_TO: the output is written in order while the
// input is read through up to six nested axes, each with an element step (0 repeats an
// element, as broadcasting does). A block copy serves SPLIT, SPLIT_V, PACK and UNPACK.

/** Axes of a strided copy. */
export const COPY_AXES = 6;

@unmanaged
export class StridedCopyParams {
  /** log2 of the element size in bytes. */
  elementShift: i32;
  /** Input element index of the first element copied. */
  first: i32;
  /** Iterations per axis, outermost first (unused leading axes: 1). */
  count0: i32; count1: i32; count2: i32; count3: i32; count4: i32; count5: i32;
  /** Input element step per iteration of each axis. */
  step0: i32; step1: i32; step2: i32; step3: i32; step4: i32; step5: i32;
}

/** Copies `n` elements read `step` elements apart from `src` to consecutive `dst` (also STRIDED_SLICE's rows). */
// @ts-ignore: decorator
@inline export function copyRow(src: usize, step: i32, dst: usize, n: i32, shift: i32): void {
  if (step == 1) {
    memory.copy(dst, src, <usize>n << shift);
  } else if (shift == 0) {
    for (let e = 0; e < n; e++) store<u8>(dst + <usize>e, load<u8>(src + <usize>(e * step)));
  } else if (shift == 1) {
    for (let e = 0; e < n; e++) store<u16>(dst + (<usize>e << 1), load<u16>(src + (<usize>(e * step) << 1)));
  } else if (shift == 2) {
    for (let e = 0; e < n; e++) store<u32>(dst + (<usize>e << 2), load<u32>(src + (<usize>(e * step) << 2)));
  } else {
    for (let e = 0; e < n; e++) store<u64>(dst + (<usize>e << 3), load<u64>(src + (<usize>(e * step) << 3)));
  }
}

export function stridedCopy(p: StridedCopyParams, input: usize, output: usize): void {
  const shift = p.elementShift;
  const n = p.count5;
  const step = p.step5;
  const rowBytes = <usize>n << shift;
  let out = output;
  let i0 = p.first;
  for (let a = 0; a < p.count0; a++) {
    let i1 = i0;
    for (let b = 0; b < p.count1; b++) {
      let i2 = i1;
      for (let c = 0; c < p.count2; c++) {
        let i3 = i2;
        for (let d = 0; d < p.count3; d++) {
          let i4 = i3;
          for (let e = 0; e < p.count4; e++) {
            copyRow(input + (<usize>i4 << shift), step, out, n, shift);
            out += rowBytes;
            i4 += p.step4;
          }
          i3 += p.step3;
        }
        i2 += p.step2;
      }
      i1 += p.step1;
    }
    i0 += p.step0;
  }
}

/** Copies `count` blocks of `bytes`: block k from src + k * srcStride to dst + k * dstStride. */
export function copyBlocks(src: usize, srcStride: usize, dst: usize, dstStride: usize, count: i32, bytes: usize): void {
  for (let k = 0; k < count; k++) {
    memory.copy(dst, src, bytes);
    src += srcStride;
    dst += dstStride;
  }
}
