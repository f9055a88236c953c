// CONV_2D float32, SIMD set: 4 output channels per f32x4 (./gemm_float), each lane visiting the
// taps inside the input in TFLM's order (filter row, filter column, channel), so the sums are
// the scalar kernel's to the bit.

import { Conv2DParams, firstTap, endTap } from "../kernels-scalar/conv2d";
import { dotFloat4, storeFloat4, loadBias4 } from "./gemm_float";

/** The float path covers every ungrouped convolution. */
export function floatPathSupported(p: Conv2DParams): bool {
  return true;
}

export function conv2dFloat32Simd(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const channels = p.inDepth;
  const filterWidth = p.filterWidth;
  const depth = p.filterHeight * filterWidth * channels;
  const outDepth = p.outDepth;
  const dilationH = p.dilationHeight;
  const dilationW = p.dilationWidth;
  const pixelBytes = <usize>channels << 2;
  const rowBytes = <usize>p.inWidth * pixelBytes;
  const outPixel = <usize>outDepth << 2;
  const lo = f32x4.splat(p.actMinF);
  const hi = f32x4.splat(p.actMaxF);
  for (let n = 0; n < outDepth; n += 4) {
    const count = min(outDepth - n, 4);
    const w0 = filter + (<usize>n * <usize>depth << 2);
    const stride = <usize>depth << 2;
    const w1 = count > 1 ? w0 + stride : w0;
    const w2 = count > 2 ? w0 + 2 * stride : w1;
    const w3 = count > 3 ? w0 + 3 * stride : w2;
    const biasV = loadBias4(bias, n, count);
    let out = output + (<usize>n << 2);
    for (let b = 0; b < p.batches; b++) {
      const batchBase = input + <usize>(b * p.inHeight) * rowBytes;
      for (let oy = 0; oy < p.outHeight; oy++) {
        const originY = oy * p.strideHeight - p.padHeight;
        const fyStart = firstTap(originY, dilationH);
        const fyEnd = endTap(originY, dilationH, p.inHeight, p.filterHeight);
        for (let ox = 0; ox < p.outWidth; ox++) {
          const originX = ox * p.strideWidth - p.padWidth;
          const fxStart = firstTap(originX, dilationW);
          const fxEnd = endTap(originX, dilationW, p.inWidth, filterWidth);
          let acc = f32x4.splat(0);
          if (fxEnd > fxStart) {
            for (let fy = fyStart; fy < fyEnd; fy++) {
              const row = batchBase + <usize>(originY + fy * dilationH) * rowBytes;
              const tap = fy * filterWidth;
              if (dilationW == 1) {
                // Adjacent taps are adjacent pixels: one run of (columns x channels).
                const k = <usize>((tap + fxStart) * channels) << 2;
                acc = dotFloat4(acc, row + <usize>(originX + fxStart) * pixelBytes, w0 + k, w1 + k, w2 + k, w3 + k,
                                (fxEnd - fxStart) * channels);
              } else {
                for (let fx = fxStart; fx < fxEnd; fx++) {
                  const k = <usize>((tap + fx) * channels) << 2;
                  acc = dotFloat4(acc, row + <usize>(originX + fx * dilationW) * pixelBytes, w0 + k, w1 + k, w2 + k, w3 + k, channels);
                }
              }
            }
          }
          storeFloat4(out, acc, biasV, lo, hi, count);
          out += outPixel;
        }
      }
    }
  }
}
