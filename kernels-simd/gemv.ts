// int8 FULLY_CONNECTED with one input row (one batch), SIMD set: every weight is used once, so
// the weights are read in place (v128.load8x8_s); the row, plus the input offset, is widened to
// i16 once into ./gemm's workspace. Tiles of 8 output channels (two slots of constants); sums
// exact int32, requantized as ./gemm does.

import {
  workspace, WORKSPACE_BYTES, tailMask, reduce4, dotAdd, slot, requantizeRow, clampedForm, setBlock, setBias, storeBytes,
} from "./gemm";
import { packInt8x8 } from "./requantize";

/** Sums of one row (i16 at x16, `depth` >= 8 values, the tail chunk at depth - 8) with 8 (or `channels`) weight rows. */
// @ts-ignore: decorator
@inline function gemvTile(x16: usize, w: usize, rowBytes: usize, depth: i32, mask: v128, out: usize, channels: i32,
                          zeroPoint: v128, lo: v128, hi: v128): void {
  const w1 = channels > 1 ? w + rowBytes : w, w2 = channels > 2 ? w1 + rowBytes : w1, w3 = channels > 3 ? w2 + rowBytes : w2;
  const w4 = channels > 4 ? w3 + rowBytes : w3, w5 = channels > 5 ? w4 + rowBytes : w4;
  const w6 = channels > 6 ? w5 + rowBytes : w5, w7 = channels > 7 ? w6 + rowBytes : w6;
  let c0 = i32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  const end = <usize>(depth & ~7);
  let x = x16;
  for (let k: usize = 0; k < end; k += 8) {
    const v = v128.load(x);
    c0 = dotAdd(c0, v, v128.load8x8_s(w + k)); c1 = dotAdd(c1, v, v128.load8x8_s(w1 + k));
    c2 = dotAdd(c2, v, v128.load8x8_s(w2 + k)); c3 = dotAdd(c3, v, v128.load8x8_s(w3 + k));
    c4 = dotAdd(c4, v, v128.load8x8_s(w4 + k)); c5 = dotAdd(c5, v, v128.load8x8_s(w5 + k));
    c6 = dotAdd(c6, v, v128.load8x8_s(w6 + k)); c7 = dotAdd(c7, v, v128.load8x8_s(w7 + k));
    x += 16;
  }
  if (depth & 7) {
    const k = <usize>(depth - 8);
    const v = v128.load(x16 + (k << 1));
    c0 = dotAdd(c0, v, v128.and(v128.load8x8_s(w + k), mask)); c1 = dotAdd(c1, v, v128.and(v128.load8x8_s(w1 + k), mask));
    c2 = dotAdd(c2, v, v128.and(v128.load8x8_s(w2 + k), mask)); c3 = dotAdd(c3, v, v128.and(v128.load8x8_s(w3 + k), mask));
    c4 = dotAdd(c4, v, v128.and(v128.load8x8_s(w4 + k), mask)); c5 = dotAdd(c5, v, v128.and(v128.load8x8_s(w5 + k), mask));
    c6 = dotAdd(c6, v, v128.and(v128.load8x8_s(w6 + k), mask)); c7 = dotAdd(c7, v, v128.and(v128.load8x8_s(w7 + k), mask));
  }
  const s0 = slot(0), s1 = slot(1);
  const r0 = requantizeRow(reduce4(c0, c1, c2, c3), s0, clampedForm(s0));
  const r1 = requantizeRow(reduce4(c4, c5, c6, c7), s1, clampedForm(s1));
  const packed = packInt8x8(r0, r1, zeroPoint, lo, hi);
  if (channels >= 8) {
    v128.store_lane<i64>(out, packed, 0);
  } else {
    storeBytes(out, packed, channels);
  }
}

/** True when gemvRow takes a row of `depth` values (its widened copy fits the workspace). */
export function gemvFits(depth: i32): bool { return depth >= 8 && <usize>depth * 2 <= <usize>WORKSPACE_BYTES; }

/**
 * One row of `depth` (gemvFits) int8 values at a, the input offset added, times the `outDepth`
 * weight rows at w (row n at w + n * depth), results at out; constants as for gemmAllOffset.
 */
export function gemvRow(a: usize, out: usize, w: usize, depth: i32, outDepth: i32, bias: usize, multipliers: usize, shifts: usize,
                        multiplier: i32, shift: i32, inputOffset: i32, outputOffset: i32, actMin: i32, actMax: i32): void {
  const x16 = workspace();
  const offset = i16x8.splat(<i16>inputOffset);
  const end = <usize>(depth & ~7);
  for (let k: usize = 0; k < end; k += 8) v128.store(x16 + (k << 1), i16x8.add(v128.load8x8_s(a + k), offset));
  if (depth & 7) {
    const k = <usize>(depth - 8);
    v128.store(x16 + (k << 1), i16x8.add(v128.load8x8_s(a + k), offset));
  }
  if (multipliers == 0) {
    setBlock(0, 0, 4, 0, 0, multiplier, shift, 0, 0, 0);
    setBlock(1, 0, 4, 0, 0, multiplier, shift, 0, 0, 0);
  }
  const rowBytes = <usize>depth;
  const mask = tailMask(depth);
  const zeroPoint = i32x4.splat(outputOffset), lo = i8x16.splat(<i8>actMin), hi = i8x16.splat(<i8>actMax);
  for (let n = 0; n < outDepth; n += 8) {
    const channels = min(outDepth - n, 8);
    const second = min(n + 4, outDepth - 1);
    if (multipliers) {
      setBlock(0, n, min(channels, 4), multipliers, shifts, 0, 0, bias, 0, 0);
      setBlock(1, second, max(1, min(channels - 4, 4)), multipliers, shifts, 0, 0, bias, 0, 0);
    } else {
      setBias(0, n, min(channels, 4), bias);
      setBias(1, second, max(1, min(channels - 4, 4)), bias);
    }
    gemvTile(x16, w + <usize>n * rowBytes, rowBytes, depth, mask, out + <usize>n, channels, zeroPoint, lo, hi);
  }
}
