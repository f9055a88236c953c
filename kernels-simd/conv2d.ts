// CONV_2D, SIMD set. int8: a GEMM over output pixels x output channels, the input offset folded
// into the biases; conv2dPrepare picks the path:
// - filter rows of at most 16 bytes on 2-7 input channels (first layers): ./conv2d_shallow;
//   (the compact build, ../assembly/config, leaves out ./conv2d_shallow and ./gemm_pairs);
// - 1x1 filters without padding: input rows read in place, ./gemm_pairs for depths up to 64
//   (channels in lanes), else ./gemm_staged (weights of 4 channels widened once, 2x4 tiles);
// - filter rows of a multiple of 8 bytes (3x3 on 8k channels, ...): the filter height's input
//   rows copied with zero-point padding into the im2col block, each pixel's A row read from them
//   as segments (./gemm_staged), no im2col rows;
// - other filters: im2col rows built in the im2col block (padding taps hold the input zero
//   point, so they add nothing), then ./gemm_pairs (up to 32 channels, depth <= 32) or
//   ./gemm_staged.
// Memory: ./workspace (kernel workspace, outside the arena: arena scratch would raise the arena
// above TFLM's). float32: four output channels per f32x4, each lane summing in TFLM's order, so
// results are the scalar kernel's to the bit. Anything else (int16, grouped convolution, depth
// < 8 outside the shallow kernel, zero points or activation ranges outside int8) runs the scalar
// kernel.

import { Conv2DParams } from "../kernels-scalar/conv2d";
import * as scalar from "../kernels-scalar/conv2d";
import { DType } from "../assembly/schema/tflite";
import { setBlock, weightSums, gemmBlockFolded, TILE_ROWS } from "./gemm";
import { stageFits, stageWeights, stagedRows, stagedSegments } from "./gemm_staged";
import { pairsFit, packPairs, pairRowsFolded, PAIR_TILE } from "./gemm_pairs";
import { conv2dFloat32Simd, floatPathSupported } from "./conv2d_float";
import { shallowFits, conv2dShallowInt8 } from "./conv2d_shallow";
import { kernelWorkspace, convIm2colAt } from "./workspace";
import { SIMD_COMPACT } from "../assembly/config";

export { conv2dInt16Acc32, conv2dInt16Acc64 } from "../kernels-scalar/conv2d";

// im2col rows of a block of output pixels, and the weight sums of up to SUM_CHANNELS channels
// (a C kernel would keep these on its stack).
// In the kernel workspace (./workspace), not static data.
const IM2COL_BYTES = 16384;
const SUM_CHANNELS = 256;
export const CONV_IM2COL_BYTES: usize = IM2COL_BYTES + SUM_CHANNELS * 4;
// @ts-ignore: decorator
@inline function staticBytes(): usize { return kernelWorkspace() + convIm2colAt(); }

const PAIRS_MAX_DEPTH = 64;
const PAIRS_MAX_DEPTH_IM2COL = 32;

// Paths, kept in Conv2DParams.packed (kernel-private).
const PATH_SCALAR: usize = 0;
const PATH_POINTWISE: usize = 1; // 1x1 filter without padding: A rows read in place
const PATH_IM2COL: usize = 2;
const PATH_FLOAT: usize = 3;
const PATH_SHALLOW: usize = 4; // filter rows of at most 16 bytes: ./conv2d_shallow
const PATH_ROWS: usize = 5;    // filter rows of a multiple of 8 bytes: segments of padded input rows

/** Chooses the kernel path (no memory is allocated: the SIMD kernels use the weights as they are). */
export function conv2dPrepare(p: Conv2DParams): bool {
  p.packed = PATH_SCALAR;
  if (p.groups != 1) return true;
  if (p.type == DType.FLOAT32) {
    if (floatPathSupported(p)) p.packed = PATH_FLOAT;
    return true;
  }
  if (p.type != DType.INT8) return true;
  const zeroPoint = -p.inputOffset;
  if (zeroPoint < -128 || zeroPoint > 127 || p.outputOffset < -128 || p.outputOffset > 127 ||
      p.actMin < -128 || p.actMin > p.actMax || p.actMax > 127) return true;
  if (!SIMD_COMPACT && shallowFits(p) && p.inDepth < 8) {
    p.packed = PATH_SHALLOW;
    return true;
  }
  const depth = <i64>p.filterHeight * <i64>p.filterWidth * <i64>p.filterDepth;
  if (depth < 8) return true;
  // Padded input rows (filter rows, each (output width - 1) * stride + filter width pixels).
  const rowSegment = <i64>p.filterWidth * <i64>p.inDepth;
  const paddedRow = (<i64>(p.outWidth - 1) * <i64>p.strideWidth + <i64>p.filterWidth) * <i64>p.inDepth;
  if (p.filterHeight == 1 && p.filterWidth == 1 && p.padHeight == 0 && p.padWidth == 0) {
    p.packed = PATH_POINTWISE;
  } else if (p.dilationWidth == 1 && rowSegment % 8 == 0 && depth <= 2048 && stageFits(<i32>depth) &&
             <i64>p.filterHeight * paddedRow + 16 <= <i64>IM2COL_BYTES) {
    p.packed = PATH_ROWS;
  } else if (depth + 16 <= <i64>IM2COL_BYTES) {
    p.packed = PATH_IM2COL;
  }
  return true;
}

