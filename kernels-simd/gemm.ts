// int8 GEMM microkernel shared by the SIMD CONV_2D and FULLY_CONNECTED kernels.
//
// C[m][n] = requantize(bias[n] + sum_k (A[m][k] + inputOffset) * W[n][k]) for rows m of A
// (input pixels, im2col rows, batches) and output channels n, with W in TFLite's layout (OHWI /
// [out][depth]: each channel's weights contiguous along k), used in place: no repacked copy.
//
// Tiles of `rows` (1..3) rows x 4 channels, XNNPACK "c8" style: 8 k values of a row and of a
// channel are sign-extended to i16x8 (v128.load8x8_s) and i32x4.dot_i16x8_s adds their products
// pairwise into one of rows x 4 accumulators; the 4 lanes of each accumulator are summed at the
// end. All sums are exact int32 (products <= 255 * 128), so the order does not matter and the
// result is the scalar kernel's to the bit. A depth that is not a multiple of 8 ends with one
// step over the last 8 values whose first lanes (already counted) are masked off in the weights:
// nothing is read outside the rows. Requantization: ./requantize (exact TFLM double rounding),
// in the cheapest form the block's multipliers and shifts allow (setBlock records it: clamped,
// wide, or general).
//
// Callers loop over blocks of 4 output channels outside the row loop: setBlock puts the block's
// constants (SIMD forms of its multipliers and shifts, its biases, optionally with the input
// offset folded in) in a few static bytes, read by every tile of the block. No per-call tables:
// static memory stays small, and arena scratch would count against the arena target.

import { kernelWorkspace, gemmWorkAt } from "./workspace";
import {
  highMul4, divideByPOTScaled4, packInt8x16, packInt8x8, packInt8x4, leftFactors, rightScalesLow, rightScalesHigh,
  clampedLanes, clampedBounds, clampedScales, requantizeClamped4, wideLanes, wideBounds, wideNegBounds, wideScales, requantizeWide4,
} from "./requantize";

/** Constant slots, one per 4-channel block of a tile (the pairs kernel uses 4). */
export const BLOCK_SLOTS = 4;
// Slot: left factors i32x4 | multipliers i32x4 | 2^-shift f64 x 4 | clamped/wide-form bounds
// i32x4 | clamped/wide-form scales i32x4 | biases i32x4 | form (FORM_*) | (pad) | negated bounds i32x4.
const SLOT_BYTES: usize = 144;
/** Requantization forms of a slot (./requantize): general, requantizeClamped4, requantizeWide4. */
export const FORM_GENERAL = 0;
export const FORM_CLAMPED = 1;
export const FORM_WIDE = 2;
const STATIC_BYTES = BLOCK_SLOTS * <i32>SLOT_BYTES + 32;

/**
 * This module's static bytes: the slots, then 16 bytes for lane staging and 16 for partial
 * stores. Reserved inside a function (binaryen folds the call to a constant), so that a build
 * which never calls the SIMD kernels does not reserve them. (Small and read by every tile: a
 * constant address is faster than ./workspace.)
 */
function staticBytes(): usize { return memory.data(STATIC_BYTES, 16); }

/** Rows per tile. */
export const TILE_ROWS = 3;

/** True when slot `at` takes the clamped form (requantizeRow's `fast`). */
// @ts-ignore: decorator
@inline export function clampedForm(at: usize): bool { return load<i32>(at, 112) == FORM_CLAMPED; }

/** The constants of slot i (see setBlock). */
// @ts-ignore: decorator
@inline export function slot(i: i32): usize { return staticBytes() + <usize>i * SLOT_BYTES; }

/** Loads 4 i32 lanes of array `a` from index n (`count` valid: missing lanes repeat the last). */
// @ts-ignore: decorator
@inline function load4(a: usize, n: i32, count: i32): v128 {
  if (count >= 4) return v128.load(a + (<usize>n << 2));
  const lanes = staticBytes() + <usize>BLOCK_SLOTS * SLOT_BYTES;
  for (let i = 0; i < 4; i++) store<i32>(lanes + (<usize>i << 2), load<i32>(a + (<usize>(n + min(i, count - 1)) << 2)));
  return v128.load(lanes);
}

