// int8 GEMM, "staged c8" form, for SIMD convolutions: the weights of one block of 4 output
// channels are sign-extended to i16 once per block into ./gemm's workspace (per 8 depth values
// [ch0 k..k+7][ch1][ch2][ch3], 64 bytes), then tiles of 2 rows x 4 channels walk one pointer
// through them: per 8 depth values two i16x8.load8x8_s of the rows, four loads of weights,
// eight i32x4.dot_i16x8_s. (V8 keeps this tile in registers; three rows would spill.) Sums are
// exact int32, reduced and requantized with ./gemm's slot 0 constants. A rows are either
// contiguous (im2col rows, 1x1 inputs) or, for filters whose rows of (filter width x channels)
// bytes are a multiple of 8, segments of the input itself (stagedSegments: no im2col).

import { workspace, WORKSPACE_BYTES, tailMask, reduce4, dotAdd, slot, clampedForm, storeRowPair } from "./gemm";

// @ts-ignore: decorator
@inline function stage(): usize { return workspace(); }

/** True when a block of weights of `depth` (>= 8) values fits the staging memory (depth <= 2048). */
// @ts-ignore: decorator
@inline export function stageFits(depth: i32): bool { return (((depth + 7) >> 3) << 6) <= WORKSPACE_BYTES; }

/**
 * Stages channels n .. n + count - 1 (count 1..4; weights of channel j at w + j * depth, depth >= 8;
 * missing channels repeat the last one). A depth that is not a multiple of 8 ends with a chunk over
 * the last 8 values whose already-counted lanes are zero. Returns the address of the 4 channel
 * weight sums (for setBlock's offset folding).
 */
export function stageWeights(w: usize, depth: i32, n: i32, count: i32): usize {
  const rowBytes = <usize>depth;
  // Missing channels repeat the last one: their lanes are computed but never stored.
  const r0 = w + <usize>n * rowBytes;
  const r1 = count > 1 ? r0 + rowBytes : r0, r2 = count > 2 ? r1 + rowBytes : r1, r3 = count > 3 ? r2 + rowBytes : r2;
  // Weight sums in i16 lanes: at most 256 chunks (stageFits) of values in [-128, 127] fit.
  let s0 = i16x8.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let dst = stage();
  const end = <usize>(depth & ~7);
  for (let k: usize = 0; k < end; k += 8) {
    const x0 = v128.load8x8_s(r0 + k), x1 = v128.load8x8_s(r1 + k), x2 = v128.load8x8_s(r2 + k), x3 = v128.load8x8_s(r3 + k);
    v128.store(dst, x0); v128.store(dst, x1, 16); v128.store(dst, x2, 32); v128.store(dst, x3, 48);
    s0 = i16x8.add(s0, x0); s1 = i16x8.add(s1, x1); s2 = i16x8.add(s2, x2); s3 = i16x8.add(s3, x3);
    dst += 64;
  }
  if (depth & 7) {
    const k = <usize>(depth - 8);
    const m = tailMask(depth);
    const x0 = v128.and(v128.load8x8_s(r0 + k), m), x1 = v128.and(v128.load8x8_s(r1 + k), m);
    const x2 = v128.and(v128.load8x8_s(r2 + k), m), x3 = v128.and(v128.load8x8_s(r3 + k), m);
    v128.store(dst, x0); v128.store(dst, x1, 16); v128.store(dst, x2, 32); v128.store(dst, x3, 48);
    s0 = i16x8.add(s0, x0); s1 = i16x8.add(s1, x1); s2 = i16x8.add(s2, x2); s3 = i16x8.add(s3, x3);
  }
  const sums = stage() + <usize>WORKSPACE_BYTES;
  v128.store(sums, reduce4(i32x4.extadd_pairwise_i16x8_s(s0), i32x4.extadd_pairwise_i16x8_s(s1),
                           i32x4.extadd_pairwise_i16x8_s(s2), i32x4.extadd_pairwise_i16x8_s(s3)));
  return sums;
}

/**
 * `rows` (1 or 2, constant) A rows times the staged block, slot 0 constants, results at o0, o1.
 * Row 0 is `segs` segments of `segBytes` (a multiple of 8) bytes, segment s at a0 + s * segStride,
 * then, when `tail`, the 8 bytes at a0 + tailAt (the masked last chunk); row 1 is row 0 + second.
 */
