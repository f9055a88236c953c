// MAX_POOL_2D, SIMD set: 16 int8 / 4 float channels per vector. A depth that is not a multiple
// of the vector width ends with one overlapping block (it rewrites a few channels with the same
// values); depths below one vector, and int16, use the reference kernel.

import { Pool2DParams } from "../kernels-scalar/average_pool2d";
import * as scalar from "../kernels-scalar/max_pool2d";
import { poolWindows, winBase, winRows, winCols } from "./average_pool2d";

export { maxPool2dInt16 } from "../kernels-scalar/max_pool2d";

export function maxPool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  if (depth < 8) { scalar.maxPool2dInt8(p, input, output); return; }
  const colStride = <usize>depth;
  const rowStride = <usize>p.inWidth * colStride;
  const lo = i8x16.splat(<i8>p.actMin);
  const hi = i8x16.splat(<i8>p.actMax);
  const lowest = i8x16.splat(-128);
  const pixels = p.batches * p.outHeight * p.outWidth;
  let out = output;
  for (let pixel = 0; pixel < pixels; pixel++) {
    poolWindows(p, pixel, input, rowStride, colStride);
    const base = winBase, rows = winRows, cols = winCols;
    if (depth >= 16) {
      let c = 0;
      while (true) {
        let m = lowest;
        let row = base + <usize>c;
        for (let y = 0; y < rows; y++) {
          let q = row;
          for (let x = 0; x < cols; x++) { m = i8x16.max_s(m, v128.load(q)); q += colStride; }
          row += rowStride;
        }
        v128.store(out + <usize>c, i8x16.min_s(i8x16.max_s(m, lo), hi));
        if (c == depth - 16) break;
        c = min(c + 16, depth - 16);
      }
    } else {
      // 8..15 channels: two 8-channel halves, the second overlapping.
      let c = 0;
      while (true) {
        let m = lowest;
        let row = base + <usize>c;
        for (let y = 0; y < rows; y++) {
          let q = row;
          for (let x = 0; x < cols; x++) { m = i8x16.max_s(m, v128.load64_zero(q)); q += colStride; }
          row += rowStride;
        }
        v128.store64_lane(out + <usize>c, i8x16.min_s(i8x16.max_s(m, lo), hi), 0);
        if (c == depth - 8) break;
        c = depth - 8;
      }
    }
    out += colStride;
  }
}

/** float32: the running maximum replaces only when smaller (pmax), then the clamp, as the reference. */
export function maxPool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  if (depth < 4) { scalar.maxPool2dFloat32(p, input, output); return; }
  const colStride = <usize>depth << 2;
  const rowStride = <usize>p.inWidth * colStride;
  const lo = f32x4.splat(p.actMinF);
  const hi = f32x4.splat(p.actMaxF);
  const lowest = f32x4.splat(-f32.MAX_VALUE);
  const pixels = p.batches * p.outHeight * p.outWidth;
  let out = output;
  for (let pixel = 0; pixel < pixels; pixel++) {
    poolWindows(p, pixel, input, rowStride, colStride);
    const base = winBase, rows = winRows, cols = winCols;
    let c = 0;
    while (true) {
      let m = lowest;
      let row = base + (<usize>c << 2);
      for (let y = 0; y < rows; y++) {
        let q = row;
        for (let x = 0; x < cols; x++) { m = f32x4.pmax(m, v128.load(q)); q += colStride; }
        row += rowStride;
      }
      v128.store(out + (<usize>c << 2), f32x4.pmin(f32x4.pmax(m, lo), hi));
      if (c == depth - 4) break;
      c = min(c + 4, depth - 4);
    }
    out += colStride;
  }
}
