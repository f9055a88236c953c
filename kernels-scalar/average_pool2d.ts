// AVERAGE_POOL_2D reference kernels (TFLM reference_ops / reference_integer_ops AveragePool),
// and the window walk MAX_POOL_2D shares (./max_pool2d.ts). NHWC. Windows are clipped to the
// input; padded positions are not counted.

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

/** What poolWindows computes over a window (a constant at every call). */
export const POOL_AVERAGE = 0;
export const POOL_MAX = 1;

/**
 * The pooling both ops share: for each output pixel the window clipped to the input, then per
 * channel its average or maximum (in (y, x) order, TFLM's) and the activation clamp. T is i8,
 * i16 or f32; `kind` is a constant at every call, so each kernel compiles to its own loop.
 * - Integer average: the window sum divided with rounding half away from zero (C division
 *   truncates towards zero, so the half is added or subtracted by sign).
 * - float32 average: the sum divided by the count in float32.
 * - Maximum: starts at the dtype's lowest value (float32: the lowest finite one; a NaN input
 *   never replaces the maximum).
 */
// @ts-ignore: decorator
@inline export function poolWindows<T>(p: Pool2DParams, input: usize, output: usize, kind: i32): void {
  const depth = p.depth;
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const rowStride = <usize>(inWidth * depth) * sizeof<T>();
  const colStride = <usize>depth * sizeof<T>();
  const actMin = p.actMin, actMax = p.actMax;
  const actMinF = p.actMinF, actMaxF = p.actMaxF;
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
        const windowBase = batchBase + <usize>(originY + yStart) * rowStride + <usize>(originX + xStart) * colStride;
        for (let c = 0; c < depth; c++) {
          let row = windowBase + <usize>c * sizeof<T>();
          if (isFloat<T>()) {
            let acc: f32 = kind == POOL_MAX ? -f32.MAX_VALUE : 0;
            for (let fy = yStart; fy < yEnd; fy++) {
              let q = row;
              for (let fx = xStart; fx < xEnd; fx++) {
                const v = load<f32>(q);
                if (kind == POOL_MAX) { if (acc < v) acc = v; } else acc += v;
                q += colStride;
              }
              row += rowStride;
            }
            if (kind == POOL_AVERAGE) acc = acc / <f32>count;
            store<f32>(out, clampF32(acc, actMinF, actMaxF));
          } else {
            let acc: i32 = kind == POOL_MAX ? (sizeof<T>() == 1 ? -128 : -32768) : 0;
            for (let fy = yStart; fy < yEnd; fy++) {
              let q = row;
              for (let fx = xStart; fx < xEnd; fx++) {
                const v = <i32>load<T>(q);
                if (kind == POOL_MAX) { if (v > acc) acc = v; } else acc += v;
                q += colStride;
              }
              row += rowStride;
            }
            if (kind == POOL_AVERAGE) {
              const half = count / 2;
              acc = acc > 0 ? (acc + half) / count : (acc - half) / count;
            }
            acc = acc < actMin ? actMin : (acc > actMax ? actMax : acc);
            store<T>(out, <T>acc);
          }
          out += sizeof<T>();
        }
      }
    }
  }
}

export function averagePool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<i8>(p, input, output, POOL_AVERAGE);
}

export function averagePool2dInt16(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<i16>(p, input, output, POOL_AVERAGE);
}

export function averagePool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<f32>(p, input, output, POOL_AVERAGE);
}

/** std::min(std::max(x, lo), hi), comparison for comparison (keeps -0 and NaN as C++ does). */
// @ts-ignore: decorator
@inline export function clampF32(x: f32, lo: f32, hi: f32): f32 {
  const v = x < lo ? lo : x;
  return hi < v ? hi : v;
}
