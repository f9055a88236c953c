// CONV_2D reference kernels (TFLM reference_ops::Conv and reference_integer_ops::ConvPerChannel
// arithmetic). NHWC input and output, OHWI filter, grouped convolution when the filter has fewer
// input channels than the input. Each output position visits only the filter taps that fall
// inside the input (the window range is computed once per row / column), in TFLM's order
// (filter row, filter column, input channel), so float sums round as TFLM's do.

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class Conv2DParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  /** int16 input: 1 when the bias is int64 (64-bit accumulator), 0 for int32 or no bias. */
  wideAccumulator: i32;
  batches: i32;
  inHeight: i32;
  inWidth: i32;
  inDepth: i32;
  filterHeight: i32;
  filterWidth: i32;
  /** Input channels per group (the filter's last dimension). */
  filterDepth: i32;
  outHeight: i32;
  outWidth: i32;
  outDepth: i32;
  groups: i32;
  filtersPerGroup: i32;
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
  /** Kernel-private data, set by conv2dPrepare (SIMD: the kernel path), 0 when unused. */
  packed: usize;
}

/** Kernel-level prepare, called last by the registration's prepare: the reference kernels need nothing. */
export function conv2dPrepare(p: Conv2DParams): bool {
  return true;
}

/** First filter tap (along one axis) whose input coordinate origin + dilation * tap is >= 0. */
// @ts-ignore: decorator
@inline export function firstTap(origin: i32, dilation: i32): i32 {
  if (origin >= 0) return 0;
  const before = -origin;
  return before / dilation + (before % dilation != 0 ? 1 : 0);
}

/** One past the last filter tap whose input coordinate is < size (clamped to the filter). */
// @ts-ignore: decorator
@inline export function endTap(origin: i32, dilation: i32, size: i32, filterSize: i32): i32 {
  const remaining = size - origin;
  if (remaining <= 0) return 0;
  const taps = remaining / dilation + (remaining % dilation != 0 ? 1 : 0);
  return taps < filterSize ? taps : filterSize;
}

/** TFLM UnpackDenseInt4IntoInt8: two signed nibbles per byte, low nibble first. */
export function unpackInt4(src: usize, count: i32, dst: usize): void {
  const pairs = count >> 1;
  for (let i = 0; i < pairs; i++) {
    const b = <i32>load<i8>(src + <usize>i);
    store<i8>(dst + (<usize>i << 1), <i8>((b << 28) >> 28));
    store<i8>(dst + (<usize>i << 1) + 1, <i8>(b >> 4));
  }
  if (count & 1) store<i8>(dst + <usize>(count - 1), <i8>((<i32>load<i8>(src + <usize>pairs) << 28) >> 28));
}

// Window sums. Four output channels share each input load (and, for float, keep four
// independent rounding chains, each in TFLM's order); dot4* leave their sums in these globals
// (written once per block of outputs), dot1* return one channel's sum.
let sum0: i32 = 0, sum1: i32 = 0, sum2: i32 = 0, sum3: i32 = 0;
let wide0: i64 = 0, wide1: i64 = 0, wide2: i64 = 0, wide3: i64 = 0;
let sumF0: f32 = 0, sumF1: f32 = 0, sumF2: f32 = 0, sumF3: f32 = 0;

// The window: `rows` filter rows of `segments` runs of `len` taps x channels. Input and
// filter addresses advance by (tapRow, filterRow) per row and (tapCol, filterCol) per run;
// `fc` is the filter's per-channel stride in bytes.

// @ts-ignore: decorator
@inline function dot4Int<T>(inRow: usize, fRow: usize, fc: usize, rows: i32, segments: i32, len: i32,
                            tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize, inputOffset: i32): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const fc2 = fc << 1, fc3 = fc * 3;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      for (let i = 0; i < len; i++) {
        const x = <i32>load<T>(inSeg + <usize>i * sizeof<T>()) + inputOffset;
        const f = fSeg + <usize>i;
        a0 += <i32>load<i8>(f) * x;
        a1 += <i32>load<i8>(f + fc) * x;
        a2 += <i32>load<i8>(f + fc2) * x;
        a3 += <i32>load<i8>(f + fc3) * x;
      }
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  sum0 = a0; sum1 = a1; sum2 = a2; sum3 = a3;
}

// @ts-ignore: decorator
@inline function dot1Int<T>(inRow: usize, fRow: usize, rows: i32, segments: i32, len: i32,
                            tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize, inputOffset: i32): i32 {
  let a = 0;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      for (let i = 0; i < len; i++) {
        a += <i32>load<i8>(fSeg + <usize>i) * (<i32>load<T>(inSeg + <usize>i * sizeof<T>()) + inputOffset);
      }
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  return a;
}

