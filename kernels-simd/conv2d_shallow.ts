// CONV_2D int8 for shallow inputs (first layers: 1 to a few input channels), SIMD set.
//
// When a filter row (filter width x input channels) spans at most 16 bytes, each filter row of
// an output pixel's window is one 16-byte load of the input row: no im2col. Lanes are output
// channels: the row's bytes are taken two at a time (a "pair", sign-extended to i16) and
// broadcast to four i32 lanes, so i32x4.dot_i16x8_s adds two products per channel into an
// accumulator [c0, c1, c2, c3]. The weights of a block of up to 16 channels are interleaved once
// per invoke into static memory (per filter row and pair: [c0 t, c0 t+1, c1 t, ..., c3 t+1]; taps
// past the row get zero weights). Tiles: 2 pixels x 8 or 16 channels. The input offset is folded
// into the biases; window taps outside the input read the input zero point (staged row vectors),
// so every tap adds (input + offset) * weight as the reference does: the sums are exact.

import { Conv2DParams } from "../kernels-scalar/conv2d";
import { setBlock, storeSlotsRow, dotAdd, workspace } from "./gemm";

/** Channels per block. */
const BLOCK = 16;
/** Most filter rows. */
const MAX_ROWS = 16;
/** Most filter rows x pairs per row the packed weights hold. */
const MAX_ROW_PAIRS = 64;
const PACK_BYTES = MAX_ROW_PAIRS * 4 * 16;
const STAGED_BYTES = 2 * MAX_ROWS * 16;

/** Packed weights of one block, 64 bytes of weight sums, staged row vectors of two border pixels, 16 bytes for partial stores (in ./gemm's workspace). */
// @ts-ignore: decorator
@inline function packed(): usize { return workspace(); }
// @ts-ignore: decorator
@inline function sumsAt(): usize { return packed() + <usize>PACK_BYTES; }
// @ts-ignore: decorator
@inline function stagedAt(): usize { return packed() + <usize>(PACK_BYTES + 64); }

/** Swizzle masks broadcasting i32 lane L (an i16 pair) of a vector: 4 x 16 bytes. */
const PAIR_MASKS: usize = memory.data<u8>([
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7,
  8, 9, 10, 11, 8, 9, 10, 11, 8, 9, 10, 11, 8, 9, 10, 11,
  12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15,
], 16);

/** True when this kernel takes the convolution (the caller has checked int8 and the quantization ranges). */
export function shallowFits(p: Conv2DParams): bool {
  const rowBytes = p.filterWidth * p.inDepth;
  if (p.inDepth < 2 || p.dilationWidth != 1 || rowBytes > 16 || p.filterHeight > MAX_ROWS || p.outDepth < 4) return false;
  return p.filterHeight * ((rowBytes + 1) >> 1) <= MAX_ROW_PAIRS;
}

/** Packs channels n .. n + count - 1 (count <= 16) as nb blocks of 4 (missing channels: zeros); their weight sums go to sumsAt(). */
// @ts-ignore: decorator
@inline function packBlock(p: Conv2DParams, filter: usize, n: i32, count: i32, nb: i32): void {
  const rowBytes = p.filterWidth * p.inDepth;
  const pairs = (rowBytes + 1) >> 1;
  const channelBytes = <usize>(p.filterHeight * rowBytes);
  let dst = packed();
  const sums = sumsAt();
  memory.fill(sums, 0, 64);
  for (let fy = 0; fy < p.filterHeight; fy++) {
    for (let q = 0; q < pairs; q++) {
      const t0 = 2 * q, t1 = 2 * q + 1;
      for (let c = 0; c < nb * 4; c++) {
        let w0 = 0, w1 = 0;
        if (c < count) {
          const src = filter + <usize>(n + c) * channelBytes + <usize>(fy * rowBytes);
          w0 = <i32>load<i8>(src + <usize>t0);
          if (t1 < rowBytes) w1 = <i32>load<i8>(src + <usize>t1);
          store<i32>(sums + (<usize>c << 2), load<i32>(sums + (<usize>c << 2)) + w0 + w1);
        }
        store<i16>(dst + (<usize>c << 2), <i16>w0);
        store<i16>(dst + (<usize>c << 2), <i16>w1, 2);
      }
      dst += <usize>nb << 4;
    }
  }
}