// @ts-ignore: decorator
@inline function copyBytes(dst: usize, src: usize, n: usize): void {
  while (n >= 16) { v128.store(dst, v128.load(src)); dst += 16; src += 16; n -= 16; }
  if (n >= 8) { store<i64>(dst, load<i64>(src)); dst += 8; src += 8; n -= 8; }
  while (n > 0) { store<i8>(dst, load<i8>(src)); dst++; src++; n--; }
}

// @ts-ignore: decorator
@inline function fillBytes(dst: usize, value: i8, n: usize): void {
  const v = i8x16.splat(value);
  while (n >= 16) { v128.store(dst, v); dst += 16; n -= 16; }
  while (n > 0) { store<i8>(dst, value); dst++; n--; }
}

/**
 * Writes the im2col row (filter rows x filter columns x channels) of output pixel (b, oy, ox).
 * Runs of up to 16 bytes are moved as one v128 when the source allows: the extra bytes land
 * where the next run (or row) is written afterwards, or in the im2col block's last 16 bytes.
 */
function im2colRow(p: Conv2DParams, input: usize, inputEnd: usize, dst: usize, b: i32, oy: i32, ox: i32, padValue: i8): void {
  const channels = <usize>p.inDepth;
  const filterWidth = p.filterWidth;
  const runBytes = <usize>filterWidth * channels;
  const originY = oy * p.strideHeight - p.padHeight;
  const originX = ox * p.strideWidth - p.padWidth;
  const dilationW = p.dilationWidth;
  const wholeRow = dilationW == 1 && originX >= 0 && originX + filterWidth <= p.inWidth;
  const short = runBytes <= 16;
  for (let fy = 0; fy < p.filterHeight; fy++) {
    const iy = originY + fy * p.dilationHeight;
    if (iy < 0 || iy >= p.inHeight) {
      if (short) v128.store(dst, i8x16.splat(padValue));
      else fillBytes(dst, padValue, runBytes);
    } else {
      const row = input + <usize>((b * p.inHeight + iy) * p.inWidth) * channels;
      if (wholeRow) {
        const src = row + <usize>originX * channels;
        if (short && src + 16 <= inputEnd) v128.store(dst, v128.load(src));
        else copyBytes(dst, src, runBytes);
      } else {
        for (let fx = 0; fx < filterWidth; fx++) {
          const ix = originX + fx * dilationW;
          const d = dst + <usize>fx * channels;
          if (ix < 0 || ix >= p.inWidth) fillBytes(d, padValue, channels);
          else copyBytes(d, row + <usize>ix * channels, channels);
        }
      }
    }
    dst += runBytes;
  }
}

