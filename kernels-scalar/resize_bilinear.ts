// RESIZE_BILINEAR reference kernels (TFLite reference_ops::ResizeBilinear and
// ResizeBilinearInteger): float32 in float maths; int8 in 10-bit fixed point, rounded half
// away from zero at the end (TFLM's default double-rounding build).

@unmanaged
export class ResizeBilinearParams {
  /** DType of input and output. */
  type: i32;
  batches: i32; inHeight: i32; inWidth: i32; depth: i32;
  outHeight: i32; outWidth: i32;
  alignCorners: i32; halfPixelCenters: i32;
}

/** Float source coordinate and its two neighbours (ComputeInterpolationValues). */
let lowF: i32 = 0;
let highF: i32 = 0;
// @ts-ignore: decorator
@inline function sourceF(value: i32, scale: f32, halfPixel: bool, size: i32): f32 {
  const scaled = halfPixel ? (<f32>value + <f32>0.5) * scale - <f32>0.5 : <f32>value * scale;
  // TFLM leaves the lower neighbour unclamped above; clamped here so no read leaves the input.
  const lo = min(<i32>Mathf.floor(scaled), size - 1);
  lowF = lo > 0 ? lo : 0;
  const hi = <i32>Mathf.ceil(scaled);
  highF = hi < size - 1 ? hi : size - 1;
  return scaled;
}

function scaleF(inSize: i32, outSize: i32, alignCorners: bool): f32 {
  if (alignCorners && outSize > 1) return <f32>(inSize - 1) / <f32>(outSize - 1);
  return <f32>inSize / <f32>outSize;
}

export function resizeBilinearFloat32(p: ResizeBilinearParams, input: usize, output: usize): void {
  const halfPixel = p.halfPixelCenters != 0;
  const heightScale = scaleF(p.inHeight, p.outHeight, p.alignCorners != 0);
  const widthScale = scaleF(p.inWidth, p.outWidth, p.alignCorners != 0);
  const depth = p.depth;
  const rowStride = <usize>p.inWidth * <usize>depth;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batch = input + ((<usize>b * <usize>p.inHeight * rowStride) << 2);
    for (let y = 0; y < p.outHeight; y++) {
      const inY = sourceF(y, heightScale, halfPixel, p.inHeight);
      const y0 = lowF, y1 = highF;
      const dy = inY - <f32>y0;
      for (let x = 0; x < p.outWidth; x++) {
        const inX = sourceF(x, widthScale, halfPixel, p.inWidth);
        const x0 = lowF, x1 = highF;
        const dx = inX - <f32>x0;
        const a = batch + ((<usize>y0 * rowStride + <usize>x0 * <usize>depth) << 2);
        const bb = batch + ((<usize>y1 * rowStride + <usize>x0 * <usize>depth) << 2);
        const c = batch + ((<usize>y0 * rowStride + <usize>x1 * <usize>depth) << 2);
        const d = batch + ((<usize>y1 * rowStride + <usize>x1 * <usize>depth) << 2);
        for (let ch = 0; ch < depth; ch++) {
          const o = <usize>ch << 2;
          const v = load<f32>(a + o) * (<f32>1 - dy) * (<f32>1 - dx) +
                    load<f32>(bb + o) * dy * (<f32>1 - dx) +
                    load<f32>(c + o) * (<f32>1 - dy) * dx +
                    load<f32>(d + o) * dy * dx;
          store<f32>(out, v);
          out += 4;
        }
      }
    }
  }
}

/** Fixed-point source coordinate (x 1024) and its neighbours (ComputeInterpolationValuesInteger). */
let lowI: i32 = 0;
let highI: i32 = 0;
// @ts-ignore: decorator
@inline function sourceI(value: i32, scale10: i32, halfPixel: bool, size: i32): i32 {
  const scaled = halfPixel ? value * scale10 + scale10 / 2 - (1 << 9) : value * scale10;
  const lo = min(scaled / (1 << 10), size - 1);
  lowI = lo > 0 ? lo : 0;
  const hi = (scaled + (1 << 10) - 1) / (1 << 10);
  highI = hi < size - 1 ? hi : size - 1;
  return scaled;
}

function scale10(inSize: i32, outSize: i32, alignCorners: bool): i32 {
  if (alignCorners && outSize > 1) return ((1 << 10) * (inSize - 1) + (outSize - 1) / 2) / (outSize - 1);
  return ((1 << 10) * inSize + outSize / 2) / outSize;
}

export function resizeBilinearInt8(p: ResizeBilinearParams, input: usize, output: usize): void {
  const halfPixel = p.halfPixelCenters != 0;
  const heightScale = scale10(p.inHeight, p.outHeight, p.alignCorners != 0);
  const widthScale = scale10(p.inWidth, p.outWidth, p.alignCorners != 0);
  const depth = p.depth;
  const rowStride = <usize>p.inWidth * <usize>depth;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batch = input + <usize>b * <usize>p.inHeight * rowStride;
    for (let y = 0; y < p.outHeight; y++) {
      const inY = sourceI(y, heightScale, halfPixel, p.inHeight);
      const y0 = lowI, y1 = highI;
      const fy = <i64>(inY - (1 << 10) * y0);
      const gy = <i64>(1 << 10) - fy;
      for (let x = 0; x < p.outWidth; x++) {
        const inX = sourceI(x, widthScale, halfPixel, p.inWidth);
        const x0 = lowI, x1 = highI;
        const fx = <i64>(inX - (1 << 10) * x0);
        const gx = <i64>(1 << 10) - fx;
        const a = batch + <usize>y0 * rowStride + <usize>x0 * <usize>depth;
        const bb = batch + <usize>y1 * rowStride + <usize>x0 * <usize>depth;
        const c = batch + <usize>y0 * rowStride + <usize>x1 * <usize>depth;
        const d = batch + <usize>y1 * rowStride + <usize>x1 * <usize>depth;
        for (let ch = 0; ch < depth; ch++) {
          const o = <usize>ch;
          const sum = <i64>load<i8>(a + o) * gy * gx + <i64>load<i8>(bb + o) * fy * gx +
                      <i64>load<i8>(c + o) * gy * fx + <i64>load<i8>(d + o) * fy * fx;
          const round: i64 = sum > 0 ? (1 << 19) : -(1 << 19);
          store<i8>(out, <i8>((sum + round) / (1 << 20)));
          out += 1;
        }
      }
    }
  }
}
