// DEPTHWISE_CONV_2D reference kernels (TFLM reference_ops::DepthwiseConv and
// reference_integer_ops::DepthwiseConvPerChannel arithmetic). NHWC input and output, filter
// [1, H, W, outDepth]; output channel ic * multiplier + m reads input channel ic. Only the filter
// taps inside the input are visited, in TFLM's order (filter row, then column).

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";
import { firstTap, endTap } from "./conv2d";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class DepthwiseConv2DParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  batches: i32;
  inHeight: i32;
  inWidth: i32;
  inDepth: i32;
  filterHeight: i32;
  filterWidth: i32;
  outHeight: i32;
  outWidth: i32;
  outDepth: i32;
  depthMultiplier: i32;
  strideHeight: i32;
  strideWidth: i32;
  dilationHeight: i32;
  dilationWidth: i32;
  padHeight: i32;
  padWidth: i32;
  inputOffset: i32;     // -input zero point (int8 only)
  outputOffset: i32;    // output zero point (int8 only)
  /** Per output channel Q31 multipliers and shifts (i32[outDepth]); 0 for float. */
  channelMultipliers: usize;
  channelShifts: usize;
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
  /** int4 filter: scratch buffer index for the unpacked int8 filter, else -1. */
  unpackScratch: i32;
  /** Filter element count (for unpacking int4). */
  filterCount: i32;
  /** Kernel-private data (SIMD: repacked weights), 0 when unused. */
  packed: usize;
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers. */
export function depthwiseConv2dInt8(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const inDepth = p.inDepth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const outDepth = p.outDepth;
  const multiplier = p.depthMultiplier;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const rowBytes = <usize>(inWidth * inDepth);
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>(dilationWidth * inDepth);
  const filterColBytes = <usize>outDepth;
  const filterRowBytes = <usize>filterWidth * filterColBytes;
  const inputOffset = p.inputOffset;
  const outputOffset = p.outputOffset;
  const multipliers = p.channelMultipliers;
  const shifts = p.channelShifts;
  const actMin = p.actMin;
  const actMax = p.actMax;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowBytes;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const fyStart = firstTap(originY, dilationHeight);
      const rows = endTap(originY, dilationHeight, inHeight, filterHeight) - fyStart;
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const fxStart = firstTap(originX, dilationWidth);
        const cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + <usize>((originX + fxStart * dilationWidth) * inDepth);
        const filterWindow = filter + <usize>fyStart * filterRowBytes + <usize>fxStart * filterColBytes;
        for (let ic = 0; ic < inDepth; ic++) {
          for (let m = 0; m < multiplier; m++) {
            const oc = ic * multiplier + m;
            let inRow = window + <usize>ic;
            let fRow = filterWindow + <usize>oc;
            let acc = 0;
            for (let fy = 0; fy < rows; fy++) {
              let inTap = inRow;
              let fTap = fRow;
              for (let fx = 0; fx < cols; fx++) {
                acc += <i32>load<i8>(fTap) * (<i32>load<i8>(inTap) + inputOffset);
                inTap += tapColBytes;
                fTap += filterColBytes;
              }
              inRow += tapRowBytes;
              fRow += filterRowBytes;
            }
            if (bias) acc += load<i32>(bias + (<usize>oc << 2));
            let v = multiplyByQuantizedMultiplier(acc, load<i32>(multipliers + (<usize>oc << 2)), load<i32>(shifts + (<usize>oc << 2))) + outputOffset;
            v = v < actMin ? actMin : (v > actMax ? actMax : v);
            store<i8>(out, <i8>v);
            out += 1;
          }
        }
      }
    }
  }
}

