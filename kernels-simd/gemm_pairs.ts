// int8 GEMM, "pairs" form, for SIMD convolutions with a depth of at most 256.
//
// Lanes are output channels: the weights of a tile of 16 channels are interleaved into 8 KB of
// static memory as i16x8 vectors [c0 k, c0 k+1, c1 k, c1 k+1, ..., c3 k+1] (one per pair of
// depth values and block of 4 channels), then every input row goes through the tile: each pair
// of the row (sign-extended to i16) is broadcast to the 4 i32 lanes, so i32x4.dot_i16x8_s adds
// 2 products per channel straight into a [c0, c1, c2, c3] accumulator. No horizontal sums, and
// the depth tail costs one chunk over the last 8 inputs whose weights are zero where those
// inputs were already counted. Tiles: two input rows x 16 channels (8 when 8 or fewer remain).
// Same exact int32 sums, same requantization as ./gemm (its setBlock slots).

import { storeSlotsRow, dotAdd, tailMask, workspace } from "./gemm";

/** Memory for the interleaved weights of one tile of up to 16 channels (in ./gemm's workspace). */
const PACK_BYTES = 8192;

/** The packed tile, then 16 bytes for partial stores. */
// @ts-ignore: decorator
@inline function packed(): usize { return workspace(); }

/** Channels per tile. */
export const PAIR_TILE = 16;

/** True when a 16-channel tile of weights of `depth` (>= 8) values fits the static memory (depth <= 256). */
// @ts-ignore: decorator
@inline export function pairsFit(depth: i32): bool {
  return ((depth + 7) >> 3) * 256 <= PACK_BYTES;
}

/**
 * Interleaves the weights of `channels` (1..16) channels, the first at w, the next ones `depth`
 * bytes apart, for a tile of nb = channels > 8 ? 4 : 2 blocks; lanes past `channels` get zeros.
 */
