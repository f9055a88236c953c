// Exact vectorised requantization: TFLM's MultiplyByQuantizedMultiplier (double rounding, see
// assembly/math/fixedpoint.ts) on four i32 lanes at once, bit for bit what the scalar code gives
// for every input, shift and multiplier (including INT_MIN and shifts outside [-31, 31], which
// the scalar code treats modulo 32 as wasm's shifts do).
//
// Usage, per-channel (lanes = 4 output channels c..c+3, constants hoisted out of pixel loops):
//   const shifts = v128.load(p.channelShifts + (c << 2));
//   const left = leftFactors(shifts), mult = v128.load(p.channelMultipliers + (c << 2));
//   const scaleLo = rightScalesLow(shifts), scaleHi = rightScalesHigh(shifts);
//   ... r = requantizeChannels4(acc, left, mult, scaleLo, scaleHi);
// Per-tensor (one multiplier and shift for all lanes; integer only, a little cheaper):
//   const left = i32x4.splat(1 << (shift > 0 ? shift : 0)), mult = i32x4.splat(multiplier);
//   const rs = shift > 0 ? 0 : -shift, mask = roundingMask(rs);
//   ... r = requantizeUniform4(acc, left, mult, mask, rs);
// Then add the output zero point, saturate and clamp: packInt8x16 (16 lanes) / packInt8x8 (8).
//
// Why it is exact:
// - Stage 1 (SaturatingRoundingDoublingHighMul): the 64-bit product comes from
//   i64x2.extmul_{low,high}_i32x4_s. gemmlowp adds 2^30 (or 1 - 2^30 when negative) and divides
//   by 2^31 truncating towards zero; for a negative sum, truncation = floor((n + 2^31 - 1) / 2^31)
//   and n + 2^31 - 1 = ab + 2^30, so both signs are floor((ab + 2^30) / 2^31): add 2^30, shift
//   the i64 left by one and keep the high words. The one overflow (INT_MIN * INT_MIN, which
//   gemmlowp saturates to INT_MAX) is the only way to get INT_MIN there, and is patched.
// - Stage 2 (RoundingDivideByPOT, halves away from zero): wasm has no per-lane shift counts, so
//   with per-channel shifts the division runs in f64, where it is exact: s * 2^-rs is exact
//   (31 significant bits, a power-of-two scale), adding +-0.5 needs at most 33 bits, and
//   truncation then rounds halves away from zero. With one shift for all lanes the integer form
//   (mask, threshold, arithmetic shift) is used directly.

// @ts-ignore: decorator
@inline const ROUND_HALF: i64 = 1 << 30;

/** Per-lane factor 1 << max(shift, 0) (the scalar's `1 << leftShift`, count taken mod 32). */
// @ts-ignore: decorator
@inline export function leftFactors(shifts: v128): v128 {
  const count = v128.and(i32x4.max_s(shifts, i32x4.splat(0)), i32x4.splat(31));
  // 2^count built as f32 bits, converted unsigned so that 2^31 gives the bit pattern of 1 << 31.
  return i32x4.trunc_sat_f32x4_u(i32x4.shl(i32x4.add(count, i32x4.splat(127)), 23));
}

/** Right-shift count per lane, as the scalar uses it: max(-shift, 0) mod 32. */
// @ts-ignore: decorator
@inline function rightCounts(shifts: v128): v128 {
  return v128.and(i32x4.max_s(i32x4.neg(shifts), i32x4.splat(0)), i32x4.splat(31));
}

/** 2^-rightShift of lanes 0 and 1 as f64x2 (for requantizeChannels4). */
// @ts-ignore: decorator
@inline export function rightScalesLow(shifts: v128): v128 {
  const e = i32x4.sub(i32x4.splat(1023), rightCounts(shifts));
  return i64x2.shl(i64x2.extend_low_i32x4_s(e), 52);
}

