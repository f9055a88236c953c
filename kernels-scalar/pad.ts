// PAD / PADV2 reference kernel (TFLM reference_ops::Pad): constant padding of up to 5
// dimensions. Byte-exact for every dtype, so one kernel serves all element sizes.

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class PadParams {
  /** Element size in bytes (1, 2 or 4). */
  elementSize: i32;
  /** Input dtype (DType), for the pad value's width. */
  type: i32;
  /** Pad value bits when PADV2 has no constant input (the output zero point for int8, else 0). */
  defaultValue: i32;
  /** Output dims, left paddings and input dims, each i32[5], shapes extended to 5-D with leading 1s. */
  outDims: usize;
  left: usize;
  inDims: usize;
}

// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }

/** Writes `count` copies of the element `value` (low elementSize bytes) at `dst`. */
// @ts-ignore: decorator
@inline function fillValue(dst: usize, count: i32, value: i32, elementSize: i32): void {
  if (elementSize == 1) {
    memory.fill(dst, <u8>value, <usize>count);
  } else if (elementSize == 2) {
    for (let i = 0; i < count; i++) store<i16>(dst + (<usize>i << 1), <i16>value);
  } else {
    for (let i = 0; i < count; i++) store<i32>(dst + (<usize>i << 2), value);
  }
}

/**
 * Copies the input into the output, surrounded by `value` (its bit pattern). Rows of the last
 * dimension are written whole: all padding when any outer index is in the padding, else left
 * padding, the next input row, right padding; the input is read in order, as TFLM does.
 */
export function pad(p: PadParams, input: usize, value: i32, output: usize): void {
  const es = p.elementSize;
  const o0 = geti(p.outDims, 0), o1 = geti(p.outDims, 1), o2 = geti(p.outDims, 2), o3 = geti(p.outDims, 3), o4 = geti(p.outDims, 4);
  const l0 = geti(p.left, 0), l1 = geti(p.left, 1), l2 = geti(p.left, 2), l3 = geti(p.left, 3), l4 = geti(p.left, 4);
  const e0 = l0 + geti(p.inDims, 0), e1 = l1 + geti(p.inDims, 1), e2 = l2 + geti(p.inDims, 2), e3 = l3 + geti(p.inDims, 3);
  const inRow = geti(p.inDims, 4);
  const right = o4 - l4 - inRow;
  const rowBytes = <usize>o4 * <usize>es;
  const inRowBytes = <usize>inRow * <usize>es;
  const leftBytes = <usize>l4 * <usize>es;
  let src = input;
  let dst = output;
  for (let a = 0; a < o0; a++) {
    const inA = a >= l0 && a < e0;
    for (let b = 0; b < o1; b++) {
      const inB = inA && b >= l1 && b < e1;
      for (let c = 0; c < o2; c++) {
        const inC = inB && c >= l2 && c < e2;
        for (let d = 0; d < o3; d++) {
          if (inC && d >= l3 && d < e3) {
            fillValue(dst, l4, value, es);
            memory.copy(dst + leftBytes, src, inRowBytes);
            fillValue(dst + leftBytes + inRowBytes, right, value, es);
            src += inRowBytes;
          } else {
            fillValue(dst, o4, value, es);
          }
          dst += rowBytes;
        }
      }
    }
  }
}
