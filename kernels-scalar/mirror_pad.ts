// MIRROR_PAD reference kernel (TFLM mirror_pad.cc): each output coordinate maps to an input
// coordinate per dimension, reflecting at the edges (REFLECT excludes the edge element,
// SYMMETRIC repeats it). Shapes are extended to 5-D; rows of the last dimension are built
// from one mapped input row.

export const MIRROR_PAD_RANK = 5;

@unmanaged
export class MirrorPadParams {
  /** 1 for REFLECT, 0 for SYMMETRIC (TFLM's offset). */
  offset: i32;
  /** log2 of the element size. */
  elementShift: i32;
  inDim0: i32; inDim1: i32; inDim2: i32; inDim3: i32; inDim4: i32;
  outDim0: i32; outDim1: i32; outDim2: i32; outDim3: i32; outDim4: i32;
  left0: i32; left1: i32; left2: i32; left3: i32; left4: i32;
}

/** TFLM GetInputDimension. */
// @ts-ignore: decorator
@inline function source(padded: i32, left: i32, size: i32, offset: i32): i32 {
  if (padded < left) {
    const original = left + offset - 1;
    return original - min(padded, original - offset);
  }
  padded -= left;
  if (padded >= size) {
    padded -= size;
    const original = size - (1 + offset);
    return original - min(padded, original);
  }
  return padded;
}

export function mirrorPad(p: MirrorPadParams, input: usize, output: usize): void {
  const offset = p.offset;
  const shift = p.elementShift;
  const n = p.outDim4;
  const inRow = p.inDim4;
  const left4 = p.left4;
  let out = output;
  for (let a = 0; a < p.outDim0; a++) {
    const ia = source(a, p.left0, p.inDim0, offset);
    for (let b = 0; b < p.outDim1; b++) {
      const ib = ia * p.inDim1 + source(b, p.left1, p.inDim1, offset);
      for (let c = 0; c < p.outDim2; c++) {
        const ic = ib * p.inDim2 + source(c, p.left2, p.inDim2, offset);
        for (let d = 0; d < p.outDim3; d++) {
          const row = input + ((<usize>(ic * p.inDim3 + source(d, p.left3, p.inDim3, offset)) * <usize>inRow) << shift);
          // The input row in the middle, mirrored elements on both sides.
          memory.copy(out + (<usize>left4 << shift), row, <usize>inRow << shift);
          for (let e = 0; e < n; e++) {
            if (e == left4) e += inRow;
            if (e >= n) break;
            const from = row + (<usize>source(e, left4, inRow, offset) << shift);
            if (shift == 0) store<u8>(out + <usize>e, load<u8>(from));
            else store<u32>(out + (<usize>e << 2), load<u32>(from));
          }
          out += <usize>n << shift;
        }
      }
    }
  }
}