// @ts-ignore: decorator
@inline function stagedTile(rows: i32, a0: usize, second: usize, segs: i32, segBytes: usize, segStride: usize,
                            tail: bool, tailAt: usize, o0: usize, o1: usize, channels: i32,
                            zeroPoint: v128, lo: v128, hi: v128): void {
  let c00 = i32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  let p = stage();
  let seg = a0;
  for (let s = 0; s < segs; s++) {
    let x = seg;
    const end = seg + segBytes;
    while (x < end) {
      const x0 = v128.load8x8_s(x);
      const x1 = rows > 1 ? v128.load8x8_s(x + second) : x0;
      let w = v128.load(p);
      c00 = dotAdd(c00, x0, w); if (rows > 1) c10 = dotAdd(c10, x1, w);
      w = v128.load(p, 16);
      c01 = dotAdd(c01, x0, w); if (rows > 1) c11 = dotAdd(c11, x1, w);
      w = v128.load(p, 32);
      c02 = dotAdd(c02, x0, w); if (rows > 1) c12 = dotAdd(c12, x1, w);
      w = v128.load(p, 48);
      c03 = dotAdd(c03, x0, w); if (rows > 1) c13 = dotAdd(c13, x1, w);
      p += 64; x += 8;
    }
    seg += segStride;
  }
  if (tail) {
    const x = a0 + tailAt;
    const x0 = v128.load8x8_s(x);
    const x1 = rows > 1 ? v128.load8x8_s(x + second) : x0;
    let w = v128.load(p);
    c00 = dotAdd(c00, x0, w); if (rows > 1) c10 = dotAdd(c10, x1, w);
    w = v128.load(p, 16);
    c01 = dotAdd(c01, x0, w); if (rows > 1) c11 = dotAdd(c11, x1, w);
    w = v128.load(p, 32);
    c02 = dotAdd(c02, x0, w); if (rows > 1) c12 = dotAdd(c12, x1, w);
    w = v128.load(p, 48);
    c03 = dotAdd(c03, x0, w); if (rows > 1) c13 = dotAdd(c13, x1, w);
  }
  const at = slot(0);
  storeRowPair(rows, c00, c01, c02, c03, c10, c11, c12, c13, o0, o1, channels, at, clampedForm(at), zeroPoint, lo, hi);
}

/** Tiles over `count` rows (one function for every caller: its tail test is once per tile). */
function tiles(count: i32, a: usize, aStride: usize, segs: i32, segBytes: usize, segStride: usize, tail: bool, tailAt: usize,
                       out: usize, outStride: usize, channels: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  const zeroPoint = i32x4.splat(outputOffset), lo = i8x16.splat(<i8>actMin), hi = i8x16.splat(<i8>actMax);
  let i = 0;
  for (; i + 2 <= count; i += 2) {
    const row = a + <usize>i * aStride;
    const o = out + <usize>i * outStride;
    stagedTile(2, row, aStride, segs, segBytes, segStride, tail, tailAt, o, o + outStride, channels, zeroPoint, lo, hi);
  }
  if (i < count) {
    stagedTile(1, a + <usize>i * aStride, 0, segs, segBytes, segStride, tail, tailAt, out + <usize>i * outStride, 0, channels,
               zeroPoint, lo, hi);
  }
}

/**
 * The staged block (stageWeights; setBlock done for slot 0 with the input offset folded in) for
 * `count` A rows of `depth` (>= 8) int8 values at a + i * aStride; row i goes to out + i * outStride.
 */
export function stagedRows(count: i32, a: usize, aStride: usize, out: usize, outStride: usize, depth: i32,
                           channels: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  const body = <usize>(depth & ~7);
  if (depth & 7) tiles(count, a, aStride, 1, body, 0, true, <usize>(depth - 8), out, outStride, channels, outputOffset, actMin, actMax);
  else tiles(count, a, aStride, 1, body, 0, false, 0, out, outStride, channels, outputOffset, actMin, actMax);
}

/**
 * As stagedRows for `count` pixels whose A rows are `segs` segments of `segBytes` (a multiple of
 * 8) bytes: pixel i's segment s at a + i * pixelStride + s * segStride (the staged depth being
 * segs * segBytes).
 */
export function stagedSegments(count: i32, a: usize, pixelStride: usize, segs: i32, segBytes: usize, segStride: usize,
                               out: usize, outStride: usize, channels: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  tiles(count, a, pixelStride, segs, segBytes, segStride, false, 0, out, outStride, channels, outputOffset, actMin, actMax);
}

