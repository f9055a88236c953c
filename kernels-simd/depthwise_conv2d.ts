// DEPTHWISE_CONV_2D, SIMD set. Channels are contiguous in input, filter and output, so lanes are
// channels: blocks of 8 int8 channels (i16 lanes, i32 sums) or 8 / 4 float channels. A depth that
// is not a multiple of the block ends with one overlapping block (it recomputes a few channels
// and writes the same bytes again). int8 takes multiplier 1 (consecutive input channels), any
// multiple of 8 (one input channel splatted) and other multipliers on 8+ input channels (eight
// bytes of the pixel swizzled); int8 below 8 output channels, float multipliers other than 1,
// float below 4 channels and int16 use the reference kernel.
//
// int8, per channel block: the filter taps are paired and interleaved as i16 (tap a, tap b per
// channel) in a small static buffer, so one i32x4.dot_i16x8_s adds two taps of four channels, and
// bias + input offset * (sum of the block's taps) is computed once. That equals the reference's
// sum of filter * (input + offset) plus bias modulo 2^32, as its i32 sums are, provided every tap
// is counted: 3x3 windows therefore read the input zero point for padding taps (input + offset
// = 0 there): input rows outside the input are a row of zero points (in ./gemm's workspace), so
// only border columns pick taps (a vector of the zero point), and interior columns walk three
// row pointers; the ninth tap is added on its own (i32x4.extmul). Other windows take a tap loop
// inside the input (no bounds tests) and, at the border, the reference's in-bounds taps with the
// offset added (i32x4.extmul). Requantization: ./requantize, its clamped int8 form where the
// block's multipliers and shifts allow.

import { DepthwiseConv2DParams } from "../kernels-scalar/depthwise_conv2d";
import * as scalar from "../kernels-scalar/depthwise_conv2d";
import { firstTap, endTap } from "../kernels-scalar/conv2d";
import { workspace, WORKSPACE_BYTES } from "./gemm";
import {
  leftFactors, rightScalesLow, rightScalesHigh, requantizeChannels4, packInt8x8,
  clampedLanes, clampedBounds, clampedScales, requantizeClamped4,
} from "./requantize";
import { SIMD_COMPACT } from "../assembly/config";

export { depthwiseConv2dInt16 } from "../kernels-scalar/depthwise_conv2d";
export { depthwiseConv2dFloat32 } from "./depthwise_conv2d_float";

/** Tap pairs the interleaved-filter buffer holds (windows up to 128 taps take the fast path). */
const MAX_PAIRS = 64;
/** Per tap pair: channels c..c+3 as (tap a, tap b) i16 pairs, then channels c+4..c+7. */
const PAIRED_FILTER: usize = memory.data(MAX_PAIRS * 32, 16);
/** Per tap pair: byte offsets of taps a and b from the window's first input element. */
const TAP_OFFSETS: usize = memory.data(MAX_PAIRS * 8, 16);

/** First output coordinate whose window starts inside the input (origin >= 0). */
// @ts-ignore: decorator
@inline function interiorStart(pad: i32, stride: i32, outSize: i32): i32 {
  return min(outSize, (pad + stride - 1) / stride);
}

/** One past the last output coordinate whose window ends inside the input. */
// @ts-ignore: decorator
@inline function interiorEnd(inSize: i32, pad: i32, stride: i32, span: i32, outSize: i32, start: i32): i32 {
  const last = inSize - span + pad; // largest origin + pad with origin + span <= inSize
  return last < 0 ? start : max(start, min(outSize, last / stride + 1));
}

// How the eight input lanes of a block (one per output channel, as i16) are read.
const DIRECT = 0; // multiplier 1: eight consecutive input channels
const SPLAT = 1;  // multiplier a multiple of 8: the block's channels share one input channel
const GATHER = 2; // eight bytes inside the input pixel, swizzled to the output channels

/** The input zero point, 16 times: what padding taps of 3x3 windows read. */
const ZERO_POINT_BYTES: usize = memory.data(16, 16);
/** Byte indices for GATHER blocks (the swizzle vector). */
const GATHER_INDEX: usize = memory.data(16, 16);

// @ts-ignore: decorator
@inline function loadLanes(mode: i32, at: usize, swizzle: v128): v128 {
  if (mode == DIRECT) return v128.load8x8_s(at);
  if (mode == SPLAT) return i16x8.splat(<i16>load<i8>(at));
  return i16x8.extend_low_i8x16_s(i8x16.swizzle(v128.load64_zero(at), swizzle));
}

