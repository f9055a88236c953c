// MAX_POOL_2D reference kernels (TFLM reference_ops / reference_integer_ops MaxPool). NHWC;
// windows are clipped to the input. Parameters are shared with AVERAGE_POOL_2D.

import { Pool2DParams, clampF32 } from "./average_pool2d";
export { Pool2DParams };

// The running maximum starts at the dtype's lowest value, then the activation clamps it.
// @ts-ignore: decorator
@inline function maxPoolInteger<T>(p: Pool2DParams, input: usize, output: usize, lowest: i32): void {
  const depth = p.depth;
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const rowStride = <usize>(inWidth * depth) * sizeof<T>();
  const colStride = <usize>depth * sizeof<T>();
  const actMin = p.actMin;
  const actMax = p.actMax;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowStride;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const yStart = originY < 0 ? -originY : 0;
      const yEnd = min(p.filterHeight, inHeight - originY);
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const xStart = originX < 0 ? -originX : 0;
        const xEnd = min(p.filterWidth, inWidth - originX);
        const windowBase = batchBase + <usize>(originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
        for (let c = 0; c < depth; c++) {
          let m = lowest;
          let row = windowBase + <usize>c * sizeof<T>();
          for (let fy = yStart; fy < yEnd; fy++) {
            let q = row;
            for (let fx = xStart; fx < xEnd; fx++) {
              const v = <i32>load<T>(q);
              if (v > m) m = v;
              q += colStride;
            }
            row += rowStride;
          }
          m = m < actMin ? actMin : (m > actMax ? actMax : m);
          store<T>(out, <T>m);
          out += sizeof<T>();
        }
      }
    }
  }
}

export function maxPool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  maxPoolInteger<i8>(p, input, output, -128);
}

export function maxPool2dInt16(p: Pool2DParams, input: usize, output: usize): void {
  maxPoolInteger<i16>(p, input, output, -32768);
}

/** float32: starts at the lowest finite float; a NaN input never replaces the maximum. */
export function maxPool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const rowStride = <usize>(inWidth * depth) << 2;
  const colStride = <usize>depth << 2;
  const actMinF = p.actMinF;
  const actMaxF = p.actMaxF;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowStride;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const yStart = originY < 0 ? -originY : 0;
      const yEnd = min(p.filterHeight, inHeight - originY);
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const xStart = originX < 0 ? -originX : 0;
        const xEnd = min(p.filterWidth, inWidth - originX);
        const windowBase = batchBase + <usize>(originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
        for (let c = 0; c < depth; c++) {
          let m: f32 = -f32.MAX_VALUE;
          let row = windowBase + (<usize>c << 2);
          for (let fy = yStart; fy < yEnd; fy++) {
            let q = row;
            for (let fx = xStart; fx < xEnd; fx++) {
              const v = load<f32>(q);
              if (m < v) m = v;
              q += colStride;
            }
            row += rowStride;
          }
          store<f32>(out, clampF32(m, actMinF, actMaxF));
          out += 4;
        }
      }
    }
  }
}
