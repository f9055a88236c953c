// DEPTHWISE_CONV_2D float32, SIMD set (re-exported by ./depthwise_conv2d): lanes are channels,
// eight or four per block, depth multiplier 1 on 4+ channels; the rest runs the reference kernel.

import { DepthwiseConv2DParams } from "../kernels-scalar/depthwise_conv2d";
import * as scalar from "../kernels-scalar/depthwise_conv2d";
import { firstTap, endTap } from "../kernels-scalar/conv2d";

/**
 * float32: per lane the reference's sequence of operations (taps in row-major order from a zero
 * sum, then the bias, then the clamp), so the bytes are the reference's.
 */
export function depthwiseConv2dFloat32(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const depth = p.outDepth;
  if (p.depthMultiplier != 1 || depth < 4) { scalar.depthwiseConv2dFloat32(p, input, filter, bias, output); return; }
  const inH = p.inHeight, inW = p.inWidth, kh = p.filterHeight, kw = p.filterWidth;
  const dh = p.dilationHeight, dw = p.dilationWidth;
  const colBytes = <usize>depth << 2;
  const rowBytes = <usize>inW * colBytes;
  const tapRow = <usize>dh * rowBytes, tapCol = <usize>dw * colBytes;
  const filterCol = colBytes, filterRow = <usize>kw * filterCol;
  const lo = f32x4.splat(p.actMinF), hi = f32x4.splat(p.actMaxF);
  const zero = f32x4.splat(0);
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inH) * rowBytes;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const fyStart = firstTap(originY, dh);
      const rows = endTap(originY, dh, inH, kh) - fyStart;
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const fxStart = firstTap(originX, dw);
        const cols = endTap(originX, dw, inW, kw) - fxStart;
        const window = batchBase + <usize>(originY + fyStart * dh) * rowBytes + <usize>(originX + fxStart * dw) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRow + <usize>fxStart * filterCol;
        let c = 0;
        while (true) {
          // Eight channels while they last, then four (the last block may overlap).
          const cb = <usize>c << 2;
          if (c + 8 <= depth) {
            let a0 = zero, a1 = zero;
            let inRow = window + cb, fRow = filterWindow + cb;
            for (let fy = 0; fy < rows; fy++) {
              let x = inRow, f = fRow;
              for (let fx = 0; fx < cols; fx++) {
                a0 = f32x4.add(a0, f32x4.mul(v128.load(x), v128.load(f)));
                a1 = f32x4.add(a1, f32x4.mul(v128.load(x, 16), v128.load(f, 16)));
                x += tapCol; f += filterCol;
              }
              inRow += tapRow; fRow += filterRow;
            }
            // The reference adds a zero bias too (it turns -0 into +0).
            a0 = f32x4.add(a0, bias ? v128.load(bias + cb) : zero);
            a1 = f32x4.add(a1, bias ? v128.load(bias + cb, 16) : zero);
            v128.store(out + cb, f32x4.min(f32x4.max(a0, lo), hi));
            v128.store(out + cb, f32x4.min(f32x4.max(a1, lo), hi), 16);
            c += 8;
          } else {
            let a0 = zero;
            let inRow = window + cb, fRow = filterWindow + cb;
            for (let fy = 0; fy < rows; fy++) {
              let x = inRow, f = fRow;
              for (let fx = 0; fx < cols; fx++) {
                a0 = f32x4.add(a0, f32x4.mul(v128.load(x), v128.load(f)));
                x += tapCol; f += filterCol;
              }
              inRow += tapRow; fRow += filterRow;
            }
            a0 = f32x4.add(a0, bias ? v128.load(bias + cb) : zero);
            v128.store(out + cb, f32x4.min(f32x4.max(a0, lo), hi));
            c += 4;
          }
          if (c >= depth) break;
          if (c + 4 > depth) c = depth - 4;
        }
        out += colBytes;
      }
    }
  }
}