/** 2^-rightShift of lanes 2 and 3 as f64x2 (for requantizeChannels4). */
// @ts-ignore: decorator
@inline export function rightScalesHigh(shifts: v128): v128 {
  const e = i32x4.sub(i32x4.splat(1023), rightCounts(shifts));
  return i64x2.shl(i64x2.extend_high_i32x4_s(e), 52);
}

/** gemmlowp SaturatingRoundingDoublingHighMul(acc * left, mult) per lane (i32 wrap on acc * left, as the scalar). */
// @ts-ignore: decorator
@inline export function highMul4(acc: v128, left: v128, mult: v128): v128 {
  const x = i32x4.mul(acc, left);
  const round = i64x2.splat(ROUND_HALF);
  const lo = i64x2.shl(i64x2.add(i64x2.extmul_low_i32x4_s(x, mult), round), 1);
  const hi = i64x2.shl(i64x2.add(i64x2.extmul_high_i32x4_s(x, mult), round), 1);
  const s = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
  return v128.xor(s, i32x4.eq(s, i32x4.splat(i32.MIN_VALUE)));
}

/** RoundingDivideByPOT with a per-lane exponent given as f64 scales 2^-exponent (rightScalesLow/High). */
// @ts-ignore: decorator
@inline export function divideByPOTScaled4(s: v128, scaleLo: v128, scaleHi: v128): v128 {
  const sign = i64x2.splat(i64.MIN_VALUE);
  const half = f64x2.splat(0.5);
  const qLo = f64x2.mul(f64x2.convert_low_i32x4_s(s), scaleLo);
  const qHi = f64x2.mul(f64x2.convert_low_i32x4_s(v128.shuffle<i32>(s, s, 2, 3, 2, 3)), scaleHi);
  const rLo = i32x4.trunc_sat_f64x2_s_zero(f64x2.add(qLo, v128.or(v128.and(qLo, sign), half)));
  const rHi = i32x4.trunc_sat_f64x2_s_zero(f64x2.add(qHi, v128.or(v128.and(qHi, sign), half)));
  return v128.shuffle<i32>(rLo, rHi, 0, 1, 4, 5);
}

/** The remainder mask (1 << exponent) - 1 of RoundingDivideByPOT, splatted (for requantizeUniform4). */
// @ts-ignore: decorator
@inline export function roundingMask(exponent: i32): v128 {
  return i32x4.splat((1 << exponent) - 1);
}

/** RoundingDivideByPOT(s, exponent) per lane, one exponent for all lanes; mask = roundingMask(exponent). */
// @ts-ignore: decorator
@inline export function divideByPOTUniform4(s: v128, mask: v128, exponent: i32): v128 {
  const remainder = v128.and(s, mask);
  // threshold = (mask >> 1) + (s < 0 ? 1 : 0)
  const threshold = i32x4.sub(i32x4.shr_s(mask, 1), i32x4.shr_s(s, 31));
  return i32x4.sub(i32x4.shr_s(s, exponent), i32x4.gt_s(remainder, threshold));
}

/** MultiplyByQuantizedMultiplier per lane with per-lane (per-channel) multipliers and shifts. */
// @ts-ignore: decorator
@inline export function requantizeChannels4(acc: v128, left: v128, mult: v128, scaleLo: v128, scaleHi: v128): v128 {
  return divideByPOTScaled4(highMul4(acc, left, mult), scaleLo, scaleHi);
}

/** MultiplyByQuantizedMultiplier per lane with one right shift for all lanes (multipliers may differ). */
// @ts-ignore: decorator
@inline export function requantizeUniform4(acc: v128, left: v128, mult: v128, mask: v128, rightShift: i32): v128 {
  return divideByPOTUniform4(highMul4(acc, left, mult), mask, rightShift);
}

/**
 * Adds the output zero point (i32x4 splat) to 16 requantized lanes, saturates to int8 and clamps
 * to [lo, hi] (i8x16 splats of the activation range, inside int8). Same as the scalar's
 * i32 add then clamp: saturation cannot move a value across an in-range bound.
 */