/** The row vectors of a border pixel: the in-bounds taps of each filter row, the input zero point elsewhere. */
function stageBorderRows(p: Conv2DParams, input: usize, b: i32, oy: i32, ox: i32, dst: usize): void {
  const channels = p.inDepth;
  const zp = i8x16.splat(<i8>(-p.inputOffset));
  const originY = oy * p.strideHeight - p.padHeight;
  const originX = ox * p.strideWidth - p.padWidth;
  for (let fy = 0; fy < p.filterHeight; fy++) {
    const row = dst + (<usize>fy << 4);
    v128.store(row, zp);
    const iy = originY + fy * p.dilationHeight;
    if (iy < 0 || iy >= p.inHeight) continue;
    const src = input + <usize>((b * p.inHeight + iy) * p.inWidth) * <usize>channels;
    for (let fx = 0; fx < p.filterWidth; fx++) {
      const ix = originX + fx;
      if (ix < 0 || ix >= p.inWidth) continue;
      for (let ch = 0; ch < channels; ch++) {
        store<i8>(row + <usize>(fx * channels + ch), load<i8>(src + <usize>(ix * channels + ch)));
      }
    }
  }
}

/** Requantizes (slots 0..nb-1) and stores the `channels` results of one pixel. */
// @ts-ignore: decorator
@inline function storePixel(nb: i32, a0: v128, a1: v128, a2: v128, a3: v128, out: usize, channels: i32,
                            zeroPoint: v128, lo: v128, hi: v128): void {
  storeSlotsRow(nb, a0, a1, a2, a3, out, channels, zeroPoint, lo, hi, stagedAt() + <usize>STAGED_BYTES);
}

function storePixel16(a0: v128, a1: v128, a2: v128, a3: v128, out: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  storePixel(4, a0, a1, a2, a3, out, channels, zeroPoint, lo, hi);
}
function storePixel8(a0: v128, a1: v128, out: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  storePixel(2, a0, a1, a0, a1, out, channels, zeroPoint, lo, hi);
}

/**
 * One or two pixels (`two`, constant) x nb (constant 2 or 4) blocks of 4 channels: row vector fy
 * of the first pixel at r0 + fy * step0 (the second: r1, step1), `pairs` pairs per row.
 */
