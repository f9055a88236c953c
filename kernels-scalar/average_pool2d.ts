// AVERAGE_POOL_2D reference kernels (TFLM reference_ops / reference_integer_ops AveragePool).
// NHWC. Windows are clipped to the input; padded positions are not counted.

/** Everything a 2-D pooling kernel needs (AVERAGE_POOL_2D and MAX_POOL_2D), set by prepare. */
@unmanaged
export class Pool2DParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  batches: i32;
  inHeight: i32;
  inWidth: i32;
  depth: i32;
  outHeight: i32;
  outWidth: i32;
  strideHeight: i32;
  strideWidth: i32;
  filterHeight: i32;
  filterWidth: i32;
  padHeight: i32;
  padWidth: i32;
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
}

// Integer average: the window sum is divided with rounding half away from zero (C division
// truncates towards zero, so the half is added or subtracted by sign), then clamped.
// @ts-ignore: decorator
@inline function averagePoolInteger<T>(p: Pool2DParams, input: usize, output: usize): void {
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
        const count = (yEnd - yStart) * (xEnd - xStart); // > 0: prepare checked every window
        const half = count / 2;
        const windowBase = batchBase + <usize>(originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
        for (let c = 0; c < depth; c++) {
          let acc = 0;
          let row = windowBase + <usize>c * sizeof<T>();
          for (let fy = yStart; fy < yEnd; fy++) {
            let q = row;
            for (let fx = xStart; fx < xEnd; fx++) {
              acc += <i32>load<T>(q);
              q += colStride;
            }
            row += rowStride;
          }
          acc = acc > 0 ? (acc + half) / count : (acc - half) / count;
          acc = acc < actMin ? actMin : (acc > actMax ? actMax : acc);
          store<T>(out, <T>acc);
          out += sizeof<T>();
        }
      }
    }
  }
}

export function averagePool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  averagePoolInteger<i8>(p, input, output);
}

export function averagePool2dInt16(p: Pool2DParams, input: usize, output: usize): void {
  averagePoolInteger<i16>(p, input, output);
}

/** float32: the window is summed in (y, x) order and divided by the count, as TFLM does. */
export function averagePool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
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
        const count = <f32>((yEnd - yStart) * (xEnd - xStart));
        const windowBase = batchBase + <usize>(originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
        for (let c = 0; c < depth; c++) {
          let total: f32 = 0;
          let row = windowBase + (<usize>c << 2);
          for (let fy = yStart; fy < yEnd; fy++) {
            let q = row;
            for (let fx = xStart; fx < xEnd; fx++) {
              total += load<f32>(q);
              q += colStride;
            }
            row += rowStride;
          }
          store<f32>(out, clampF32(total / count, actMinF, actMaxF));
          out += 4;
        }
      }
    }
  }
}

/** std::min(std::max(x, lo), hi), comparison for comparison (keeps -0 and NaN as C++ does). */
// @ts-ignore: decorator
@inline export function clampF32(x: f32, lo: f32, hi: f32): f32 {
  const v = x < lo ? lo : x;
  return hi < v ? hi : v;
}