// @ts-ignore: decorator
@inline export function packInt8x16(a: v128, b: v128, c: v128, d: v128, zeroPoint: v128, lo: v128, hi: v128): v128 {
  const ab = i16x8.narrow_i32x4_s(i32x4.add(a, zeroPoint), i32x4.add(b, zeroPoint));
  const cd = i16x8.narrow_i32x4_s(i32x4.add(c, zeroPoint), i32x4.add(d, zeroPoint));
  return i8x16.min_s(i8x16.max_s(i8x16.narrow_i16x8_s(ab, cd), lo), hi);
}

/** packInt8x16 for 8 lanes: the result's low 8 bytes hold them. */
// @ts-ignore: decorator
@inline export function packInt8x8(a: v128, b: v128, zeroPoint: v128, lo: v128, hi: v128): v128 {
  const ab = i16x8.narrow_i32x4_s(i32x4.add(a, zeroPoint), i32x4.add(b, zeroPoint));
  return i8x16.min_s(i8x16.max_s(i8x16.narrow_i16x8_s(ab, ab), lo), hi);
}

/** packInt8x16 for 4 lanes: the result's low 4 bytes hold them. */
// @ts-ignore: decorator
@inline export function packInt8x4(a: v128, zeroPoint: v128, lo: v128, hi: v128): v128 {
  const w = i16x8.narrow_i32x4_s(i32x4.add(a, zeroPoint), i32x4.add(a, zeroPoint));
  return i8x16.min_s(i8x16.max_s(i8x16.narrow_i16x8_s(w, w), lo), hi);
}

// ---- Appended by the depthwise/pooling/ADD helper: a cheaper exact form for int8 outputs. ----
// When every lane's multiplier is >= 0 and its right shift e is in 1..22 (all real models; other
// blocks keep requantizeChannels4), MultiplyByQuantizedMultiplier followed by the int8 clamp is:
// - stage 1 without the left factor and without the INT_MIN patch (it needs a negative multiplier);
// - stage 2 in i32: s is first clamped to [-2^(e+8), 2^(e+8) - 1]. That cannot change the clamped
//   int8 output: the division is monotonic and the clamped ends divide to +-256, which saturate
//   whatever the zero point. Then RoundingDivideByPOT(s, e) = floor((s + 2^(e-1) - [s < 0]) / 2^e)
//   = ((s + [s < 0 ? -1 : 0]) * 2^(22-e) + 2^21) >> 22, with no i32 overflow (|product| <= 2^30).

/** Per lane: true when the fast form applies to these multipliers and shifts (four lanes). */
// @ts-ignore: decorator
@inline export function int8FastLanes(mult: v128, shifts: v128): bool {
  const ok = v128.and(v128.and(i32x4.ge_s(mult, i32x4.splat(0)), i32x4.le_s(shifts, i32x4.splat(-1))), i32x4.ge_s(shifts, i32x4.splat(-22)));
  return i32x4.all_true(ok);
}

/** 2^k per lane for k in 0..30 (f32 exponent bits, converted; the signed conversion is the cheaper one in V8). */
// @ts-ignore: decorator
@inline function powersOfTwo(k: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23));
}

/** Upper clamp bound 2^(e+8) - 1 per lane (e = -shift); the lower bound is its bitwise not. */
// @ts-ignore: decorator
@inline export function int8FastBounds(shifts: v128): v128 {
  return i32x4.sub(powersOfTwo(i32x4.sub(i32x4.splat(8), shifts)), i32x4.splat(1));
}

/** Scale 2^(22-e) per lane. */
// @ts-ignore: decorator
@inline export function int8FastScales(shifts: v128): v128 {
  return powersOfTwo(i32x4.add(i32x4.splat(22), shifts));
}

/**
 * MultiplyByQuantizedMultiplier per lane for int8 outputs (see above): exact wherever the result
 * plus any zero point lies in int8, and beyond int8 on the same side otherwise.
 */
