// RESIZE_NEAREST_NEIGHBOR reference kernel (TFLM reference_ops::ResizeNearestNeighbor): each
// output pixel copies the input pixel GetNearestNeighbor picks per axis (float maths as TFLM:
// floor, or round half away from zero with align_corners). Bytes only: one kernel for all
// element sizes.

import { roundAwayF32 } from "../assembly/math/fixedpoint";

@unmanaged
export class ResizeNearestParams {
  batches: i32; inHeight: i32; inWidth: i32;
  outHeight: i32; outWidth: i32;
  alignCorners: i32; halfPixelCenters: i32;
  /** Bytes of one pixel (depth x element size). */
  pixelBytes: i32;
}

// @ts-ignore: decorator
@inline function nearest(value: i32, inSize: i32, outSize: i32, alignCorners: bool, halfPixel: bool): i32 {
  const scale = alignCorners && outSize > 1 ? <f32>(inSize - 1) / <f32>(outSize - 1) : <f32>inSize / <f32>outSize;
  const offset: f32 = halfPixel ? 0.5 : 0.0;
  const scaled = (<f32>value + offset) * scale;
  let index = alignCorners ? <i32>roundAwayF32(scaled) : <i32>Mathf.floor(scaled);
  if (index > inSize - 1) index = inSize - 1;
  if (halfPixel && index < 0) index = 0;
  return index;
}

export function resizeNearestNeighbor(p: ResizeNearestParams, input: usize, output: usize): void {
  const align = p.alignCorners != 0;
  const half = p.halfPixelCenters != 0;
  const pixel = <usize>p.pixelBytes;
  const rowBytes = <usize>p.inWidth * pixel;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batch = input + <usize>b * <usize>p.inHeight * rowBytes;
    for (let y = 0; y < p.outHeight; y++) {
      const row = batch + <usize>nearest(y, p.inHeight, p.outHeight, align, half) * rowBytes;
      for (let x = 0; x < p.outWidth; x++) {
        memory.copy(out, row + <usize>nearest(x, p.inWidth, p.outWidth, align, half) * pixel, pixel);
        out += pixel;
      }
    }
  }
}