export function depthwiseConv2dInt8(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const multiplier = p.depthMultiplier;
  const mode = p.outDepth < 8 ? -1 : multiplier == 1 ? DIRECT : multiplier % 8 == 0 ? SPLAT : p.inDepth >= 8 ? GATHER : -1;
  if (mode < 0) scalar.depthwiseConv2dInt8(p, input, filter, bias, output);
  else if (SIMD_COMPACT) depthwiseAnyMode(p, input, filter, bias, output, mode);
  else if (mode == DIRECT) depthwiseDirect(p, input, filter, bias, output);
  else if (mode == SPLAT) depthwiseSplat(p, input, filter, bias, output);
  else depthwiseGather(p, input, filter, bias, output);
}

// One function per mode, so that each is compiled with its mode as a constant (binaryen would
// otherwise merge the inlined copies into one taking it as a variable); the compact build has
// one, the mode a variable (a third of the code; micro speech, mostly one depthwise layer, runs
// about a quarter slower with it).
function depthwiseAnyMode(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize, mode: i32): void {
  depthwiseInt8(p, input, filter, bias, output, mode);
}
function depthwiseDirect(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwiseInt8(p, input, filter, bias, output, DIRECT);
}
function depthwiseSplat(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwiseInt8(p, input, filter, bias, output, SPLAT);
}
function depthwiseGather(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  depthwiseInt8(p, input, filter, bias, output, GATHER);
}

// Requantizes eight channel sums, adds the zero point, clamps and stores eight bytes.
// @ts-ignore: decorator
@inline function finishPixel(out: usize, acc0: v128, acc1: v128, fast: bool, mult0: v128, mult1: v128,
                             bound0: v128, bound1: v128, scale0: v128, scale1: v128, left0: v128, left1: v128,
                             scaleLo0: v128, scaleHi0: v128, scaleLo1: v128, scaleHi1: v128,
                             zeroPoint: v128, lo: v128, hi: v128): void {
  let r0: v128, r1: v128;
  if (fast) {
    r0 = requantizeClamped4(acc0, mult0, bound0, i32x4.neg(bound0), scale0);
    r1 = requantizeClamped4(acc1, mult1, bound1, i32x4.neg(bound1), scale1);
  } else {
    r0 = requantizeChannels4(acc0, left0, mult0, scaleLo0, scaleHi0);
    r1 = requantizeChannels4(acc1, left1, mult1, scaleLo1, scaleHi1);
  }
  v128.store64_lane(out, packInt8x8(r0, r1, zeroPoint, lo, hi), 0);
}

// acc += the products of two taps' lanes (i16, eight channels) with a pair of filter vectors.
// @ts-ignore: decorator
@inline function pairLow(acc: v128, xa: v128, xb: v128, f: v128): v128 {
  return i32x4.add(acc, i32x4.dot_i16x8_s(v128.shuffle<i16>(xa, xb, 0, 8, 1, 9, 2, 10, 3, 11), f));
}
// @ts-ignore: decorator
@inline function pairHigh(acc: v128, xa: v128, xb: v128, f: v128): v128 {
  return i32x4.add(acc, i32x4.dot_i16x8_s(v128.shuffle<i16>(xa, xb, 4, 12, 5, 13, 6, 14, 7, 15), f));
}