// @ts-ignore: decorator
@inline export function requantizeInt8Fast4(acc: v128, mult: v128, bound: v128, scale: v128): v128 {
  const round = i64x2.splat(ROUND_HALF);
  const lo = i64x2.shl(i64x2.add(i64x2.extmul_low_i32x4_s(acc, mult), round), 1);
  const hi = i64x2.shl(i64x2.add(i64x2.extmul_high_i32x4_s(acc, mult), round), 1);
  const s = i32x4.min_s(i32x4.max_s(v128.shuffle<i32>(lo, hi, 1, 3, 5, 7), v128.not(bound)), bound);
  const t = i32x4.mul(i32x4.add(s, i32x4.shr_s(s, 31)), scale);
  return i32x4.shr_s(i32x4.add(t, i32x4.splat(1 << 21)), 22);
}

// ---- A cheaper exact form for int8 outputs, used where every lane's multiplier M is 0 or in
// [2^30, 2^31) (what quantizeMultiplier gives) and its right shift e is in 1..21:
// - acc is first clamped to [-H, H], H = 2^(e+9) - 1. That cannot change the int8 output:
//   the result is monotonic in acc, and for M >= 2^30, acc = H gives a high product of at least
//   2^(e+8), so a result >= 256, and acc = -H a result <= -256: both saturate whatever the zero
//   point. (M = 0 gives 0 for every acc.)
// - Stage 1: floor((acc * M + 2^30) / 2^31) = the high word of 2 * acc * M + 2^31 (2 * acc fits
//   i32 after the clamp; the i64 product cannot overflow; no INT_MIN case for M < 2^31).
// - Stage 2 (RoundingDivideByPOT, halves away from zero) = floor((s - [s < 0] + 2^(e-1)) / 2^e)
//   = ((s - [s < 0]) * 2^(21-e) + 2^20) >> 21, with |s| <= 2^(e+9): no i32 overflow.

/** True when requantizeClamped4 applies to these four lanes' multipliers and shifts. */
// @ts-ignore: decorator
@inline export function clampedLanes(mult: v128, shifts: v128): bool {
  const multOk = v128.or(i32x4.eq(mult, i32x4.splat(0)), i32x4.ge_s(mult, i32x4.splat(1 << 30)));
  const shiftOk = v128.and(i32x4.le_s(shifts, i32x4.splat(-1)), i32x4.ge_s(shifts, i32x4.splat(-21)));
  return i32x4.all_true(v128.and(multOk, shiftOk));
}

/** Clamp bound H = 2^(e+9) - 1 per lane (e = -shift). */
// @ts-ignore: decorator
@inline export function clampedBounds(shifts: v128): v128 {
  return i32x4.sub(powersOfTwo(i32x4.sub(i32x4.splat(9), shifts)), i32x4.splat(1));
}

/** Stage-2 scale 2^(21-e) per lane. */
// @ts-ignore: decorator
@inline export function clampedScales(shifts: v128): v128 {
  return powersOfTwo(i32x4.add(i32x4.splat(21), shifts));
}

/**
 * MultiplyByQuantizedMultiplier per lane for int8 outputs (see above): exact wherever the result
 * plus any int8 zero point lies in int8, and beyond int8 on the same side otherwise.
 * bound = clampedBounds, negBound = its negation, scale = clampedScales.
 */
// @ts-ignore: decorator
@inline export function requantizeClamped4(acc: v128, mult: v128, bound: v128, negBound: v128, scale: v128): v128 {
  const a = i32x4.min_s(i32x4.max_s(acc, negBound), bound);
  const twice = i32x4.add(a, a);
  const round = i64x2.splat(1 << 31);
  const lo = i64x2.add(i64x2.extmul_low_i32x4_s(twice, mult), round);
  const hi = i64x2.add(i64x2.extmul_high_i32x4_s(twice, mult), round);
  const s = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
  const t = i32x4.mul(i32x4.add(s, i32x4.shr_s(s, 31)), scale);
  return i32x4.shr_s(i32x4.add(t, i32x4.splat(1 << 20)), 21);
}