/** 1x1 filter, no padding: output rows of pixels read in place. */
function pointwise(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const sums = staticBytes() + IM2COL_BYTES;
  const depth = p.inDepth;
  const outDepth = p.outDepth;
  const pixelBytes = <usize>depth;
  const outPixel = <usize>outDepth;
  const pixels = p.batches * p.outHeight * p.outWidth;
  const contiguous = p.strideHeight == 1 && p.strideWidth == 1;
  const stride = <usize>p.strideWidth * pixelBytes;
  const pairs = !SIMD_COMPACT && depth <= PAIRS_MAX_DEPTH && pairsFit(depth);
  const staged = !pairs && stageFits(depth);
  const blockChannels = pairs ? PAIR_TILE : 4;
  for (let n = 0; n < outDepth; n += blockChannels) {
    const channels = min(outDepth - n, blockChannels);
    const w = filter + <usize>n * pixelBytes;
    if (staged) {
      const ws = stageWeights(filter, depth, n, channels);
      setBlock(0, n, channels, p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset, ws);
      if (contiguous) {
        stagedRows(pixels, input, pixelBytes, output + <usize>n, outPixel, depth, channels, p.outputOffset, p.actMin, p.actMax);
      } else {
        let out = output + <usize>n;
        for (let b = 0; b < p.batches; b++) {
          for (let oy = 0; oy < p.outHeight; oy++) {
            const row = input + <usize>((b * p.inHeight + oy * p.strideHeight) * p.inWidth) * pixelBytes;
            stagedRows(p.outWidth, row, stride, out, outPixel, depth, channels, p.outputOffset, p.actMin, p.actMax);
            out += <usize>p.outWidth * outPixel;
          }
        }
      }
      continue;
    }
    weightSums(filter, depth, n, channels, sums);
    if (pairs) {
      packPairs(w, depth, channels);
      for (let b = 0; b * 4 < channels; b++) {
        setBlock(b, n + 4 * b, min(channels - 4 * b, 4), p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset,
                 sums + (<usize>b << 4));
      }
    } else {
      setBlock(0, n, channels, p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset, sums);
    }
    if (contiguous) {
      if (pairs) pairRowsFolded(pixels, input, pixelBytes, output + <usize>n, outPixel, depth, channels, p.outputOffset, p.actMin, p.actMax);
      else gemmBlockFolded(pixels, input, pixelBytes, output + <usize>n, outPixel, w, depth, channels, p.outputOffset, p.actMin, p.actMax);
      continue;
    }
    let out = output + <usize>n;
    for (let b = 0; b < p.batches; b++) {
      for (let oy = 0; oy < p.outHeight; oy++) {
        const row = input + <usize>((b * p.inHeight + oy * p.strideHeight) * p.inWidth) * pixelBytes;
        if (pairs) pairRowsFolded(p.outWidth, row, stride, out, outPixel, depth, channels, p.outputOffset, p.actMin, p.actMax);
        else gemmBlockFolded(p.outWidth, row, stride, out, outPixel, w, depth, channels, p.outputOffset, p.actMin, p.actMax);
        out += <usize>p.outWidth * outPixel;
      }
    }
  }
}

/** Writes the im2col rows of output pixels q .. q + count - 1 (in batch, row, column order). */
function im2colBlock(p: Conv2DParams, input: usize, inputEnd: usize, dst: usize, rowBytes: usize, q: i32, count: i32): void {
  const plane = p.outHeight * p.outWidth;
  let b = q / plane;
  let oy = (q - b * plane) / p.outWidth;
  let ox = q - b * plane - oy * p.outWidth;
  const padValue = <i8>(-p.inputOffset);
  for (let i = 0; i < count; i++) {
    im2colRow(p, input, inputEnd, dst + <usize>i * rowBytes, b, oy, ox, padValue);
    if (++ox == p.outWidth) { ox = 0; if (++oy == p.outHeight) { oy = 0; b++; } }
  }
}

/**
 * Other filters: blocks of output pixels through im2col rows. Up to 32 output channels with a
 * depth the pairs kernel takes: tiles of 16 channels (im2col built once per tile); else the
 * c8 kernel, 4 channels at a time over each block of rows.
 */
function viaIm2col(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const im2col = staticBytes();
  const sums = im2col + IM2COL_BYTES;
  const depth = p.filterHeight * p.filterWidth * p.inDepth;
  const outDepth = p.outDepth;
  const rowBytes = <usize>depth;
  const outPixel = <usize>outDepth;
  const pixels = p.batches * p.outHeight * p.outWidth;
  // Whole tiles of rows; 16 spare bytes for im2colRow's wide moves.
  let blockRows = <i32>(<usize>(IM2COL_BYTES - 16) / rowBytes);
  if (blockRows > TILE_ROWS) blockRows -= blockRows % TILE_ROWS;
  const inputEnd = input + <usize>(p.batches * p.inHeight * p.inWidth * p.inDepth);
  if (!SIMD_COMPACT && outDepth <= 2 * PAIR_TILE && depth <= PAIRS_MAX_DEPTH_IM2COL && pairsFit(depth)) {
    for (let n = 0; n < outDepth; n += PAIR_TILE) {
      const channels = min(outDepth - n, PAIR_TILE);
      weightSums(filter, depth, n, channels, sums);
      packPairs(filter + <usize>n * rowBytes, depth, channels);
      for (let k = 0; k * 4 < channels; k++) {
        setBlock(k, n + 4 * k, min(channels - 4 * k, 4), p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset,
                 sums + (<usize>k << 4));
      }
      for (let q = 0; q < pixels; q += blockRows) {
        const count = min(blockRows, pixels - q);
        im2colBlock(p, input, inputEnd, im2col, rowBytes, q, count);
        pairRowsFolded(count, im2col, rowBytes, output + <usize>q * outPixel + <usize>n, outPixel, depth, channels,
                       p.outputOffset, p.actMin, p.actMax);
      }
    }
    return;
  }
  if (stageFits(depth)) {
    for (let q = 0; q < pixels; q += blockRows) {
      const count = min(blockRows, pixels - q);
      im2colBlock(p, input, inputEnd, im2col, rowBytes, q, count);
      const out = output + <usize>q * outPixel;
      for (let n = 0; n < outDepth; n += 4) {
        const channels = min(outDepth - n, 4);
        const ws = stageWeights(filter, depth, n, channels);
        setBlock(0, n, channels, p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset, ws);
        stagedRows(count, im2col, rowBytes, out + <usize>n, outPixel, depth, channels, p.outputOffset, p.actMin, p.actMax);
      }
    }
    return;
  }
  for (let c0 = 0; c0 < outDepth; c0 += SUM_CHANNELS) {
    const cn = min(outDepth - c0, SUM_CHANNELS);
    weightSums(filter, depth, c0, cn, sums);
    for (let q = 0; q < pixels; q += blockRows) {
      const count = min(blockRows, pixels - q);
      im2colBlock(p, input, inputEnd, im2col, rowBytes, q, count);
      const out = output + <usize>q * outPixel;
      for (let j = 0; j < cn; j += 4) {
        const n = c0 + j;
        const channels = min(cn - j, 4);
        setBlock(0, n, channels, p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset, sums + (<usize>j << 2));
        gemmBlockFolded(count, im2col, rowBytes, out + <usize>n, outPixel, filter + <usize>n * rowBytes, depth, channels,
                        p.outputOffset, p.actMin, p.actMax);
      }
    }
  }
}