// @ts-ignore: decorator
@inline function tile(two: bool, nb: i32, generic: bool, pairs: i32, rows: i32, r0: usize, step0: usize, r1: usize, step1: usize,
                      o0: usize, o1: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  let c00 = i32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  let w = packed();
  const pairBytes = <usize>nb << 4;
  for (let fy = 0; fy < rows; fy++) {
    const v0 = v128.load(r0), v1 = two ? v128.load(r1) : v0;
    const x0 = i16x8.extend_low_i8x16_s(v0), y0 = i16x8.extend_high_i8x16_s(v0);
    const x1 = two ? i16x8.extend_low_i8x16_s(v1) : x0, y1 = two ? i16x8.extend_high_i8x16_s(v1) : y0;
    if (generic) {
      // Any pair count: pair q broadcast by a swizzle (a compact loop for the rarer row widths).
      for (let q = 0; q < pairs; q++) {
        const m = v128.load(PAIR_MASKS + (<usize>(q & 3) << 4));
        const b0 = i8x16.swizzle(q < 4 ? x0 : y0, m);
        const b1 = two ? i8x16.swizzle(q < 4 ? x1 : y1, m) : b0;
        let k = v128.load(w);
        c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
        k = v128.load(w, 16);
        c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
        if (nb > 2) {
          k = v128.load(w, 32);
          c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
          k = v128.load(w, 48);
          c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
        }
        w += pairBytes;
      }
      r0 += step0; r1 += step1;
      continue;
    }
    if (pairs > 0) {
      const b0 = v128.shuffle<i32>(x0, x0, 0, 0, 0, 0);
      const b1 = two ? v128.shuffle<i32>(x1, x1, 0, 0, 0, 0) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 1) {
      const b0 = v128.shuffle<i32>(x0, x0, 1, 1, 1, 1);
      const b1 = two ? v128.shuffle<i32>(x1, x1, 1, 1, 1, 1) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 2) {
      const b0 = v128.shuffle<i32>(x0, x0, 2, 2, 2, 2);
      const b1 = two ? v128.shuffle<i32>(x1, x1, 2, 2, 2, 2) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 3) {
      const b0 = v128.shuffle<i32>(x0, x0, 3, 3, 3, 3);
      const b1 = two ? v128.shuffle<i32>(x1, x1, 3, 3, 3, 3) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 4) {
      const b0 = v128.shuffle<i32>(y0, y0, 0, 0, 0, 0);
      const b1 = two ? v128.shuffle<i32>(y1, y1, 0, 0, 0, 0) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 5) {
      const b0 = v128.shuffle<i32>(y0, y0, 1, 1, 1, 1);
      const b1 = two ? v128.shuffle<i32>(y1, y1, 1, 1, 1, 1) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 6) {
      const b0 = v128.shuffle<i32>(y0, y0, 2, 2, 2, 2);
      const b1 = two ? v128.shuffle<i32>(y1, y1, 2, 2, 2, 2) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    if (pairs > 7) {
      const b0 = v128.shuffle<i32>(y0, y0, 3, 3, 3, 3);
      const b1 = two ? v128.shuffle<i32>(y1, y1, 3, 3, 3, 3) : b0;
      let k = v128.load(w);
      c00 = dotAdd(c00, b0, k); if (two) c10 = dotAdd(c10, b1, k);
      k = v128.load(w, 16);
      c01 = dotAdd(c01, b0, k); if (two) c11 = dotAdd(c11, b1, k);
      if (nb > 2) {
        k = v128.load(w, 32);
        c02 = dotAdd(c02, b0, k); if (two) c12 = dotAdd(c12, b1, k);
        k = v128.load(w, 48);
        c03 = dotAdd(c03, b0, k); if (two) c13 = dotAdd(c13, b1, k);
      }
      w += pairBytes;
    }
    r0 += step0; r1 += step1;
  }
  if (generic) {
    // Out of line for the rarer row widths (code size).
    if (nb > 2) {
      storePixel16(c00, c01, c02, c03, o0, channels, zeroPoint, lo, hi);
      if (two) storePixel16(c10, c11, c12, c13, o1, channels, zeroPoint, lo, hi);
    } else {
      storePixel8(c00, c01, o0, channels, zeroPoint, lo, hi);
      if (two) storePixel8(c10, c11, o1, channels, zeroPoint, lo, hi);
    }
  } else {
    storePixel(nb, c00, c01, c02, c03, o0, channels, zeroPoint, lo, hi);
    if (two) storePixel(nb, c10, c11, c12, c13, o1, channels, zeroPoint, lo, hi);
  }
}

// `pairs` made a constant for the common row width (3 x 3 channels: 5 pairs).
// @ts-ignore: decorator
@inline function tileAny(two: bool, nb: i32, pairs: i32, rows: i32, r0: usize, step0: usize, r1: usize, step1: usize,
                         o0: usize, o1: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  if (pairs == 5) tile(two, nb, false, 5, rows, r0, step0, r1, step1, o0, o1, channels, zeroPoint, lo, hi);
  else tile(two, nb, true, pairs, rows, r0, step0, r1, step1, o0, o1, channels, zeroPoint, lo, hi);
}

/** All output pixels for the packed block (channels n .. n + channels - 1). */
// @ts-ignore: decorator
@inline function blockPixels(nb: i32, p: Conv2DParams, input: usize, output: usize, n: i32, channels: i32): void {
  const zeroPoint = i32x4.splat(p.outputOffset), lo = i8x16.splat(<i8>p.actMin), hi = i8x16.splat(<i8>p.actMax);
  const inDepth = <usize>p.inDepth;
  const pairs = (p.filterWidth * p.inDepth + 1) >> 1;
  const rows = p.filterHeight;
  const inRow = <usize>p.inWidth * inDepth;
  const rowStep = <usize>p.dilationHeight * inRow;
  const inputEnd = input + <usize>p.batches * <usize>p.inHeight * inRow;
  const outPixel = <usize>p.outDepth;
  const staged0 = stagedAt(), staged1 = stagedAt() + <usize>(MAX_ROWS * 16);
  const spanY = (rows - 1) * p.dilationHeight + 1;
  const lastRowOffset = <usize>(rows - 1) * rowStep;
  let out = output + <usize>n;
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outHeight; oy++) {
      const originY = oy * p.strideHeight - p.padHeight;
      const rowsInside = originY >= 0 && originY + spanY <= p.inHeight;
      const top = input + <usize>(b * p.inHeight + originY) * inRow; // wraps when originY < 0: not read then
      let ox = 0;
      while (ox < p.outWidth) {
        const two = ox + 1 < p.outWidth;
        const originX = ox * p.strideWidth - p.padWidth;
        const originX1 = originX + p.strideWidth;
        const last = two ? originX1 : originX;
        // Inside: every tap of both windows is in the input, and the 16-byte loads stay in it.
        const inside = rowsInside && originX >= 0 && last + p.filterWidth <= p.inWidth &&
                       top + lastRowOffset + <usize>last * inDepth + 16 <= inputEnd;
        let r0 = top + <usize>originX * inDepth, r1 = top + <usize>originX1 * inDepth;
        let step0 = rowStep, step1 = rowStep;
        if (!inside) {
          stageBorderRows(p, input, b, oy, ox, staged0);
          r0 = staged0; step0 = 16;
          if (two) {
            stageBorderRows(p, input, b, oy, ox + 1, staged1);
            r1 = staged1; step1 = 16;
          }
        }
        if (two) {
          tileAny(true, nb, pairs, rows, r0, step0, r1, step1, out, out + outPixel, channels, zeroPoint, lo, hi);
          out += outPixel << 1;
          ox += 2;
        } else {
          tileAny(false, nb, pairs, rows, r0, step0, r0, step0, out, out, channels, zeroPoint, lo, hi);
          out += outPixel;
          ox++;
        }
      }
    }
  }
}