/** Sum of `depth` (>= 8) int8 weights. */
function weightSum(w: usize, depth: i32): i32 {
  let acc = i32x4.splat(0);
  const end = <usize>(depth & ~7);
  for (let k: usize = 0; k < end; k += 8) acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_s(v128.load8x8_s(w + k)));
  if (depth & 7) {
    acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_s(v128.and(v128.load8x8_s(w + <usize>(depth - 8)), tailMask(depth))));
  }
  return i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
}

/** dst[i] = sum of the `depth` (>= 8) weights of channel n + i (at w + (n + i) * depth), i < count. */
export function weightSums(w: usize, depth: i32, n: i32, count: i32, dst: usize): void {
  for (let i = 0; i < count; i++) store<i32>(dst + (<usize>i << 2), weightSum(w + <usize>(n + i) * <usize>depth, depth));
}

/**
 * Fills slot `i` for channels n .. n + count - 1 (count 1..4; missing lanes repeat the last):
 * multipliers/shifts are per-channel arrays, or 0 to use `multiplier` and `shift`; bias may be
 * 0. With foldOffset != 0, foldOffset * sums[j] (the weight sums of the block's channels, see
 * weightSums) is added to the biases: the kernel then sums the raw inputs.
 */
export function setBlock(i: i32, n: i32, count: i32, multipliers: usize, shifts: usize, multiplier: i32, shift: i32,
                         bias: usize, foldOffset: i32, sums: usize): void {
  const at = slot(i);
  const m = multipliers ? load4(multipliers, n, count) : i32x4.splat(multiplier);
  const s = multipliers ? load4(shifts, n, count) : i32x4.splat(shift);
  v128.store(at, m, 16);
  // Only the constants of the form in use (the general ones cost more to make).
  let form = FORM_GENERAL;
  if (clampedLanes(m, s)) {
    const bound = clampedBounds(s);
    v128.store(at, bound, 64);
    v128.store(at, i32x4.neg(bound), 128);
    v128.store(at, clampedScales(s), 80);
    form = FORM_CLAMPED;
  } else if (wideLanes(m, s)) {
    v128.store(at, wideBounds(s), 64);
    v128.store(at, wideNegBounds(s), 128);
    v128.store(at, wideScales(m, s), 80);
    form = FORM_WIDE;
  } else {
    v128.store(at, leftFactors(s));
    v128.store(at, rightScalesLow(s), 32);
    v128.store(at, rightScalesHigh(s), 48);
  }
  store<i32>(at, form, 112);
  let b = bias ? load4(bias, n, count) : i32x4.splat(0);
  if (foldOffset != 0) b = i32x4.add(b, i32x4.mul(load4(sums, 0, count), i32x4.splat(foldOffset)));
  v128.store(at, b, 96);
}

/** Replaces the biases of slot `i` by those of channels n .. n + count - 1 (bias may be 0), keeping its other constants. */
// @ts-ignore: decorator
@inline export function setBias(i: i32, n: i32, count: i32, bias: usize): void {
  v128.store(slot(i), bias ? load4(bias, n, count) : i32x4.splat(0), 96);
}

/** The mask applied to the weights of the final overlapping step: keeps the last depth % 8 lanes. */
// @ts-ignore: decorator
@inline export function tailMask(depth: i32): v128 {
  const keep = depth & 7;
  // i16 lane j is kept when j >= 8 - keep.
  const lanes = i16x8(0, 1, 2, 3, 4, 5, 6, 7);
  return i16x8.ge_s(lanes, i16x8.splat(<i16>(8 - keep)));
}

// @ts-ignore: decorator
@inline export function dotAdd(acc: v128, x: v128, w: v128): v128 {
  return i32x4.add(acc, i32x4.dot_i16x8_s(x, w));
}

