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

// Four consecutive output channels per pass share the tap loop: the filter lanes are adjacent,
// the input lanes are at the channels (oc + k) / multiplier. dw4 / dw1 leave their sums in these
// globals (written once per block). The 16x8 sums are exact in 64 bits, as TFLM's.
let sum0: i32 = 0, sum1: i32 = 0, sum2: i32 = 0, sum3: i32 = 0;
let wide0: i64 = 0, wide1: i64 = 0, wide2: i64 = 0, wide3: i64 = 0;
let sumF0: f32 = 0, sumF1: f32 = 0, sumF2: f32 = 0, sumF3: f32 = 0;

// @ts-ignore: decorator
@inline function dw4<T>(mode: i32, inRow: usize, fRow: usize, in1: usize, in2: usize, in3: usize, rows: i32, cols: i32,
                           tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize, inputOffset: i32): void {
  if (mode == 2) {
    let a0: f32 = 0, a1: f32 = 0, a2: f32 = 0, a3: f32 = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) {
        a0 += load<f32>(x) * load<f32>(f);
        a1 += load<f32>(x + in1) * load<f32>(f + 4);
        a2 += load<f32>(x + in2) * load<f32>(f + 8);
        a3 += load<f32>(x + in3) * load<f32>(f + 12);
        x += tapCol; f += filterCol;
      }
      inRow += tapRow; fRow += filterRow;
    }
    sumF0 = a0; sumF1 = a1; sumF2 = a2; sumF3 = a3;
  } else if (mode == 1) {
    let a0: i64 = 0, a1: i64 = 0, a2: i64 = 0, a3: i64 = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) {
        a0 += <i64>(<i32>load<i8>(f) * <i32>load<i16>(x));
        a1 += <i64>(<i32>load<i8>(f + 1) * <i32>load<i16>(x + in1));
        a2 += <i64>(<i32>load<i8>(f + 2) * <i32>load<i16>(x + in2));
        a3 += <i64>(<i32>load<i8>(f + 3) * <i32>load<i16>(x + in3));
        x += tapCol; f += filterCol;
      }
      inRow += tapRow; fRow += filterRow;
    }
    wide0 = a0; wide1 = a1; wide2 = a2; wide3 = a3;
  } else {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) {
        a0 += <i32>load<i8>(f) * (<i32>load<T>(x) + inputOffset);
        a1 += <i32>load<i8>(f + 1) * (<i32>load<T>(x + in1) + inputOffset);
        a2 += <i32>load<i8>(f + 2) * (<i32>load<T>(x + in2) + inputOffset);
        a3 += <i32>load<i8>(f + 3) * (<i32>load<T>(x + in3) + inputOffset);
        x += tapCol; f += filterCol;
      }
      inRow += tapRow; fRow += filterRow;
    }
    sum0 = a0; sum1 = a1; sum2 = a2; sum3 = a3;
  }
}

// One channel: the sum lands in sum0 / wide0 / sumF0.
// @ts-ignore: decorator
@inline function dw1<T>(mode: i32, inRow: usize, fRow: usize, rows: i32, cols: i32,
                           tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize, inputOffset: i32): void {
  if (mode == 2) {
    let a: f32 = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) { a += load<f32>(x) * load<f32>(f); x += tapCol; f += filterCol; }
      inRow += tapRow; fRow += filterRow;
    }
    sumF0 = a;
  } else if (mode == 1) {
    let a: i64 = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) { a += <i64>(<i32>load<i8>(f) * <i32>load<i16>(x)); x += tapCol; f += filterCol; }
      inRow += tapRow; fRow += filterRow;
    }
    wide0 = a;
  } else {
    let a = 0;
    for (let fy = 0; fy < rows; fy++) {
      let x = inRow, f = fRow;
      for (let fx = 0; fx < cols; fx++) { a += <i32>load<i8>(f) * (<i32>load<T>(x) + inputOffset); x += tapCol; f += filterCol; }
      inRow += tapRow; fRow += filterRow;
    }
    sum0 = a;
  }
}

