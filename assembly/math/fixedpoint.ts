// Fixed-point arithmetic exactly as TFLM's reference kernels compute it (gemmlowp-style,
// "double rounding" MultiplyByQuantizedMultiplier, the build TFLM ships by default).
// Shared by the op registrations (prepare) and both kernel sets (eval).

/** gemmlowp SaturatingRoundingDoublingHighMul: (a*b*2 + 2^31) >> 32, rounding half away from zero. */
// @ts-ignore: decorator
@inline export function saturatingRoundingDoublingHighMul(a: i32, b: i32): i32 {
  if (a == b && a == i32.MIN_VALUE) return i32.MAX_VALUE;
  const ab = <i64>a * <i64>b;
  const nudge: i64 = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  // Division (not shift): C++ truncates towards zero, and so does i64.div_s.
  return <i32>((ab + nudge) / (<i64>1 << 31));
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded half away from zero. */
// @ts-ignore: decorator
@inline export function roundingDivideByPOT(x: i32, exponent: i32): i32 {
  const mask = (1 << exponent) - 1;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/** TFLM MultiplyByQuantizedMultiplier(int32, int32, int) with double rounding. */
// @ts-ignore: decorator
@inline export function multiplyByQuantizedMultiplier(x: i32, multiplier: i32, shift: i32): i32 {
  const leftShift = shift > 0 ? shift : 0;
  const rightShift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
}

/** TFLM MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0). */
// @ts-ignore: decorator
@inline export function multiplyByQuantizedMultiplierSmallerThanOneExp(x: i32, multiplier: i32, leftShift: i32): i32 {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
}

/** TFLM MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0). */
// @ts-ignore: decorator
@inline export function multiplyByQuantizedMultiplierGreaterThanOne(x: i32, multiplier: i32, leftShift: i32): i32 {
  return saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier);
}

/**
 * TFLM MultiplyByQuantizedMultiplier(int64 x, ...), used where accumulators are 64-bit
 * (int16 activations with int64 bias). Reduces the multiplier to 16 bits first, as TFLM does.
 */
// @ts-ignore: decorator
@inline export function multiplyByQuantizedMultiplier64(x: i64, multiplier: i32, shift: i32): i32 {
  const reduced: i64 = multiplier < 0x7fff0000 ? <i64>((multiplier + (1 << 15)) >> 16) : 0x7fff;
  const totalShift = 15 - shift;
  const y = x * reduced + (<i64>1 << (totalShift - 1));
  return <i32>(y >> totalShift);
}

/** std::round for doubles: halves away from zero (Math.round rounds halves up). */
export function roundAway(x: f64): f64 {
  const t = Math.trunc(x);
  const frac = x - t; // exact
  if (frac >= 0.5) return t + 1;
  if (frac <= -0.5) return t - 1;
  return t;
}

/** std::round for floats. */
export function roundAwayF32(x: f32): f32 {
  const t = Mathf.trunc(x);
  const frac = x - t;
  if (frac >= 0.5) return t + 1;
  if (frac <= -0.5) return t - 1;
  return t;
}

/** frexp: x = m * 2^e with |m| in [0.5, 1). Returns m; the exponent goes to `frexpExponent`. */
export let frexpExponent: i32 = 0;
export function frexp(x: f64): f64 {
  if (x == 0 || !isFinite(x)) { frexpExponent = 0; return x; }
  let bits = reinterpret<u64>(x);
  let e = <i32>((bits >> 52) & 0x7ff);
  let adjust = 0;
  if (e == 0) { // subnormal: scale into the normal range first
    x *= 18014398509481984.0; // 2^54
    bits = reinterpret<u64>(x);
    e = <i32>((bits >> 52) & 0x7ff);
    adjust = -54;
  }
  frexpExponent = e - 1022 + adjust;
  return reinterpret<f64>((bits & ~(<u64>0x7ff << 52)) | (<u64>1022 << 52));
}

/**
 * TFLM QuantizeMultiplier: a real multiplier as a Q31 significand and a power-of-two shift.
 * Result packed as (shift << 32) | (multiplier as u32); see qmMultiplier / qmShift.
 */
export function quantizeMultiplier(realMultiplier: f64): i64 {
  if (realMultiplier == 0) return 0;
  const q = frexp(realMultiplier);
  let shift = frexpExponent;
  let qFixed = <i64>roundAway(q * 2147483648.0);
  if (qFixed == (<i64>1 << 31)) { qFixed /= 2; shift++; }
  // Shifts below -31 would shift every bit out: TFLM flushes those multipliers to zero.
  if (shift < -31) { shift = 0; qFixed = 0; }
  return (<i64>shift << 32) | (qFixed & 0xffffffff);
}
// @ts-ignore: decorator
@inline export function qmMultiplier(packed: i64): i32 { return <i32>packed; }
// @ts-ignore: decorator
@inline export function qmShift(packed: i64): i32 { return <i32>(packed >> 32); }

/** TFLM QuantizeMultiplierSmallerThanOneExp: for 0 < m < 1, shift <= 0. */
export function quantizeMultiplierSmallerThanOneExp(realMultiplier: f64): i64 {
  return quantizeMultiplier(realMultiplier);
}

/** TFLM QuantizeMultiplierGreaterThanOne: for m > 1, shift >= 0. */
export function quantizeMultiplierGreaterThanOne(realMultiplier: f64): i64 {
  return quantizeMultiplier(realMultiplier);
}

/** Saturates to the int8 range. */
// @ts-ignore: decorator
@inline export function clampI32(x: i32, lo: i32, hi: i32): i32 { return x < lo ? lo : (x > hi ? hi : x); }