/** int16 x int8 -> int16, int64 bias (may be 0): 64-bit accumulator, no zero points. */
export function depthwiseConv2dInt16(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const inDepth = p.inDepth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const outDepth = p.outDepth;
  const multiplier = p.depthMultiplier;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const rowBytes = <usize>(inWidth * inDepth) << 1;
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>(dilationWidth * inDepth) << 1;
  const filterColBytes = <usize>outDepth;
  const filterRowBytes = <usize>filterWidth * filterColBytes;
  const multipliers = p.channelMultipliers;
  const shifts = p.channelShifts;
  const actMin = p.actMin;
  const actMax = p.actMax;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowBytes;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const fyStart = firstTap(originY, dilationHeight);
      const rows = endTap(originY, dilationHeight, inHeight, filterHeight) - fyStart;
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const fxStart = firstTap(originX, dilationWidth);
        const cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + (<usize>((originX + fxStart * dilationWidth) * inDepth) << 1);
        const filterWindow = filter + <usize>fyStart * filterRowBytes + <usize>fxStart * filterColBytes;
        for (let ic = 0; ic < inDepth; ic++) {
          for (let m = 0; m < multiplier; m++) {
            const oc = ic * multiplier + m;
            let inRow = window + (<usize>ic << 1);
            let fRow = filterWindow + <usize>oc;
            let acc: i64 = 0;
            for (let fy = 0; fy < rows; fy++) {
              let inTap = inRow;
              let fTap = fRow;
              for (let fx = 0; fx < cols; fx++) {
                acc += <i64>(<i32>load<i8>(fTap) * <i32>load<i16>(inTap));
                inTap += tapColBytes;
                fTap += filterColBytes;
              }
              inRow += tapRowBytes;
              fRow += filterRowBytes;
            }
            if (bias) acc += load<i64>(bias + (<usize>oc << 3));
            let v = multiplyByQuantizedMultiplier64(acc, load<i32>(multipliers + (<usize>oc << 2)), load<i32>(shifts + (<usize>oc << 2)));
            v = v < actMin ? actMin : (v > actMax ? actMax : v);
            store<i16>(out, <i16>v);
            out += 2;
          }
        }
      }
    }
  }
}

/** float32, float bias (may be 0). */
export function depthwiseConv2dFloat32(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const inDepth = p.inDepth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const outDepth = p.outDepth;
  const multiplier = p.depthMultiplier;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const rowBytes = <usize>(inWidth * inDepth) << 2;
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>(dilationWidth * inDepth) << 2;
  const filterColBytes = <usize>outDepth << 2;
  const filterRowBytes = <usize>filterWidth * filterColBytes;
  const actMin = p.actMinF;
  const actMax = p.actMaxF;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowBytes;
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const fyStart = firstTap(originY, dilationHeight);
      const rows = endTap(originY, dilationHeight, inHeight, filterHeight) - fyStart;
      for (let ox = 0; ox < p.outWidth; ox++) {
        const originX = ox * p.strideWidth - p.padWidth;
        const fxStart = firstTap(originX, dilationWidth);
        const cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + (<usize>((originX + fxStart * dilationWidth) * inDepth) << 2);
        const filterWindow = filter + <usize>fyStart * filterRowBytes + <usize>fxStart * filterColBytes;
        for (let ic = 0; ic < inDepth; ic++) {
          for (let m = 0; m < multiplier; m++) {
            const oc = ic * multiplier + m;
            let inRow = window + (<usize>ic << 2);
            let fRow = filterWindow + (<usize>oc << 2);
            let total: f32 = 0;
            for (let fy = 0; fy < rows; fy++) {
              let inTap = inRow;
              let fTap = fRow;
              for (let fx = 0; fx < cols; fx++) {
                total += load<f32>(inTap) * load<f32>(fTap);
                inTap += tapColBytes;
                fTap += filterColBytes;
              }
              inRow += tapRowBytes;
              fRow += filterRowBytes;
            }
            const biasValue: f32 = bias ? load<f32>(bias + (<usize>oc << 2)) : 0;
            store<f32>(out, Mathf.min(Mathf.max(total + biasValue, actMin), actMax));
            out += 4;
          }
        }
      }
    }
  }
}