// Requantizes / biases / clamps one channel's sum and stores it at out[oc].
// @ts-ignore: decorator
@inline function finish<T>(mode: i32, p: DepthwiseConv2DParams, out: usize, oc: i32, acc: i32, wide: i64, total: f32, bias: usize): void {
  if (mode == 2) {
    const biasValue: f32 = bias ? load<f32>(bias + (<usize>oc << 2)) : 0;
    store<f32>(out + (<usize>oc << 2), Mathf.min(Mathf.max(total + biasValue, p.actMinF), p.actMaxF));
    return;
  }
  const m = load<i32>(p.channelMultipliers + (<usize>oc << 2));
  const s = load<i32>(p.channelShifts + (<usize>oc << 2));
  let v: i32;
  if (mode == 1) {
    if (bias) wide += load<i64>(bias + (<usize>oc << 3));
    v = multiplyByQuantizedMultiplier64(wide, m, s);
  } else {
    if (bias) acc += load<i32>(bias + (<usize>oc << 2));
    v = multiplyByQuantizedMultiplier(acc, m, s) + p.outputOffset;
  }
  v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
  store<T>(out + <usize>oc * sizeof<T>(), <T>v);
}

/** The loops shared by every dtype: T input/output element, W filter element, MODE 0 = int8, 1 = 16x8 (64-bit), 2 = float. */
// @ts-ignore: decorator
@inline function depthwise<T, W>(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize,
                                 mode: i32, inputOffset: i32): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const outDepth = p.outDepth;
  const multiplier = p.depthMultiplier;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const colBytes = <usize>p.inDepth * sizeof<T>();
  const rowBytes = <usize>inWidth * colBytes;
  const tapRow = <usize>dilationHeight * rowBytes;
  const tapCol = <usize>dilationWidth * colBytes;
  const filterCol = <usize>outDepth * sizeof<W>();
  const filterRow = <usize>filterWidth * filterCol;
  const outPixel = <usize>outDepth * sizeof<T>();
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
                                 + <usize>(originX + fxStart * dilationWidth) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRow + <usize>fxStart * filterCol;
        let oc = 0;
        for (; oc + 4 <= outDepth; oc += 4) {
          // Multiplier 1 (the common case): lanes are adjacent channels, no divisions.
          const ic = multiplier == 1 ? oc : oc / multiplier;
          const inRow = window + <usize>ic * sizeof<T>();
          const in1 = multiplier == 1 ? sizeof<T>() : <usize>((oc + 1) / multiplier - ic) * sizeof<T>();
          const in2 = multiplier == 1 ? sizeof<T>() * 2 : <usize>((oc + 2) / multiplier - ic) * sizeof<T>();
          const in3 = multiplier == 1 ? sizeof<T>() * 3 : <usize>((oc + 3) / multiplier - ic) * sizeof<T>();
          dw4<T>(mode, inRow, filterWindow + <usize>oc * sizeof<W>(), in1, in2, in3, rows, cols,
                    tapRow, tapCol, filterRow, filterCol, inputOffset);
          finish<T>(mode, p, out, oc, sum0, wide0, sumF0, bias);
          finish<T>(mode, p, out, oc + 1, sum1, wide1, sumF1, bias);
          finish<T>(mode, p, out, oc + 2, sum2, wide2, sumF2, bias);
          finish<T>(mode, p, out, oc + 3, sum3, wide3, sumF3, bias);
        }
        for (; oc < outDepth; oc++) {
          dw1<T>(mode, window + <usize>(oc / multiplier) * sizeof<T>(), filterWindow + <usize>oc * sizeof<W>(), rows, cols,
                    tapRow, tapCol, filterRow, filterCol, inputOffset);
          finish<T>(mode, p, out, oc, sum0, wide0, sumF0, bias);
        }
        out += outPixel;
      }
    }
  }
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers. */
export function depthwiseConv2dInt8(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwise<i8, i8>(p, input, filter, bias, output, 0, p.inputOffset);
}

/** int16 x int8 -> int16, int64 bias (may be 0): 64-bit sum, no zero points. */
export function depthwiseConv2dInt16(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwise<i16, i8>(p, input, filter, bias, output, 1, 0);
}

/** float32, float bias (may be 0). */
export function depthwiseConv2dFloat32(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwise<f32, f32>(p, input, filter, bias, output, 2, 0);
}