// Separate functions, so that each is compiled with its own constant block count.
function blockPixels16(p: Conv2DParams, input: usize, output: usize, n: i32, channels: i32): void {
  blockPixels(4, p, input, output, n, channels);
}
function blockPixels8(p: Conv2DParams, input: usize, output: usize, n: i32, channels: i32): void {
  blockPixels(2, p, input, output, n, channels);
}

/** int8 x int8 -> int8, int32 bias (may be 0); shallowFits is true, zero points and activation range inside int8. */
export function conv2dShallowInt8(p: Conv2DParams, input: usize, filter: usize, bias: usize, output: usize): void {
  for (let n = 0; n < p.outDepth; n += BLOCK) {
    const channels = min(p.outDepth - n, BLOCK);
    const nb = channels > 8 ? 4 : 2;
    packBlock(p, filter, n, channels, nb);
    for (let k = 0; k < nb; k++) {
      // Blocks past the last channel repeat it (their lanes are computed, never stored).
      const first = min(4 * k, channels - 1);
      setBlock(k, n + first, max(1, min(channels - first, 4)), p.channelMultipliers, p.channelShifts, 0, 0, bias,
               p.inputOffset, sumsAt() + (<usize>first << 2));
    }
    if (nb > 2) blockPixels16(p, input, output, n, channels);
    else blockPixels8(p, input, output, n, channels);
  }
}
