// AVERAGE_POOL_2D, SIMD set: 16 int8 / 4 float channels per vector. A depth that is not a
// multiple of the vector width ends with one overlapping block; depths below one vector, int16,
// and windows too large for the exact division below use the reference kernel.
//
// The integer average is (sum +- count/2) / count truncated, as the reference. It is computed
// in f32: numerator and count are integers below 2^24 with |numerator| + count < 2^24, so the
// rounded quotient never crosses an integer and truncation gives the exact C quotient.

import { Pool2DParams } from "../kernels-scalar/average_pool2d";
import * as scalar from "../kernels-scalar/average_pool2d";

export { averagePool2dInt16 } from "../kernels-scalar/average_pool2d";

/** Largest window (elements) for the f32 division: 130 * 65536 < 2^24. */
const MAX_EXACT_WINDOW = 65536;
/** Largest window whose int8 sum fits int16 lanes (256 * -128 = -32768). */
const MAX_I16_WINDOW = 256;

// The current output pixel's window, clipped to the input (set by poolWindows).
export let winBase: usize = 0;
export let winRows: i32 = 0;
export let winCols: i32 = 0;

/** Window of flat output pixel `pixel` (batch, row, column): first element address and extent. */
// @ts-ignore: decorator
@inline export function poolWindows(p: Pool2DParams, pixel: i32, input: usize, rowStride: usize, colStride: usize): void {
  const ox = pixel % p.outWidth;
  const rest = pixel / p.outWidth;
  const oy = rest % p.outHeight;
  const b = rest / p.outHeight;
  const originY = oy * p.strideHeight - p.padHeight;
  const originX = ox * p.strideWidth - p.padWidth;
  const yStart = originY < 0 ? -originY : 0;
  const xStart = originX < 0 ? -originX : 0;
  winRows = min(p.filterHeight, p.inHeight - originY) - yStart;
  winCols = min(p.filterWidth, p.inWidth - originX) - xStart;
  winBase = input + <usize>(b * p.inHeight + originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
}

// (sum + (sum > 0 ? half : -half)) / count, truncated, for four i32 lanes.
// @ts-ignore: decorator
@inline function divideRounded(sum: v128, half: v128, count: v128): v128 {
  const n = i32x4.add(sum, v128.bitselect(half, i32x4.neg(half), i32x4.gt_s(sum, i32x4.splat(0))));
  return i32x4.trunc_sat_f32x4_s(f32x4.div(f32x4.convert_i32x4_s(n), count));
}

export function averagePool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  const area = p.filterHeight * p.filterWidth;
  if (depth < 16 || area > MAX_EXACT_WINDOW) { scalar.averagePool2dInt8(p, input, output); return; }
  const colStride = <usize>depth;
  const rowStride = <usize>p.inWidth * colStride;
  const lo = i32x4.splat(p.actMin);
  const hi = i32x4.splat(p.actMax);
  const narrowSums = area <= MAX_I16_WINDOW;
  const pixels = p.batches * p.outHeight * p.outWidth;
  let out = output;
  for (let pixel = 0; pixel < pixels; pixel++) {
    poolWindows(p, pixel, input, rowStride, colStride);
    const base = winBase, rows = winRows, cols = winCols;
    const count = rows * cols;
    const half = i32x4.splat(count / 2);
    const countF = f32x4.splat(<f32>count);
    let c = 0;
    while (true) {
      let s0 = i32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
      let row = base + <usize>c;
      if (narrowSums) {
        let a = i16x8.splat(0), b = a;
        for (let y = 0; y < rows; y++) {
          let q = row;
          for (let x = 0; x < cols; x++) {
            a = i16x8.add(a, v128.load8x8_s(q));
            b = i16x8.add(b, v128.load8x8_s(q, 8));
            q += colStride;
          }
          row += rowStride;
        }
        s0 = i32x4.extend_low_i16x8_s(a); s1 = i32x4.extend_high_i16x8_s(a);
        s2 = i32x4.extend_low_i16x8_s(b); s3 = i32x4.extend_high_i16x8_s(b);
      } else {
        for (let y = 0; y < rows; y++) {
          let q = row;
          for (let x = 0; x < cols; x++) {
            const a = v128.load8x8_s(q), b = v128.load8x8_s(q, 8);
            s0 = i32x4.add(s0, i32x4.extend_low_i16x8_s(a)); s1 = i32x4.add(s1, i32x4.extend_high_i16x8_s(a));
            s2 = i32x4.add(s2, i32x4.extend_low_i16x8_s(b)); s3 = i32x4.add(s3, i32x4.extend_high_i16x8_s(b));
            q += colStride;
          }
          row += rowStride;
        }
      }
      const v0 = i32x4.min_s(i32x4.max_s(divideRounded(s0, half, countF), lo), hi);
      const v1 = i32x4.min_s(i32x4.max_s(divideRounded(s1, half, countF), lo), hi);
      const v2 = i32x4.min_s(i32x4.max_s(divideRounded(s2, half, countF), lo), hi);
      const v3 = i32x4.min_s(i32x4.max_s(divideRounded(s3, half, countF), lo), hi);
      v128.store(out + <usize>c, i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(v0, v1), i16x8.narrow_i32x4_s(v2, v3)));
      if (c == depth - 16) break;
      c = min(c + 16, depth - 16);
    }
    out += colStride;
  }
}

/** float32: per lane the same (y, x) summation order and division as the reference. */
export function averagePool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  if (depth < 4) { scalar.averagePool2dFloat32(p, input, output); return; }
  const colStride = <usize>depth << 2;
  const rowStride = <usize>p.inWidth * colStride;
  const lo = f32x4.splat(p.actMinF);
  const hi = f32x4.splat(p.actMaxF);
  const pixels = p.batches * p.outHeight * p.outWidth;
  let out = output;
  for (let pixel = 0; pixel < pixels; pixel++) {
    poolWindows(p, pixel, input, rowStride, colStride);
    const base = winBase, rows = winRows, cols = winCols;
    const count = f32x4.splat(<f32>(rows * cols));
    let c = 0;
    while (true) {
      let total = f32x4.splat(0);
      let row = base + (<usize>c << 2);
      for (let y = 0; y < rows; y++) {
        let q = row;
        for (let x = 0; x < cols; x++) { total = f32x4.add(total, v128.load(q)); q += colStride; }
        row += rowStride;
      }
      // clampF32 is compare-and-select: pmax / pmin are exactly that.
      v128.store(out + (<usize>c << 2), f32x4.pmin(f32x4.pmax(f32x4.div(total, count), lo), hi));
      if (c == depth - 4) break;
      c = min(c + 4, depth - 4);
    }
    out += colStride;
  }
}