// ---- The same for blocks with right shifts e up to 31 (layers with near-dead channels), for
// multipliers M = 0 or in [2^30, 2^31) and e in 2..31:
// - acc is clamped as above where e <= 21 (to [-H, H], H = 2^(e+9) - 1), not where e >= 22;
// - stage 1: s = floor((acc * M + 2^30) / 2^31) = the high word of (acc * M + 2^30) << 1 (in i64,
//   no overflow: |acc * M| < 2^62);
// - stage 2: RoundingDivideByPOT = floor((s - [s < 0] + 2^(e-1)) / 2^e)
//   = the high word of (s - [s < 0]) * 2^(32-e) + 2^31 (i64; 2^(32-e) <= 2^30 fits i32).
//   (M = 0 gives s = 0 and 0, whatever the factor: those lanes take factor 1.)

/** True when requantizeWide4 applies to these four lanes. */
// @ts-ignore: decorator
@inline export function wideLanes(mult: v128, shifts: v128): bool {
  const zeroMult = i32x4.eq(mult, i32x4.splat(0));
  const multOk = v128.or(zeroMult, i32x4.ge_s(mult, i32x4.splat(1 << 30)));
  const shiftOk = v128.or(zeroMult, v128.and(i32x4.le_s(shifts, i32x4.splat(-2)), i32x4.ge_s(shifts, i32x4.splat(-31))));
  return i32x4.all_true(v128.and(multOk, shiftOk));
}

/** Clamp bounds: 2^(e+9) - 1 where e <= 21, else i32 max. */
// @ts-ignore: decorator
@inline export function wideBounds(shifts: v128): v128 {
  const narrow = i32x4.ge_s(shifts, i32x4.splat(-21));
  return v128.bitselect(i32x4.sub(powersOfTwo(i32x4.sub(i32x4.splat(9), shifts)), i32x4.splat(1)), i32x4.splat(i32.MAX_VALUE), narrow);
}

/** Lower clamp bounds: -(2^(e+9) - 1) where e <= 21, else i32 min (no clamp). */
// @ts-ignore: decorator
@inline export function wideNegBounds(shifts: v128): v128 {
  const narrow = i32x4.ge_s(shifts, i32x4.splat(-21));
  return v128.bitselect(i32x4.sub(i32x4.splat(1), powersOfTwo(i32x4.sub(i32x4.splat(9), shifts))), i32x4.splat(i32.MIN_VALUE), narrow);
}

/** Stage-2 factors 2^(32-e) (1 where M = 0). */
// @ts-ignore: decorator
@inline export function wideScales(mult: v128, shifts: v128): v128 {
  return v128.bitselect(i32x4.splat(1), powersOfTwo(i32x4.add(i32x4.splat(32), shifts)), i32x4.eq(mult, i32x4.splat(0)));
}

/**
 * MultiplyByQuantizedMultiplier per lane for int8 outputs (see above); bound = wideBounds,
 * negBound = wideNegBounds, scale = wideScales.
 */
// @ts-ignore: decorator
@inline export function requantizeWide4(acc: v128, mult: v128, bound: v128, negBound: v128, scale: v128): v128 {
  const a = i32x4.min_s(i32x4.max_s(acc, negBound), bound);
  const round = i64x2.splat(1 << 30);
  const lo = i64x2.shl(i64x2.add(i64x2.extmul_low_i32x4_s(a, mult), round), 1);
  const hi = i64x2.shl(i64x2.add(i64x2.extmul_high_i32x4_s(a, mult), round), 1);
  const s = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
  const t = i32x4.add(s, i32x4.shr_s(s, 31));
  const half = i64x2.splat(<i64>1 << 31);
  const lo2 = i64x2.add(i64x2.extmul_low_i32x4_s(t, scale), half);
  const hi2 = i64x2.add(i64x2.extmul_high_i32x4_s(t, scale), half);
  return v128.shuffle<i32>(lo2, hi2, 1, 3, 5, 7);
}
