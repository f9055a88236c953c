// TRANSPOSE_CONV reference kernels (TFLM reference_ops::TransposeConv and
// reference_integer_ops::TransposeConv arithmetic). NHWC input and output, OHWI filter.
//
// TFLM scatters each input element into an accumulator the size of the output. Here each
// output element gathers instead: the input pixels that reach it are those whose window
// covers it, visited in increasing (input row, input column, input channel) order, which is
// exactly the order in which TFLM's scatter adds them to that element. Integer sums are
// therefore identical, float sums round identically, and no accumulator buffer is needed.

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class TransposeConvParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  /** int16 input: 1 when the bias is int16 (TFLM widens it to int64), 0 for int64 or none. */
  shortBias: i32;
  batches: i32;
  inHeight: i32;
  inWidth: i32;
  inDepth: i32;
  filterHeight: i32;
  filterWidth: i32;
  outHeight: i32;
  outWidth: i32;
  outDepth: i32;
  strideHeight: i32;
  strideWidth: i32;
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
}

// The window of input pixels that reach one output coordinate, along one axis: inputs i with
// 0 <= coord + pad - i * stride < filterSize and 0 <= i < inSize. Results in these globals.
let firstInput: i32 = 0;
let endInput: i32 = 0;

// @ts-ignore: decorator
@inline function inputRange(coord: i32, pad: i32, stride: i32, filterSize: i32, inSize: i32): void {
  const t = coord + pad;
  const low = t - filterSize + 1;
  let first = low <= 0 ? 0 : (low + stride - 1) / stride;
  let end = t < 0 ? 0 : t / stride + 1;
  if (end > inSize) end = inSize;
  if (first > end) first = end;
  firstInput = first;
  endInput = end;
}

/**
 * The gather loops shared by every dtype: T is the input/output element, W the filter element,
 * MODE 0 = int8 (32-bit sum), 1 = int16 (64-bit sum), 2 = float.
 */
// @ts-ignore: decorator
@inline function transposeConv<T, W>(p: TransposeConvParams, input: usize, filter: usize, bias: usize, output: usize, mode: i32): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const inDepth = p.inDepth;
  const filterWidth = p.filterWidth;
  const outDepth = p.outDepth;
  const strideHeight = p.strideHeight;
  const strideWidth = p.strideWidth;
  const inputOffset = p.inputOffset;
  const padHeight = p.padHeight;
  const padWidth = p.padWidth;
  const filterHeight = p.filterHeight;
  const colBytes = <usize>inDepth * sizeof<T>();
  const rowBytes = <usize>inWidth * colBytes;
  const filterCol = <usize>inDepth * sizeof<W>();
  const filterRow = <usize>filterWidth * filterCol;
  const filterChannel = <usize>filterHeight * filterRow;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchBase = input + <usize>(b * inHeight) * rowBytes;
    for (let oy = 0; oy < p.outHeight; oy++) {
      inputRange(oy, padHeight, strideHeight, filterHeight, inHeight);
      const iy0 = firstInput, iy1 = endInput;
      for (let ox = 0; ox < p.outWidth; ox++) {
        inputRange(ox, padWidth, strideWidth, filterWidth, inWidth);
        const ix0 = firstInput, ix1 = endInput;
        for (let oc = 0; oc < outDepth; oc++) {
          const fChannel = filter + <usize>oc * filterChannel;
          let acc: i32 = 0;
          let wide: i64 = 0;
          let accF: f32 = 0;
          for (let iy = iy0; iy < iy1; iy++) {
            const fy = oy + padHeight - iy * strideHeight;
            const inRow = batchBase + <usize>iy * rowBytes;
            const fRow = fChannel + <usize>fy * filterRow;
            for (let ix = ix0; ix < ix1; ix++) {
              const fx = ox + padWidth - ix * strideWidth;
              const x = inRow + <usize>ix * colBytes;
              const f = fRow + <usize>fx * filterCol;
              if (mode == 0) {
                for (let ic = 0; ic < inDepth; ic++) {
                  acc += (<i32>load<T>(x + <usize>ic * sizeof<T>()) + inputOffset) * <i32>load<W>(f + <usize>ic * sizeof<W>());
                }
              } else if (mode == 1) {
                // |int16 x int8| < 2^22: runs of up to 256 products add exactly in 32 bits.
                let ic = 0;
                while (ic < inDepth) {
                  const end = min(inDepth, ic + 256);
                  let part = 0;
                  for (; ic < end; ic++) part += <i32>load<T>(x + <usize>ic * sizeof<T>()) * <i32>load<W>(f + <usize>ic * sizeof<W>());
                  wide += <i64>part;
                }
              } else {
                for (let ic = 0; ic < inDepth; ic++) {
                  accF += <f32>load<T>(x + <usize>ic * sizeof<T>()) * <f32>load<W>(f + <usize>ic * sizeof<W>());
                }
              }
            }
          }
          const m = mode == 2 ? 0 : load<i32>(p.channelMultipliers + (<usize>oc << 2));
          const s = mode == 2 ? 0 : load<i32>(p.channelShifts + (<usize>oc << 2));
          if (mode == 0) {
            if (bias) acc += load<i32>(bias + (<usize>oc << 2));
            let v = multiplyByQuantizedMultiplier(acc, m, s) + p.outputOffset;
            v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
            store<T>(out + <usize>oc * sizeof<T>(), <T>v);
          } else if (mode == 1) {
            if (bias) wide += p.shortBias ? <i64>load<i16>(bias + (<usize>oc << 1)) : load<i64>(bias + (<usize>oc << 3));
            let v = multiplyByQuantizedMultiplier64(wide, m, s);
            v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
            store<T>(out + <usize>oc * sizeof<T>(), <T>v);
          } else {
            if (bias) accF += load<f32>(bias + (<usize>oc << 2));
            store<f32>(out + (<usize>oc << 2), Mathf.min(Mathf.max(accF, p.actMinF), p.actMaxF));
          }
        }
        out += <usize>outDepth * sizeof<T>();
      }
    }
  }
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers; the filter zero point is ignored, as in TFLM. */
export function transposeConvInt8(p: TransposeConvParams, input: usize, filter: usize, bias: usize, output: usize): void {
  transposeConv<i8, i8>(p, input, filter, bias, output, 0);
}

/** int16 x int8 -> int16, int64 or int16 bias (may be 0), 64-bit sums, no zero points (TFLM's 16x8 kernel). */
export function transposeConvInt16(p: TransposeConvParams, input: usize, filter: usize, bias: usize, output: usize): void {
  transposeConv<i16, i8>(p, input, filter, bias, output, 1);
}

/** float32, float bias (may be 0). */
export function transposeConvFloat32(p: TransposeConvParams, input: usize, filter: usize, bias: usize, output: usize): void {
  transposeConv<f32, f32>(p, input, filter, bias, output, 2);
}
