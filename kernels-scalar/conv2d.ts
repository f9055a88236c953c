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
  /** Kernel-private data (SIMD: repacked weights), 0 when unused. */
  packed: usize;
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

// Integer convolution with a 32-bit accumulator: int8 (offsets applied) and int16 with int32 or
// no bias (TFLM's 16x8 kernel instantiated with int32: no offsets, 32-bit requantization).
// @ts-ignore: decorator
@inline function convInteger32<T>(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize,
                                   inputOffset: i32, outputOffset: i32): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const filterDepth = p.filterDepth;
  const outDepth = p.outDepth;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const filtersPerGroup = p.filtersPerGroup;
  const colBytes = <usize>p.inDepth * sizeof<T>();
  const rowBytes = <usize>inWidth * colBytes;
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>dilationWidth * colBytes;
  const filterRow = <usize>(filterWidth * filterDepth);
  const filterChannel = <usize>filterHeight * filterRow;
  // Adjacent filter columns read adjacent input pixels: one contiguous run per filter row.
  const merged = dilationWidth == 1 && filterDepth == p.inDepth;
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
        let cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        if (cols < 0 || rows <= 0) cols = 0;
        const segments = merged ? (cols > 0 ? 1 : 0) : cols;
        const segmentLength = merged ? cols * filterDepth : filterDepth;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + <usize>(originX + fxStart * dilationWidth) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRow + <usize>(fxStart * filterDepth);
        for (let oc = 0; oc < outDepth; oc++) {
          const group = oc / filtersPerGroup;
          let inRow = window + <usize>(group * filterDepth) * sizeof<T>();
          let fRow = filterWindow + <usize>oc * filterChannel;
          let acc = 0;
          for (let fy = 0; fy < rows; fy++) {
            let inSeg = inRow;
            let fSeg = fRow;
            for (let s = 0; s < segments; s++) {
              for (let i = 0; i < segmentLength; i++) {
                acc += <i32>load<i8>(fSeg + <usize>i) * (<i32>load<T>(inSeg + <usize>i * sizeof<T>()) + inputOffset);
              }
              inSeg += tapColBytes;
              fSeg += <usize>filterDepth;
            }
            inRow += tapRowBytes;
            fRow += filterRow;
          }
          if (bias) acc += load<i32>(bias + (<usize>oc << 2));
          let v = multiplyByQuantizedMultiplier(acc, load<i32>(multipliers + (<usize>oc << 2)), load<i32>(shifts + (<usize>oc << 2))) + outputOffset;
          v = v < actMin ? actMin : (v > actMax ? actMax : v);
          store<T>(out, <T>v);
          out += sizeof<T>();
        }
      }
    }
  }
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers. */
export function conv2dInt8(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convInteger32<i8>(p, input, filter, bias, output, p.inputOffset, p.outputOffset);
}

/** int16 x int8 -> int16 with int32 bias or none: 32-bit accumulator, no zero points. */
export function conv2dInt16Acc32(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  convInteger32<i16>(p, input, filter, bias, output, 0, 0);
}

/** int16 x int8 -> int16 with int64 bias: 64-bit accumulator, no zero points. */
export function conv2dInt16Acc64(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const filterDepth = p.filterDepth;
  const outDepth = p.outDepth;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const filtersPerGroup = p.filtersPerGroup;
  const colBytes = <usize>p.inDepth << 1;
  const rowBytes = <usize>inWidth * colBytes;
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>dilationWidth * colBytes;
  const filterRow = <usize>(filterWidth * filterDepth);
  const filterChannel = <usize>filterHeight * filterRow;
  const merged = dilationWidth == 1 && filterDepth == p.inDepth;
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
        let cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        if (cols < 0 || rows <= 0) cols = 0;
        const segments = merged ? (cols > 0 ? 1 : 0) : cols;
        const segmentLength = merged ? cols * filterDepth : filterDepth;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + <usize>(originX + fxStart * dilationWidth) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRow + <usize>(fxStart * filterDepth);
        for (let oc = 0; oc < outDepth; oc++) {
          const group = oc / filtersPerGroup;
          let inRow = window + (<usize>(group * filterDepth) << 1);
          let fRow = filterWindow + <usize>oc * filterChannel;
          let acc: i64 = 0;
          for (let fy = 0; fy < rows; fy++) {
            let inSeg = inRow;
            let fSeg = fRow;
            for (let s = 0; s < segments; s++) {
              // |int8 x int16| <= 2^22, so 256 products sum exactly in 32 bits; TFLM's 64-bit
              // sum is exact too, hence identical.
              let i = 0;
              while (i < segmentLength) {
                const end = min(segmentLength, i + 256);
                let part = 0;
                for (; i < end; i++) {
                  part += <i32>load<i8>(fSeg + <usize>i) * <i32>load<i16>(inSeg + (<usize>i << 1));
                }
                acc += <i64>part;
              }
              inSeg += tapColBytes;
              fSeg += <usize>filterDepth;
            }
            inRow += tapRowBytes;
            fRow += filterRow;
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

/** float32, float bias (may be 0). */
export function conv2dFloat32(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const inHeight = p.inHeight;
  const inWidth = p.inWidth;
  const filterHeight = p.filterHeight;
  const filterWidth = p.filterWidth;
  const filterDepth = p.filterDepth;
  const outDepth = p.outDepth;
  const dilationHeight = p.dilationHeight;
  const dilationWidth = p.dilationWidth;
  const filtersPerGroup = p.filtersPerGroup;
  const colBytes = <usize>p.inDepth << 2;
  const rowBytes = <usize>inWidth * colBytes;
  const tapRowBytes = <usize>dilationHeight * rowBytes;
  const tapColBytes = <usize>dilationWidth * colBytes;
  const filterRowBytes = <usize>(filterWidth * filterDepth) << 2;
  const filterChannelBytes = <usize>filterHeight * filterRowBytes;
  const filterColBytes = <usize>filterDepth << 2;
  const merged = dilationWidth == 1 && filterDepth == p.inDepth;
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
        let cols = endTap(originX, dilationWidth, inWidth, filterWidth) - fxStart;
        if (cols < 0 || rows <= 0) cols = 0;
        const segments = merged ? (cols > 0 ? 1 : 0) : cols;
        const segmentLength = merged ? cols * filterDepth : filterDepth;
        const window = batchBase + <usize>(originY + fyStart * dilationHeight) * rowBytes
                                 + <usize>(originX + fxStart * dilationWidth) * colBytes;
        const filterWindow = filter + <usize>fyStart * filterRowBytes + (<usize>(fxStart * filterDepth) << 2);
        for (let oc = 0; oc < outDepth; oc++) {
          const group = oc / filtersPerGroup;
          let inRow = window + (<usize>(group * filterDepth) << 2);
          let fRow = filterWindow + <usize>oc * filterChannelBytes;
          let total: f32 = 0;
          for (let fy = 0; fy < rows; fy++) {
            let inSeg = inRow;
            let fSeg = fRow;
            for (let s = 0; s < segments; s++) {
              for (let i = 0; i < segmentLength; i++) {
                total += load<f32>(inSeg + (<usize>i << 2)) * load<f32>(fSeg + (<usize>i << 2));
              }
              inSeg += tapColBytes;
              fSeg += filterColBytes;
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