// @ts-ignore: decorator
@inline function depthwiseInt8(p: DepthwiseConv2DParams, input: usize, filter: usize, bias: usize, output: usize, mode: i32): void {
  const depth = p.outDepth, inDepth = p.inDepth, multiplier = p.depthMultiplier;
  const inH = p.inHeight, inW = p.inWidth, kh = p.filterHeight, kw = p.filterWidth;
  const sh = p.strideHeight, sw = p.strideWidth, dh = p.dilationHeight, dw = p.dilationWidth;
  const padH = p.padHeight, padW = p.padWidth, outH = p.outHeight, outW = p.outWidth;
  const colBytes = <usize>inDepth;
  const rowBytes = <usize>inW * colBytes;
  const taps = kh * kw;
  const pairs = (taps + 1) >> 1;
  const paired = pairs <= MAX_PAIRS;
  const k3x3 = kh == 3 && kw == 3;
  const oyLo = interiorStart(padH, sh, outH), oyHi = interiorEnd(inH, padH, sh, (kh - 1) * dh + 1, outH, oyLo);
  const oxLo = interiorStart(padW, sw, outW), oxHi = interiorEnd(inW, padW, sw, (kw - 1) * dw + 1, outW, oxLo);
  if (paired) {
    for (let t = 0; t < pairs * 2; t++) {
      const tap = t < taps ? t : taps - 1; // an odd count repeats the last tap with a zero filter
      store<i32>(TAP_OFFSETS + (<usize>t << 2), <i32>(<usize>((tap / kw) * dh) * rowBytes + <usize>((tap % kw) * dw) * colBytes));
    }
  }
  // 3x3: padding taps read the input zero point (the folded bias then cancels them).
  v128.store(ZERO_POINT_BYTES, i8x16.splat(<i8>-p.inputOffset));
  const zpAt = ZERO_POINT_BYTES;
  // 3x3: a row of zero points (in ./gemm's workspace) stands for input rows outside the input.
  const zeroRowAt = workspace();
  const zeroRows = k3x3 && rowBytes + 16 <= <usize>WORKSPACE_BYTES;
  if (zeroRows) memory.fill(zeroRowAt, <u8>(-p.inputOffset), rowBytes + 16);
  const o0 = <usize>load<i32>(TAP_OFFSETS), o1 = <usize>load<i32>(TAP_OFFSETS, 4), o2 = <usize>load<i32>(TAP_OFFSETS, 8);
  const o3 = <usize>load<i32>(TAP_OFFSETS, 12), o4 = <usize>load<i32>(TAP_OFFSETS, 16), o5 = <usize>load<i32>(TAP_OFFSETS, 20);
  const o6 = <usize>load<i32>(TAP_OFFSETS, 24), o7 = <usize>load<i32>(TAP_OFFSETS, 28), o8 = <usize>load<i32>(TAP_OFFSETS, 32);
  const offset16 = i16x8.splat(<i16>p.inputOffset);
  const zeroPoint = i32x4.splat(p.outputOffset);
  const lo = i8x16.splat(<i8>p.actMin), hi = i8x16.splat(<i8>p.actMax);
  const zero = i32x4.splat(0);
  const filterTap = <usize>depth; // bytes between taps of one output channel
  let c = 0;
  while (true) {
    // Where the block's input lanes are: first input byte of the pixel to read, and the swizzle.
    let lanes: usize = <usize>c;
    let swizzle = zero;
    if (mode == SPLAT) lanes = <usize>(c / multiplier);
    if (mode == GATHER) {
      lanes = <usize>min(c / multiplier, inDepth - 8);
      for (let k = 0; k < 8; k++) store<u8>(GATHER_INDEX + <usize>k, <u8>(<usize>((c + k) / multiplier) - lanes));
      swizzle = v128.load(GATHER_INDEX);
    }
    // Per block: requantization constants, bias, paired filter, folded bias.
    const shifts0 = v128.load(p.channelShifts + (<usize>c << 2)), shifts1 = v128.load(p.channelShifts + (<usize>c << 2), 16);
    const mult0 = v128.load(p.channelMultipliers + (<usize>c << 2)), mult1 = v128.load(p.channelMultipliers + (<usize>c << 2), 16);
    const fast = clampedLanes(mult0, shifts0) && clampedLanes(mult1, shifts1);
    // Only the constants of the form in use (the general ones cost more to make).
    let left0 = zero, left1 = zero, scaleLo0 = zero, scaleHi0 = zero, scaleLo1 = zero, scaleHi1 = zero;
    let bound0 = zero, bound1 = zero, scale0 = zero, scale1 = zero;
    if (fast) {
      bound0 = clampedBounds(shifts0); bound1 = clampedBounds(shifts1);
      scale0 = clampedScales(shifts0); scale1 = clampedScales(shifts1);
    } else {
      left0 = leftFactors(shifts0); left1 = leftFactors(shifts1);
      scaleLo0 = rightScalesLow(shifts0); scaleHi0 = rightScalesHigh(shifts0);
      scaleLo1 = rightScalesLow(shifts1); scaleHi1 = rightScalesHigh(shifts1);
    }
    const bias0 = bias ? v128.load(bias + (<usize>c << 2)) : zero, bias1 = bias ? v128.load(bias + (<usize>c << 2), 16) : zero;
    let fold0 = bias0, fold1 = bias1;
    if (paired) {
      for (let q = 0; q < pairs; q++) {
        const fa = v128.load8x8_s(filter + <usize>(2 * q) * filterTap + <usize>c);
        const fb = 2 * q + 1 < taps ? v128.load8x8_s(filter + <usize>(2 * q + 1) * filterTap + <usize>c) : zero;
        const pLo = v128.shuffle<i16>(fa, fb, 0, 8, 1, 9, 2, 10, 3, 11);
        const pHi = v128.shuffle<i16>(fa, fb, 4, 12, 5, 13, 6, 14, 7, 15);
        v128.store(PAIRED_FILTER + (<usize>q << 5), pLo);
        v128.store(PAIRED_FILTER + (<usize>q << 5), pHi, 16);
        fold0 = i32x4.add(fold0, i32x4.dot_i16x8_s(pLo, offset16));
        fold1 = i32x4.add(fold1, i32x4.dot_i16x8_s(pHi, offset16));
      }
    }
    let out = output + <usize>c;
    if (k3x3 && zeroRows) {
      // Rows outside the input read a row of zero points; columns outside it (border columns
      // only) read the zero point vector. The ninth tap is added on its own (extmul).
      const f0l = v128.load(PAIRED_FILTER), f0h = v128.load(PAIRED_FILTER, 16), f1l = v128.load(PAIRED_FILTER, 32);
      const f1h = v128.load(PAIRED_FILTER, 48), f2l = v128.load(PAIRED_FILTER, 64), f2h = v128.load(PAIRED_FILTER, 80);
      const f3l = v128.load(PAIRED_FILTER, 96), f3h = v128.load(PAIRED_FILTER, 112);
      const w8 = v128.load8x8_s(filter + <usize>8 * filterTap + <usize>c);
      const tap = <usize>dw * colBytes, tap2 = tap << 1, advance = <usize>sw * colBytes;
      const zeroRow = zeroRowAt + lanes;
      for (let b = 0; b < p.batches; b++) {
        const batchBase = input + <usize>(b * inH) * rowBytes + lanes;
        for (let oy = 0; oy < outH; oy++) {
          const originY = oy * sh - padH;
          const row0 = <u32>originY < <u32>inH ? batchBase + <usize>originY * rowBytes : zeroRow;
          const row1 = <u32>(originY + dh) < <u32>inH ? batchBase + <usize>(originY + dh) * rowBytes : zeroRow;
          const row2 = <u32>(originY + 2 * dh) < <u32>inH ? batchBase + <usize>(originY + 2 * dh) * rowBytes : zeroRow;
          let ox = 0;
          while (ox < outW) {
            const interior = ox >= oxLo && ox < oxHi;
            const end = interior ? oxHi : (ox < oxLo ? oxLo : outW);
            if (interior) {
              const start = <usize>(ox * sw - padW) * colBytes;
              let q0 = row0 + start, q1 = row1 + start, q2 = row2 + start;
              for (; ox < end; ox++) {
                let x0 = loadLanes(mode, q0, swizzle), x1 = loadLanes(mode, q0 + tap, swizzle);
                let acc0 = pairLow(fold0, x0, x1, f0l), acc1 = pairHigh(fold1, x0, x1, f0h);
                x0 = loadLanes(mode, q0 + tap2, swizzle); x1 = loadLanes(mode, q1, swizzle);
                acc0 = pairLow(acc0, x0, x1, f1l); acc1 = pairHigh(acc1, x0, x1, f1h);
                x0 = loadLanes(mode, q1 + tap, swizzle); x1 = loadLanes(mode, q1 + tap2, swizzle);
                acc0 = pairLow(acc0, x0, x1, f2l); acc1 = pairHigh(acc1, x0, x1, f2h);
                x0 = loadLanes(mode, q2, swizzle); x1 = loadLanes(mode, q2 + tap, swizzle);
                acc0 = pairLow(acc0, x0, x1, f3l); acc1 = pairHigh(acc1, x0, x1, f3h);
                x0 = loadLanes(mode, q2 + tap2, swizzle);
                acc0 = i32x4.add(acc0, i32x4.extmul_low_i16x8_s(x0, w8)); acc1 = i32x4.add(acc1, i32x4.extmul_high_i16x8_s(x0, w8));
                finishPixel(out, acc0, acc1, fast, mult0, mult1, bound0, bound1, scale0, scale1,
                            left0, left1, scaleLo0, scaleHi0, scaleLo1, scaleHi1, zeroPoint, lo, hi);
                out += filterTap;
                q0 += advance; q1 += advance; q2 += advance;
              }
            } else {
              for (; ox < end; ox++) {
                const originX = ox * sw - padW;
                const c0 = <u32>originX < <u32>inW, c1 = <u32>(originX + dw) < <u32>inW, c2 = <u32>(originX + 2 * dw) < <u32>inW;
                const at = <usize>originX * colBytes;
                const a0 = select(row0 + at, zpAt, c0), a1 = select(row0 + at + tap, zpAt, c1), a2 = select(row0 + at + tap2, zpAt, c2);
                const a3 = select(row1 + at, zpAt, c0), a4 = select(row1 + at + tap, zpAt, c1), a5 = select(row1 + at + tap2, zpAt, c2);
                const a6 = select(row2 + at, zpAt, c0), a7 = select(row2 + at + tap, zpAt, c1), a8 = select(row2 + at + tap2, zpAt, c2);
                let x0 = loadLanes(mode, a0, swizzle), x1 = loadLanes(mode, a1, swizzle);
                let acc0 = pairLow(fold0, x0, x1, f0l), acc1 = pairHigh(fold1, x0, x1, f0h);
                x0 = loadLanes(mode, a2, swizzle); x1 = loadLanes(mode, a3, swizzle);
                acc0 = pairLow(acc0, x0, x1, f1l); acc1 = pairHigh(acc1, x0, x1, f1h);
                x0 = loadLanes(mode, a4, swizzle); x1 = loadLanes(mode, a5, swizzle);
                acc0 = pairLow(acc0, x0, x1, f2l); acc1 = pairHigh(acc1, x0, x1, f2h);
                x0 = loadLanes(mode, a6, swizzle); x1 = loadLanes(mode, a7, swizzle);
                acc0 = pairLow(acc0, x0, x1, f3l); acc1 = pairHigh(acc1, x0, x1, f3h);
                x0 = loadLanes(mode, a8, swizzle);
                acc0 = i32x4.add(acc0, i32x4.extmul_low_i16x8_s(x0, w8)); acc1 = i32x4.add(acc1, i32x4.extmul_high_i16x8_s(x0, w8));
                finishPixel(out, acc0, acc1, fast, mult0, mult1, bound0, bound1, scale0, scale1,
                            left0, left1, scaleLo0, scaleHi0, scaleLo1, scaleHi1, zeroPoint, lo, hi);
                out += filterTap;
              }
            }
          }
        }
      }
    } else if (k3x3) {
      // Every pixel takes the unrolled five-pair sum; border taps point at the zero point.
      const f0l = v128.load(PAIRED_FILTER), f0h = v128.load(PAIRED_FILTER, 16), f1l = v128.load(PAIRED_FILTER, 32);
      const f1h = v128.load(PAIRED_FILTER, 48), f2l = v128.load(PAIRED_FILTER, 64), f2h = v128.load(PAIRED_FILTER, 80);
      const f3l = v128.load(PAIRED_FILTER, 96), f3h = v128.load(PAIRED_FILTER, 112), f4l = v128.load(PAIRED_FILTER, 128);
      const f4h = v128.load(PAIRED_FILTER, 144);
      for (let b = 0; b < p.batches; b++) {
        const batchBase = input + <usize>(b * inH) * rowBytes + lanes;
        for (let oy = 0; oy < outH; oy++) {
          const originY = oy * sh - padH;
          const rowBase = batchBase + <usize>originY * rowBytes; // wraps for negative rows: never read then
          const rowInterior = oy >= oyLo && oy < oyHi;
          const r0 = <u32>originY < <u32>inH, r1 = <u32>(originY + dh) < <u32>inH, r2 = <u32>(originY + 2 * dh) < <u32>inH;
          for (let ox = 0; ox < outW; ox++) {
            const originX = ox * sw - padW;
            const window = rowBase + <usize>originX * colBytes;
            let a0 = window + o0, a1 = window + o1, a2 = window + o2, a3 = window + o3, a4 = window + o4;
            let a5 = window + o5, a6 = window + o6, a7 = window + o7, a8 = window + o8;
            if (!rowInterior || ox < oxLo || ox >= oxHi) {
              const c0 = <u32>originX < <u32>inW, c1 = <u32>(originX + dw) < <u32>inW, c2 = <u32>(originX + 2 * dw) < <u32>inW;
              a0 = select(a0, zpAt, r0 & c0); a1 = select(a1, zpAt, r0 & c1); a2 = select(a2, zpAt, r0 & c2);
              a3 = select(a3, zpAt, r1 & c0); a4 = select(a4, zpAt, r1 & c1); a5 = select(a5, zpAt, r1 & c2);
              a6 = select(a6, zpAt, r2 & c0); a7 = select(a7, zpAt, r2 & c1); a8 = select(a8, zpAt, r2 & c2);
            }
            let x0 = loadLanes(mode, a0, swizzle), x1 = loadLanes(mode, a1, swizzle);
            let acc0 = pairLow(fold0, x0, x1, f0l), acc1 = pairHigh(fold1, x0, x1, f0h);
            x0 = loadLanes(mode, a2, swizzle); x1 = loadLanes(mode, a3, swizzle);
            acc0 = pairLow(acc0, x0, x1, f1l); acc1 = pairHigh(acc1, x0, x1, f1h);
            x0 = loadLanes(mode, a4, swizzle); x1 = loadLanes(mode, a5, swizzle);
            acc0 = pairLow(acc0, x0, x1, f2l); acc1 = pairHigh(acc1, x0, x1, f2h);
            x0 = loadLanes(mode, a6, swizzle); x1 = loadLanes(mode, a7, swizzle);
            acc0 = pairLow(acc0, x0, x1, f3l); acc1 = pairHigh(acc1, x0, x1, f3h);
            x0 = loadLanes(mode, a8, swizzle); // the ninth tap pairs with a zero filter
            acc0 = pairLow(acc0, x0, x0, f4l); acc1 = pairHigh(acc1, x0, x0, f4h);
            finishPixel(out, acc0, acc1, fast, mult0, mult1, bound0, bound1, scale0, scale1,
                        left0, left1, scaleLo0, scaleHi0, scaleLo1, scaleHi1, zeroPoint, lo, hi);
            out += filterTap;
          }
        }
      }
    } else {
      for (let b = 0; b < p.batches; b++) {
        const batchBase = input + <usize>(b * inH) * rowBytes + lanes;
        for (let oy = 0; oy < outH; oy++) {
          const originY = oy * sh - padH;
          const fyStart = firstTap(originY, dh);
          const fyEnd = endTap(originY, dh, inH, kh);
          const rowInterior = paired && oy >= oyLo && oy < oyHi;
          for (let ox = 0; ox < outW; ox++) {
            const originX = ox * sw - padW;
            let acc0 = fold0, acc1 = fold1;
            if (rowInterior && ox >= oxLo && ox < oxHi) {
              const window = batchBase + <usize>originY * rowBytes + <usize>originX * colBytes;
              for (let q = 0; q < pairs; q++) {
                const xa = loadLanes(mode, window + <usize>load<i32>(TAP_OFFSETS + (<usize>q << 3)), swizzle);
                const xb = loadLanes(mode, window + <usize>load<i32>(TAP_OFFSETS + (<usize>q << 3), 4), swizzle);
                acc0 = pairLow(acc0, xa, xb, v128.load(PAIRED_FILTER + (<usize>q << 5)));
                acc1 = pairHigh(acc1, xa, xb, v128.load(PAIRED_FILTER + (<usize>q << 5), 16));
              }
            } else {
              // Border: only the taps inside the input, each input value plus the zero point.
              acc0 = bias0; acc1 = bias1;
              const fxStart = firstTap(originX, dw);
              const fxEnd = endTap(originX, dw, inW, kw);
              for (let fy = fyStart; fy < fyEnd; fy++) {
                const inRow = batchBase + <usize>(originY + fy * dh) * rowBytes;
                const fRow = filter + <usize>(fy * kw) * filterTap + <usize>c;
                for (let fx = fxStart; fx < fxEnd; fx++) {
                  const x = i16x8.add(loadLanes(mode, inRow + <usize>(originX + fx * dw) * colBytes, swizzle), offset16);
                  const f = v128.load8x8_s(fRow + <usize>fx * filterTap);
                  acc0 = i32x4.add(acc0, i32x4.extmul_low_i16x8_s(x, f));
                  acc1 = i32x4.add(acc1, i32x4.extmul_high_i16x8_s(x, f));
                }
              }
            }
            finishPixel(out, acc0, acc1, fast, mult0, mult1, bound0, bound1, scale0, scale1,
                        left0, left1, scaleLo0, scaleHi0, scaleLo1, scaleHi1, zeroPoint, lo, hi);
            out += filterTap;
          }
        }
      }
    }
    if (c == depth - 8) break;
    c = min(c + 8, depth - 8);
  }
}