// int16 x int8 with a 64-bit sum: |product| <= 2^22, so runs of up to 256 products add exactly in
// 32 bits before widening; TFLM's 64-bit sum is exact too, hence identical.
// @ts-ignore: decorator
@inline function dot4Wide(inRow: usize, fRow: usize, fc: usize, rows: i32, segments: i32, len: i32,
                          tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize): void {
  let a0: i64 = 0, a1: i64 = 0, a2: i64 = 0, a3: i64 = 0;
  const fc2 = fc << 1, fc3 = fc * 3;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      let i = 0;
      while (i < len) {
        const end = min(len, i + 256);
        let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        for (; i < end; i++) {
          const x = <i32>load<i16>(inSeg + (<usize>i << 1));
          const f = fSeg + <usize>i;
          p0 += <i32>load<i8>(f) * x;
          p1 += <i32>load<i8>(f + fc) * x;
          p2 += <i32>load<i8>(f + fc2) * x;
          p3 += <i32>load<i8>(f + fc3) * x;
        }
        a0 += <i64>p0; a1 += <i64>p1; a2 += <i64>p2; a3 += <i64>p3;
      }
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  wide0 = a0; wide1 = a1; wide2 = a2; wide3 = a3;
}

// @ts-ignore: decorator
@inline function dot1Wide(inRow: usize, fRow: usize, rows: i32, segments: i32, len: i32,
                          tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize): i64 {
  let a: i64 = 0;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      let i = 0;
      while (i < len) {
        const end = min(len, i + 256);
        let part = 0;
        for (; i < end; i++) part += <i32>load<i8>(fSeg + <usize>i) * <i32>load<i16>(inSeg + (<usize>i << 1));
        a += <i64>part;
      }
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  return a;
}

// @ts-ignore: decorator
@inline function dot4Float(inRow: usize, fRow: usize, fc: usize, rows: i32, segments: i32, len: i32,
                           tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize): void {
  let a0: f32 = 0, a1: f32 = 0, a2: f32 = 0, a3: f32 = 0;
  const fc2 = fc << 1, fc3 = fc * 3;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      for (let i = 0; i < len; i++) {
        const x = load<f32>(inSeg + (<usize>i << 2));
        const f = fSeg + (<usize>i << 2);
        a0 += x * load<f32>(f);
        a1 += x * load<f32>(f + fc);
        a2 += x * load<f32>(f + fc2);
        a3 += x * load<f32>(f + fc3);
      }
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  sumF0 = a0; sumF1 = a1; sumF2 = a2; sumF3 = a3;
}

// @ts-ignore: decorator
@inline function dot1Float(inRow: usize, fRow: usize, rows: i32, segments: i32, len: i32,
                           tapRow: usize, tapCol: usize, filterRow: usize, filterCol: usize): f32 {
  let a: f32 = 0;
  for (let fy = 0; fy < rows; fy++) {
    let inSeg = inRow, fSeg = fRow;
    for (let s = 0; s < segments; s++) {
      for (let i = 0; i < len; i++) a += load<f32>(inSeg + (<usize>i << 2)) * load<f32>(fSeg + (<usize>i << 2));
      inSeg += tapCol; fSeg += filterCol;
    }
    inRow += tapRow; fRow += filterRow;
  }
  return a;
}

// Requantize (32-bit) one channel's sum and store it at out[oc].
// @ts-ignore: decorator
@inline function store32<T>(p: Conv2DParams, out: usize, oc: i32, acc: i32, bias: usize, outputOffset: i32): void {
  if (bias) acc += load<i32>(bias + (<usize>oc << 2));
  let v = multiplyByQuantizedMultiplier(acc, load<i32>(p.channelMultipliers + (<usize>oc << 2)), load<i32>(p.channelShifts + (<usize>oc << 2))) + outputOffset;
  v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
  store<T>(out + <usize>oc * sizeof<T>(), <T>v);
}

// @ts-ignore: decorator
@inline function store64(p: Conv2DParams, out: usize, oc: i32, acc: i64, bias: usize): void {
  if (bias) acc += load<i64>(bias + (<usize>oc << 3));
  let v = multiplyByQuantizedMultiplier64(acc, load<i32>(p.channelMultipliers + (<usize>oc << 2)), load<i32>(p.channelShifts + (<usize>oc << 2)));
  v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
  store<i16>(out + (<usize>oc << 1), <i16>v);
}

// @ts-ignore: decorator
@inline function storeFloat(p: Conv2DParams, out: usize, oc: i32, total: f32, bias: usize): void {
  const biasValue: f32 = bias ? load<f32>(bias + (<usize>oc << 2)) : 0;
  store<f32>(out + (<usize>oc << 2), Mathf.min(Mathf.max(total + biasValue, p.actMinF), p.actMaxF));
}