/** Sums each accumulator's lanes: [sum a0, sum a1, sum a2, sum a3]. */
// @ts-ignore: decorator
@inline export function reduce4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const t01 = i32x4.add(v128.shuffle<i32>(a0, a1, 0, 4, 1, 5), v128.shuffle<i32>(a0, a1, 2, 6, 3, 7));
  const t23 = i32x4.add(v128.shuffle<i32>(a2, a3, 0, 4, 1, 5), v128.shuffle<i32>(a2, a3, 2, 6, 3, 7));
  return i32x4.add(v128.shuffle<i32>(t01, t23, 0, 1, 4, 5), v128.shuffle<i32>(t01, t23, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline export function storeChannels(out: usize, packed: v128, lane: i32, channels: i32): void {
  if (channels == 4) {
    if (lane == 0) v128.store_lane<i32>(out, packed, 0);
    else v128.store_lane<i32>(out, packed, 1);
  } else {
    const partial = staticBytes() + <usize>BLOCK_SLOTS * SLOT_BYTES + 16;
    v128.store(partial, packed);
    const src = partial + (<usize>lane << 2);
    for (let i = 0; i < channels; i++) store<i8>(out + <usize>i, load<i8>(src + <usize>i));
  }
}

/** Stores the first `count` bytes of v at out (through the partial-store bytes). */
// @ts-ignore: decorator
@inline export function storeBytes(out: usize, v: v128, count: i32): void {
  const partial = staticBytes() + <usize>BLOCK_SLOTS * SLOT_BYTES + 16;
  v128.store(partial, v);
  for (let i = 0; i < count; i++) store<i8>(out + <usize>i, load<i8>(partial + <usize>i));
}

// @ts-ignore: decorator
@inline export function loadRow(a: usize, addOffset: bool, inputOffset: v128): v128 {
  const x = v128.load8x8_s(a);
  return addOffset ? i16x8.add(x, inputOffset) : x;
}

/** The general requantization (any multiplier and shift). */
// @ts-ignore: decorator
@inline function requantizeGeneral(acc: v128, at: usize): v128 {
  return divideByPOTScaled4(highMul4(acc, v128.load(at), v128.load(at, 16)), v128.load(at, 32), v128.load(at, 48));
}

/** Requantizes the sums of one row (4 channels) with the constants at `at` (a slot); fast: its form is FORM_CLAMPED. */
// @ts-ignore: decorator
@inline export function requantizeRow(sums: v128, at: usize, fast: bool): v128 {
  const acc = i32x4.add(sums, v128.load(at, 96));
  if (fast) return requantizeClamped4(acc, v128.load(at, 16), v128.load(at, 64), v128.load(at, 128), v128.load(at, 80));
  return requantizeOther(acc, at);
}

/**
 * Requantizes the 4 (nb = 4, constant) or 2 accumulators of one output row with slots 0..nb-1,
 * packs them to int8 and stores the `channels` valid bytes at `out`; a partial row goes through
 * the 16 bytes at `partial` (kernel workspace) so nothing past `channels` is written.
 */
// @ts-ignore: decorator
@inline export function storeSlotsRow(nb: i32, a0: v128, a1: v128, a2: v128, a3: v128, out: usize, channels: i32,
                                      zeroPoint: v128, lo: v128, hi: v128, partial: usize): void {
  const s0 = slot(0), s1 = slot(1);
  const r0 = requantizeRow(a0, s0, clampedForm(s0));
  const r1 = requantizeRow(a1, s1, clampedForm(s1));
  let result: v128;
  if (nb > 2) {
    const s2 = slot(2), s3 = slot(3);
    const r2 = requantizeRow(a2, s2, clampedForm(s2));
    const r3 = requantizeRow(a3, s3, clampedForm(s3));
    result = packInt8x16(r0, r1, r2, r3, zeroPoint, lo, hi);
  } else {
    result = packInt8x8(r0, r1, zeroPoint, lo, hi);
  }
  if (channels >= nb * 4) {
    if (nb > 2) v128.store(out, result);
    else v128.store_lane<i64>(out, result, 0);
  } else {
    v128.store(partial, result);
    for (let i = 0; i < channels; i++) store<i8>(out + <usize>i, load<i8>(partial + <usize>i));
  }
}

/** The forms other than the clamped one. */
// @ts-ignore: decorator
@inline function requantizeOther(acc: v128, at: usize): v128 {
  if (load<i32>(at, 112) == FORM_WIDE) {
    return requantizeWide4(acc, v128.load(at, 16), v128.load(at, 64), v128.load(at, 128), v128.load(at, 80));
  }
  return requantizeGeneral(acc, at);
}

/**
 * One tile: `rows` (constant 1..3) A rows at a0..a2 (unused ones repeat a valid row) times the
 * 4 weight rows w0..w3, requantized with slot 0, stored at o0..o2 (`channels` valid lanes).
 * addOffset (constant): add the input offset to each input, else it is folded into the bias.
 * depth >= 8.
 */
/**
 * Requantizes (slot constants at `at`, `fast` = their clamped form) and stores the four channel
 * sums of one A row at o0 (rows == 1, a constant) or of two rows, the second at o1.
 */
// @ts-ignore: decorator
@inline export function storeRowPair(rows: i32, c00: v128, c01: v128, c02: v128, c03: v128, c10: v128, c11: v128, c12: v128, c13: v128,
                                     o0: usize, o1: usize, channels: i32, at: usize, fast: bool, zeroPoint: v128, lo: v128, hi: v128): void {
  const r0 = requantizeRow(reduce4(c00, c01, c02, c03), at, fast);
  if (rows == 1) {
    storeChannels(o0, packInt8x4(r0, zeroPoint, lo, hi), 0, channels);
    return;
  }
  const r1 = requantizeRow(reduce4(c10, c11, c12, c13), at, fast);
  const p01 = packInt8x8(r0, r1, zeroPoint, lo, hi);
  storeChannels(o0, p01, 0, channels);
  storeChannels(o1, p01, 1, channels);
}

// @ts-ignore: decorator
@inline function tile(rows: i32, addOffset: bool, a0: usize, a1: usize, a2: usize, w0: usize, w1: usize, w2: usize, w3: usize,
                      depth: i32, mask: v128, inputOffset: v128,
                      o0: usize, o1: usize, o2: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  let c00 = i32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  let c20 = c00, c21 = c00, c22 = c00, c23 = c00;
  const end = <usize>(depth & ~7);
  for (let k: usize = 0; k < end; k += 8) {
    const x0 = loadRow(a0 + k, addOffset, inputOffset);
    const x1 = rows > 1 ? loadRow(a1 + k, addOffset, inputOffset) : x0;
    const x2 = rows > 2 ? loadRow(a2 + k, addOffset, inputOffset) : x0;
    let w = v128.load8x8_s(w0 + k);
    c00 = dotAdd(c00, x0, w); if (rows > 1) c10 = dotAdd(c10, x1, w); if (rows > 2) c20 = dotAdd(c20, x2, w);
    w = v128.load8x8_s(w1 + k);
    c01 = dotAdd(c01, x0, w); if (rows > 1) c11 = dotAdd(c11, x1, w); if (rows > 2) c21 = dotAdd(c21, x2, w);
    w = v128.load8x8_s(w2 + k);
    c02 = dotAdd(c02, x0, w); if (rows > 1) c12 = dotAdd(c12, x1, w); if (rows > 2) c22 = dotAdd(c22, x2, w);
    w = v128.load8x8_s(w3 + k);
    c03 = dotAdd(c03, x0, w); if (rows > 1) c13 = dotAdd(c13, x1, w); if (rows > 2) c23 = dotAdd(c23, x2, w);
  }
  if (depth & 7) {
    const k = <usize>(depth - 8);
    const x0 = loadRow(a0 + k, addOffset, inputOffset);
    const x1 = rows > 1 ? loadRow(a1 + k, addOffset, inputOffset) : x0;
    const x2 = rows > 2 ? loadRow(a2 + k, addOffset, inputOffset) : x0;
    let w = v128.and(v128.load8x8_s(w0 + k), mask);
    c00 = dotAdd(c00, x0, w); if (rows > 1) c10 = dotAdd(c10, x1, w); if (rows > 2) c20 = dotAdd(c20, x2, w);
    w = v128.and(v128.load8x8_s(w1 + k), mask);
    c01 = dotAdd(c01, x0, w); if (rows > 1) c11 = dotAdd(c11, x1, w); if (rows > 2) c21 = dotAdd(c21, x2, w);
    w = v128.and(v128.load8x8_s(w2 + k), mask);
    c02 = dotAdd(c02, x0, w); if (rows > 1) c12 = dotAdd(c12, x1, w); if (rows > 2) c22 = dotAdd(c22, x2, w);
    w = v128.and(v128.load8x8_s(w3 + k), mask);
    c03 = dotAdd(c03, x0, w); if (rows > 1) c13 = dotAdd(c13, x1, w); if (rows > 2) c23 = dotAdd(c23, x2, w);
  }
  const at = slot(0);
  const fast = clampedForm(at);
  storeRowPair(rows, c00, c01, c02, c03, c10, c11, c12, c13, o0, o1, channels, at, fast, zeroPoint, lo, hi);
  if (rows > 2) {
    const r2 = requantizeRow(reduce4(c20, c21, c22, c23), at, fast);
    storeChannels(o2, packInt8x4(r2, zeroPoint, lo, hi), 0, channels);
  }
}

// @ts-ignore: decorator
@inline function blockRows(addOffset: bool, count: i32, a: usize, aStride: usize, out: usize, outStride: usize, w: usize, depth: i32,
                           channels: i32, mask: v128, offset: v128, zeroPoint: v128, lo: v128, hi: v128): void {
  const rowBytes = <usize>depth;
  const w1 = channels > 1 ? w + rowBytes : w;
  const w2 = channels > 2 ? w1 + rowBytes : w1;
  const w3 = channels > 3 ? w2 + rowBytes : w2;
  let i = 0;
  for (; i + TILE_ROWS <= count; i += TILE_ROWS) {
    const a0 = a + <usize>i * aStride;
    const o = out + <usize>i * outStride;
    tile(TILE_ROWS, addOffset, a0, a0 + aStride, a0 + 2 * aStride, w, w1, w2, w3, depth, mask, offset,
         o, o + outStride, o + 2 * outStride, channels, zeroPoint, lo, hi);
  }
  for (; i < count; i++) {
    const a0 = a + <usize>i * aStride;
    tile(1, addOffset, a0, a0, a0, w, w1, w2, w3, depth, mask, offset,
         out + <usize>i * outStride, 0, 0, channels, zeroPoint, lo, hi);
  }
}

/**
 * One block of 1..4 output channels (`channels`; weights of the first at w, the next ones
 * `depth` bytes apart; setBlock done for slot 0 with the input offset folded in) for `count` A
 * rows (row i at a + i * aStride, `depth` >= 8 int8 values): row i goes to out + i * outStride.
 */
export function gemmBlockFolded(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, w: usize, depth: i32,
                                channels: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  blockRows(false, count, a, aStride, out, outStride, w, depth, channels, tailMask(depth), i16x8.splat(0),
            i32x4.splat(outputOffset), i8x16.splat(<i8>actMin), i8x16.splat(<i8>actMax));
}

/**
 * As gemmBlockFolded over all `outDepth` channels (weights of channel n at w + n * depth), the
 * input offset added to every input instead of folded, and the block constants set here:
 * per-channel multipliers/shifts arrays, or (multipliers == 0) one multiplier and shift, whose
 * constants are then computed once (only the biases change from block to block).
 */
export function gemmAllOffset(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, w: usize, depth: i32,
                              outDepth: i32, bias: usize, multipliers: usize, shifts: usize, multiplier: i32, shift: i32,
                              inputOffset: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  if (multipliers == 0) setBlock(0, 0, 4, 0, 0, multiplier, shift, 0, 0, 0);
  const rowBytes = <usize>depth;
  const mask = tailMask(depth);
  const offset = i16x8.splat(<i16>inputOffset);
  const zeroPoint = i32x4.splat(outputOffset);
  const lo = i8x16.splat(<i8>actMin);
  const hi = i8x16.splat(<i8>actMax);
  for (let n = 0; n < outDepth; n += 4) {
    const channels = min(outDepth - n, 4);
    if (multipliers) setBlock(0, n, channels, multipliers, shifts, 0, 0, bias, 0, 0);
    else setBias(0, n, channels, bias);
    blockRows(true, count, a, aStride, out + <usize>n, outStride, w + <usize>n * rowBytes, depth, channels, mask, offset, zeroPoint, lo, hi);
  }
}

/**
 * Working memory of the SIMD convolution kernels (one user at a time): ./gemm_staged's staged
 * weights, ./gemm_pairs' packed tile, ./conv2d_shallow's packed block, ./gemv's widened row, or
 * ./depthwise_conv2d's row of zero points.
 */
export const WORKSPACE_BYTES = 16384;
export const GEMM_WORK_BYTES: usize = WORKSPACE_BYTES + 64;
// @ts-ignore: decorator
@inline export function workspace(): usize { return kernelWorkspace() + gemmWorkAt(); }