export function packPairs(w: usize, depth: i32, channels: i32): void {
  const chunks = (depth + 7) >> 3;
  const lastMask = (depth & 7) ? tailMask(depth) : i16x8.splat(-1);
  const rowBytes = <usize>depth;
  const nb = channels > 8 ? 4 : 2;
  const pairStride = <usize>nb << 4;
  for (let b = 0; b < nb; b++) {
    const r0 = w + <usize>(4 * b) * rowBytes;
    const valid = channels - 4 * b;
    for (let c = 0; c < chunks; c++) {
      const k = <usize>min(c << 3, depth - 8);
      const m = c == chunks - 1 ? lastMask : i16x8.splat(-1);
      const zero = i16x8.splat(0);
      const x0 = valid > 0 ? v128.and(v128.load8x8_s(r0 + k), m) : zero;
      const x1 = valid > 1 ? v128.and(v128.load8x8_s(r0 + rowBytes + k), m) : zero;
      const x2 = valid > 2 ? v128.and(v128.load8x8_s(r0 + 2 * rowBytes + k), m) : zero;
      const x3 = valid > 3 ? v128.and(v128.load8x8_s(r0 + 3 * rowBytes + k), m) : zero;
      // i32 lane p of row i is pair p of channel i: a 4 x 4 transpose gives [pair p of channels 0..3].
      const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5), t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
      const dst = packed() + (<usize>(c * 4 * nb + b) << 4);
      v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
      v128.store(dst + pairStride, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
      v128.store(dst + 2 * pairStride, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
      v128.store(dst + 3 * pairStride, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
    }
  }
}

/** Requantizes (slots 0..nb-1), packs and stores the 4 (nb = 4) or 2 accumulators of one row of a tile. */
// @ts-ignore: decorator
@inline function storeTileRow(nb: i32, acc0: v128, acc1: v128, acc2: v128, acc3: v128, out: usize, channels: i32,
                              zeroPoint: v128, lo: v128, hi: v128): void {
  storeSlotsRow(nb, acc0, acc1, acc2, acc3, out, channels, zeroPoint, lo, hi, packed() + <usize>PACK_BYTES);
}

/** `rows` (constant 1 or 2) input rows at a0, a1 times the packed tile of `nb` (constant 2 or 4) blocks; results at o0, o1. */
// @ts-ignore: decorator
@inline function pairTile(rows: i32, nb: i32, a0: usize, a1: usize, depth: i32, chunks: i32,
                          o0: usize, o1: usize, channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  let c00 = i32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  const last = depth - 8;
  const chunkBytes = <usize>nb << 6;
  const pairBytes = <usize>nb << 4;
  let p = packed();
  for (let c = 0; c < chunks; c++) {
    const k = <usize>min(c << 3, last);
    const x0 = v128.load8x8_s(a0 + k);
    const x1 = rows > 1 ? v128.load8x8_s(a1 + k) : x0;
    let y0: v128, y1 = x0, w: v128;
    // Pair i of each row broadcast to all lanes (i32 lane i), times the tile's weights of pair i.
    y0 = v128.shuffle<i32>(x0, x0, 0, 0, 0, 0); if (rows > 1) y1 = v128.shuffle<i32>(x1, x1, 0, 0, 0, 0);
    w = v128.load(p); c00 = dotAdd(c00, y0, w); if (rows > 1) c10 = dotAdd(c10, y1, w);
    w = v128.load(p, 16); c01 = dotAdd(c01, y0, w); if (rows > 1) c11 = dotAdd(c11, y1, w);
    if (nb > 2) {
      w = v128.load(p, 32); c02 = dotAdd(c02, y0, w); if (rows > 1) c12 = dotAdd(c12, y1, w);
      w = v128.load(p, 48); c03 = dotAdd(c03, y0, w); if (rows > 1) c13 = dotAdd(c13, y1, w);
    }
    let q = p + pairBytes;
    y0 = v128.shuffle<i32>(x0, x0, 1, 1, 1, 1); if (rows > 1) y1 = v128.shuffle<i32>(x1, x1, 1, 1, 1, 1);
    w = v128.load(q); c00 = dotAdd(c00, y0, w); if (rows > 1) c10 = dotAdd(c10, y1, w);
    w = v128.load(q, 16); c01 = dotAdd(c01, y0, w); if (rows > 1) c11 = dotAdd(c11, y1, w);
    if (nb > 2) {
      w = v128.load(q, 32); c02 = dotAdd(c02, y0, w); if (rows > 1) c12 = dotAdd(c12, y1, w);
      w = v128.load(q, 48); c03 = dotAdd(c03, y0, w); if (rows > 1) c13 = dotAdd(c13, y1, w);
    }
    q += pairBytes;
    y0 = v128.shuffle<i32>(x0, x0, 2, 2, 2, 2); if (rows > 1) y1 = v128.shuffle<i32>(x1, x1, 2, 2, 2, 2);
    w = v128.load(q); c00 = dotAdd(c00, y0, w); if (rows > 1) c10 = dotAdd(c10, y1, w);
    w = v128.load(q, 16); c01 = dotAdd(c01, y0, w); if (rows > 1) c11 = dotAdd(c11, y1, w);
    if (nb > 2) {
      w = v128.load(q, 32); c02 = dotAdd(c02, y0, w); if (rows > 1) c12 = dotAdd(c12, y1, w);
      w = v128.load(q, 48); c03 = dotAdd(c03, y0, w); if (rows > 1) c13 = dotAdd(c13, y1, w);
    }
    q += pairBytes;
    y0 = v128.shuffle<i32>(x0, x0, 3, 3, 3, 3); if (rows > 1) y1 = v128.shuffle<i32>(x1, x1, 3, 3, 3, 3);
    w = v128.load(q); c00 = dotAdd(c00, y0, w); if (rows > 1) c10 = dotAdd(c10, y1, w);
    w = v128.load(q, 16); c01 = dotAdd(c01, y0, w); if (rows > 1) c11 = dotAdd(c11, y1, w);
    if (nb > 2) {
      w = v128.load(q, 32); c02 = dotAdd(c02, y0, w); if (rows > 1) c12 = dotAdd(c12, y1, w);
      w = v128.load(q, 48); c03 = dotAdd(c03, y0, w); if (rows > 1) c13 = dotAdd(c13, y1, w);
    }
    p += chunkBytes;
  }
  storeTileRow(nb, c00, c01, c02, c03, o0, channels, zeroPoint, lo, hi);
  if (rows > 1) storeTileRow(nb, c10, c11, c12, c13, o1, channels, zeroPoint, lo, hi);
}

// @ts-ignore: decorator
@inline function pairRows(nb: i32, count: i32, a: usize, aStride: usize, out: usize, outStride: usize, depth: i32,
                          channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  const chunks = (depth + 7) >> 3;
  let i = 0;
  for (; i + 2 <= count; i += 2) {
    const row = a + <usize>i * aStride;
    const o = out + <usize>i * outStride;
    pairTile(2, nb, row, row + aStride, depth, chunks, o, o + outStride, channels, zeroPoint, lo, hi);
  }
  if (i < count) {
    const row = a + <usize>i * aStride;
    pairTile(1, nb, row, row, depth, chunks, out + <usize>i * outStride, 0, channels, zeroPoint, lo, hi);
  }
}

/**
 * The packed tile (packPairs; setBlock done for its slots with the input offset folded in) for
 * `count` rows of `depth` (>= 8) int8 values at a + i * aStride; row i goes to out + i * outStride.
 */
export function pairRowsFolded(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, depth: i32,
                               channels: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  const zeroPoint = i32x4.splat(outputOffset);
  const lo = i8x16.splat(<i8>actMin);
  const hi = i8x16.splat(<i8>actMax);
  if (channels > 8) pairRows16(count, a, aStride, out, outStride, depth, channels, zeroPoint, lo, hi);
  else pairRows8(count, a, aStride, out, outStride, depth, channels, zeroPoint, lo, hi);
}

// Separate functions, so that each is compiled with its block count as a constant (binaryen
// would otherwise merge the two inlined copies into one taking it as a variable).
function pairRows16(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, depth: i32,
                    channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  pairRows(4, count, a, aStride, out, outStride, depth, channels, zeroPoint, lo, hi);
}
function pairRows8(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, depth: i32,
                   channels: i32, zeroPoint: v128, lo: v128, hi: v128): void {
  pairRows(2, count, a, aStride, out, outStride, depth, channels, zeroPoint, lo, hi);
}