/**
 * The convolution loops shared by every dtype: T is the input/output element, W the filter
 * element, MODE 0 = 32-bit integer sum, 1 = 64-bit integer sum, 2 = float.
 */
// @ts-ignore: decorator
@inline function convolve<T, W>(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize,
                                mode: i32, inputOffset: i32, outputOffset: i32): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const filterDepth = p.filterDepth;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const filtersPerGroup = p.filtersPerGroup;
  const colBytes = <usize>p.inDepth * sizeof<T>();
  const rowBytes = <usize>inWidth * colBytes;
  const tapRow = <usize>dilationHeight * rowBytes;
  const tapCol = <usize>dilationWidth * colBytes;
  const filterCol = <usize>filterDepth * sizeof<W>();
  const filterRow = <usize>filterWidth * filterCol;
  const fc = <usize>filterHeight * filterRow;
  const groupBytes = <usize>filterDepth * sizeof<T>();
  const outPixel = <usize>p.outDepth * sizeof<T>();
  // Adjacent filter columns read adjacent input pixels: one contiguous run per filter row.
  const merged = dilationWidth == 1 && filterDepth == p.inDepth;
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
        let cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        if (cols < 0 || rows <= 0) cols = 0;
        const segments = merged ? (cols > 0 ? 1 : 0) : cols;
        const len = merged ? cols * filterDepth : filterDepth;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + <usize>(originX + fxStart * dilationWidth) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRow + <usize>fxStart * filterCol;
        for (let g = 0; g < p.groups; g++) {
          const inGroup = window + <usize>g * groupBytes;
          let oc = g * filtersPerGroup;
          const end = oc + filtersPerGroup;
          for (; oc + 4 <= end; oc += 4) {
            const fRow = filterWindow + <usize>oc * fc;
            if (mode == 0) {
              dot4Int<T>(inGroup, fRow, fc, rows, segments, len, tapRow, tapCol, filterRow, filterCol, inputOffset);
              store32<T>(p, out, oc, sum0, bias, outputOffset);
              store32<T>(p, out, oc + 1, sum1, bias, outputOffset);
              store32<T>(p, out, oc + 2, sum2, bias, outputOffset);
              store32<T>(p, out, oc + 3, sum3, bias, outputOffset);
            } else if (mode == 1) {
              dot4Wide(inGroup, fRow, fc, rows, segments, len, tapRow, tapCol, filterRow, filterCol);
              store64(p, out, oc, wide0, bias);
              store64(p, out, oc + 1, wide1, bias);
              store64(p, out, oc + 2, wide2, bias);
              store64(p, out, oc + 3, wide3, bias);
            } else {
              dot4Float(inGroup, fRow, fc, rows, segments, len, tapRow, tapCol, filterRow, filterCol);
              storeFloat(p, out, oc, sumF0, bias);
              storeFloat(p, out, oc + 1, sumF1, bias);
              storeFloat(p, out, oc + 2, sumF2, bias);
              storeFloat(p, out, oc + 3, sumF3, bias);
            }
          }
          for (; oc < end; oc++) {
            const fRow = filterWindow + <usize>oc * fc;
            if (mode == 0) {
              store32<T>(p, out, oc, dot1Int<T>(inGroup, fRow, rows, segments, len, tapRow, tapCol, filterRow, filterCol, inputOffset), bias, outputOffset);
            } else if (mode == 1) {
              store64(p, out, oc, dot1Wide(inGroup, fRow, rows, segments, len, tapRow, tapCol, filterRow, filterCol), bias);
            } else {
              storeFloat(p, out, oc, dot1Float(inGroup, fRow, rows, segments, len, tapRow, tapCol, filterRow, filterCol), bias);
            }
          }
        }
        out += outPixel;
      }
    }
  }
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers. */
export function conv2dInt8(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convolve<i8, i8>(p, input, filter, bias, output, 0, p.inputOffset, p.outputOffset);
}

/** int16 x int8 -> int16 with int32 bias or none: TFLM's 16x8 kernel with a 32-bit sum, no zero points. */
export function conv2dInt16Acc32(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convolve<i16, i8>(p, input, filter, bias, output, 0, 0, 0);
}

/** int16 x int8 -> int16 with int64 bias: 64-bit sum, no zero points. */
export function conv2dInt16Acc64(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convolve<i16, i8>(p, input, filter, bias, output, 1, 0, 0);
}

/** float32, float bias (may be 0). */
export function conv2dFloat32(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convolve<f32, f32>(p, input, filter, bias, output, 2, 0, 0);
}