/**
 * Filter rows of a multiple of 8 bytes (3x3 filters on 16+ channels): for each output row, the
 * filter height's input rows are copied with zero-point padding into the im2col block, and each
 * output pixel's A row is read from them as filter-height segments (no im2col rows).
 */
function viaPaddedRows(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const buf = staticBytes();
  const channels = <usize>p.inDepth;
  const segBytes = <usize>p.filterWidth * channels;
  const depth = p.filterHeight * <i32>segBytes;
  const paddedWidth = (p.outWidth - 1) * p.strideWidth + p.filterWidth;
  const rowBytes = <usize>paddedWidth * channels;
  const leftBytes = <usize>min(p.padWidth, paddedWidth) * channels;
  const copyBytes_ = <usize>max(0, min(p.inWidth, paddedWidth - p.padWidth)) * channels;
  const rightBytes = rowBytes - leftBytes - copyBytes_;
  const inRow = <usize>p.inWidth * channels;
  const padValue = <i8>(-p.inputOffset);
  const outDepth = p.outDepth;
  const outRow = <usize>p.outWidth * <usize>outDepth;
  const pixelStride = <usize>p.strideWidth * channels;
  for (let n = 0; n < outDepth; n += 4) {
    const count = min(outDepth - n, 4);
    const ws = stageWeights(filter, depth, n, count);
    setBlock(0, n, count, p.channelMultipliers, p.channelShifts, 0, 0, bias, p.inputOffset, ws);
    let out = output + <usize>n;
    for (let b = 0; b < p.batches; b++) {
      for (let oy = 0; oy < p.outHeight; oy++) {
        const originY = oy * p.strideHeight - p.padHeight;
        for (let fy = 0; fy < p.filterHeight; fy++) {
          const iy = originY + fy * p.dilationHeight;
          const dst = buf + <usize>fy * rowBytes;
          if (iy < 0 || iy >= p.inHeight) {
            fillBytes(dst, padValue, rowBytes);
          } else {
            fillBytes(dst, padValue, leftBytes);
            copyBytes(dst + leftBytes, input + <usize>(b * p.inHeight + iy) * inRow, copyBytes_);
            fillBytes(dst + leftBytes + copyBytes_, padValue, rightBytes);
          }
        }
        stagedSegments(p.outWidth, buf, pixelStride, p.filterHeight, segBytes, rowBytes, out, <usize>outDepth, count,
                       p.outputOffset, p.actMin, p.actMax);
        out += outRow;
      }
    }
  }
}

/** int8 x int8 -> int8, int32 bias (may be 0), per-channel multipliers. */
export function conv2dInt8(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const path = p.packed;
  if (path == PATH_POINTWISE) pointwise(p, input, filter, bias, output);
  else if (path == PATH_IM2COL) viaIm2col(p, input, filter, bias, output);
  else if (!SIMD_COMPACT && path == PATH_SHALLOW) conv2dShallowInt8(p, input, filter, bias, output);
  else if (path == PATH_ROWS) viaPaddedRows(p, input, filter, bias, output);
  else scalar.conv2dInt8(p, input, filter, bias, output);
}

/** float32, float bias (may be 0). */
export function conv2dFloat32(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  if (p.packed == PATH_FLOAT) conv2dFloat32Simd(p, input, filter, bias, output);
  else scalar.conv2dFloat32(p, input, filter, bias, output);
}
