// Fixed-point arithmetic exactly as TFLM's reference kernels compute it (gemmlowp-style,
// "double rounding" MultiplyByQuantizedMultiplier, the build TFLM ships by default).
// Shared by the op registrations (prepare) and both kernel sets (eval).

/** gemmlowp SaturatingRoundingDoublingHighMul: a*b / 2^31, ties rounded up (the nudge, then division towards zero). */
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

// ---- gemmlowp fixed-point transcendental functions (fixedpoint.h), on raw int32 values.
// A FixedPoint<int32, k> is passed as its raw value plus `integerBits` = k; with constant
// arguments the inlined code folds to what the C++ templates instantiate.

/** gemmlowp SaturatingRoundingMultiplyByPOT: x * 2^exponent, saturating left, rounding right. */
// @ts-ignore: decorator
@inline export function saturatingRoundingMultiplyByPOT(x: i32, exponent: i32): i32 {
  if (exponent > 0) {
    const threshold = (1 << (31 - exponent)) - 1;
    if (x > threshold) return i32.MAX_VALUE;
    if (x < -threshold) return i32.MIN_VALUE;
    return x << exponent;
  }
  return exponent < 0 ? roundingDivideByPOT(x, -exponent) : x;
}

/** gemmlowp RoundingHalfSum: (a + b) / 2 rounded half away from zero, without overflow. */
// @ts-ignore: decorator
@inline export function roundingHalfSum(a: i32, b: i32): i32 {
  const sum = <i64>a + <i64>b;
  return <i32>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/** gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl: Q0.31 in [-1/4, 0) -> Q0.31. */
export function expOnIntervalBetweenNegativeOneQuarterAnd0Excl(a: i32): i32 {
  const expMinusOneEighth = 1895147668; // exp(-1/8) in Q0.31
  const oneThird = 715827883;           // 1/3 in Q0.31
  // Taylor expansion around -1/8: x = a + 1/8.
  const x = a + (1 << 28);
  const x2 = saturatingRoundingDoublingHighMul(x, x);
  const x3 = saturatingRoundingDoublingHighMul(x2, x);
  const x4 = saturatingRoundingDoublingHighMul(x2, x2);
  const x4Over4 = roundingDivideByPOT(x4, 2);
  const tail = roundingDivideByPOT(saturatingRoundingDoublingHighMul(x4Over4 + x3, oneThird) + x2, 1);
  return expMinusOneEighth + saturatingRoundingDoublingHighMul(expMinusOneEighth, x + tail);
}

/**
 * gemmlowp exp_on_negative_values: exp(a) for a <= 0 given with `integerBits` integer bits;
 * the result is Q0.31.
 */
export function expOnNegativeValues(a: i32, integerBits: i32): i32 {
  const fractionalBits = 31 - integerBits;
  const oneQuarter = 1 << (fractionalBits - 2);
  const aModQuarterMinusOneQuarter = (a & (oneQuarter - 1)) - oneQuarter;
  let result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
    saturatingRoundingMultiplyByPOT(aModQuarterMinusOneQuarter, integerBits));
  const remainder = aModQuarterMinusOneQuarter - a;
  // Barrel shifter: multiply by exp(-2^e) for every bit 2^e set in the remainder.
  if (integerBits > -2 && (remainder & (1 << (fractionalBits - 2))) != 0) result = saturatingRoundingDoublingHighMul(result, 1672461947);
  if (integerBits > -1 && (remainder & (1 << (fractionalBits - 1))) != 0) result = saturatingRoundingDoublingHighMul(result, 1302514674);
  if (integerBits > 0 && (remainder & (1 << fractionalBits)) != 0) result = saturatingRoundingDoublingHighMul(result, 790015084);
  if (integerBits > 1 && (remainder & (1 << (fractionalBits + 1))) != 0) result = saturatingRoundingDoublingHighMul(result, 290630308);
  if (integerBits > 2 && (remainder & (1 << (fractionalBits + 2))) != 0) result = saturatingRoundingDoublingHighMul(result, 39332535);
  if (integerBits > 3 && (remainder & (1 << (fractionalBits + 3))) != 0) result = saturatingRoundingDoublingHighMul(result, 720401);
  if (integerBits > 4 && (remainder & (1 << (fractionalBits + 4))) != 0) result = saturatingRoundingDoublingHighMul(result, 242);
  if (integerBits > 5 && a < -(1 << (36 - integerBits))) result = 0; // below -32: exp underflows
  return a == 0 ? i32.MAX_VALUE : result;
}

/** Newton-Raphson reciprocal of (1 + a) / 2 for Q0.31 a in [0, 1); returns Q2.29 (gemmlowp). */
function reciprocalOfHalfOnePlusX(halfDenominator: i32): i32 {
  let x = 1515870810 + saturatingRoundingDoublingHighMul(halfDenominator, -1010580540); // 48/17 - 32/17 d
  for (let i = 0; i < 3; i++) {
    const oneMinusHalfDenominatorTimesX = (1 << 29) - saturatingRoundingDoublingHighMul(halfDenominator, x);
    x = x + saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(x, oneMinusHalfDenominatorTimesX), 2);
  }
  return x;
}

/** gemmlowp one_over_one_plus_x_for_x_in_0_1: Q0.31 -> Q0.31. */
export function oneOverOnePlusXForXIn01(a: i32): i32 {
  const x = reciprocalOfHalfOnePlusX(roundingHalfSum(a, i32.MAX_VALUE));
  return saturatingRoundingMultiplyByPOT(x, 1); // x/2 as Q1.30, rescaled to Q0.31
}

/** gemmlowp one_minus_x_over_one_plus_x_for_x_in_0_1: Q0.31 -> Q0.31. */
export function oneMinusXOverOnePlusXForXIn01(a: i32): i32 {
  const x = reciprocalOfHalfOnePlusX(roundingHalfSum(a, i32.MAX_VALUE));
  return saturatingRoundingMultiplyByPOT(x - (1 << 29), 2);
}

/** gemmlowp logistic: input with `integerBits` integer bits, result Q0.31. */
export function fixedLogistic(a: i32, integerBits: i32): i32 {
  if (a == 0) return 1 << 30;
  const absA = a > 0 ? a : -a;
  const ifPositive = oneOverOnePlusXForXIn01(expOnNegativeValues(-absA, integerBits));
  return a > 0 ? ifPositive : i32.MAX_VALUE - ifPositive;
}

/** gemmlowp tanh: input with `integerBits` integer bits, result Q0.31. */
export function fixedTanh(a: i32, integerBits: i32): i32 {
  if (a == 0) return 0;
  const negAbs = a < 0 ? a : -a;
  // exp(-2|a|): the same raw value read with one more integer bit.
  const t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(negAbs, integerBits + 1));
  return a < 0 ? -t : t;
}

/** Result of getReciprocal: how many bits the value had above 1.0 (TFLM num_bits_over_unit). */
export let reciprocalBitsOverUnit: i32 = 0;

/**
 * TFLM GetReciprocal: 1/x for a positive x with `integerDigits` integer bits, as a Q0.31
 * significand; the power of two goes to reciprocalBitsOverUnit.
 */
export function getReciprocal(x: i32, integerDigits: i32): i32 {
  const headroomPlusOne = <i32>clz<u32>(<u32>x);
  reciprocalBitsOverUnit = integerDigits - headroomPlusOne;
  // x normalised into [1, 2), minus one, as Q0.31 (wraps exactly as TFLM's unsigned maths).
  const shiftedMinusOne = <i32>((<u32>x << <u32>headroomPlusOne) - (<u32>1 << 31));
  return oneOverOnePlusXForXIn01(shiftedMinusOne);
}

/**
 * TFLM LUTLookup for int16: the 513-entry table `lut` (int16) is indexed by the top 9 bits of
 * `value`; the low 7 bits interpolate to the next entry.
 */
// @ts-ignore: decorator
@inline export function lutLookupInt16(value: i32, lut: usize): i32 {
  const index = <usize>(256 + (value >> 7));
  const offset = value & 0x7f;
  const base = <i32>load<i16>(lut + (index << 1));
  const slope = <i32><i16>(<i32>load<i16>(lut + (index << 1) + 2) - base);
  return <i32><i16>(base + ((slope * offset + 64) >> 7));
}

// ---- int16 gemmlowp primitives (FixedPoint<int16_t>), as TFLM's HARD_SWISH uses them.

/** gemmlowp SaturatingRoundingDoublingHighMul on int16 values. */
// @ts-ignore: decorator
@inline export function saturatingRoundingDoublingHighMul16(a: i32, b: i32): i32 {
  if (a == b && a == -32768) return 32767;
  const ab = a * b;
  const nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return <i32><i16>((ab + nudge) / (1 << 15));
}

/**
 * gemmlowp RoundingDivideByPOT on an int16 value: every intermediate is an int16, so for
 * exponents of 16 and more the mask wraps to -1 exactly as the C++ template does.
 */
// @ts-ignore: decorator
@inline export function roundingDivideByPOT16(x: i32, exponent: i32): i32 {
  const mask = <i32><i16>((<i64>1 << exponent) - 1);
  const remainder = <i32><i16>(x & mask);
  const threshold = <i32><i16>((mask >> 1) + (x < 0 ? 1 : 0));
  return <i32><i16>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

/** TFLM DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15. */
export function downScaleInt32ToInt16Multiplier(multiplier: i32): i32 {
  if (multiplier >= i32.MAX_VALUE - (1 << 15)) return 32767;
  return (multiplier + (1 << 15)) >> 16;
}

/**
 * TFLM GetInvSqrtQuantizedMultiplierExp: 1/sqrt(input) for input >= 0 by a fixed-point
 * Newton-Raphson iteration (5 steps on Q3.28 values), as a Q31 multiplier and shift packed like
 * quantizeMultiplier. `reverseShift` -1 turns TFLM's right shift into a left shift.
 */
export function invSqrtQuantizedMultiplierExp(input: i32, reverseShift: i32): i64 {
  if (input <= 1) return <i64>i32.MAX_VALUE; // 0 and 1 both give the largest multiplier, shift 0
  let shift = 11;
  while (input >= (1 << 29)) { input /= 4; shift++; }
  const leftShiftBitPairs = ((<i32>clz<u32>(<u32>input) - 1) >>> 1) - 1;
  shift -= leftShiftBitPairs;
  input <<= 2 * leftShiftBitPairs;
  const halfInput = roundingDivideByPOT(input >> 1, 1);
  const halfThree = (1 << 28) + (1 << 27);
  let x = 1 << 28; // 1.0 with 3 integer bits
  for (let i = 0; i < 5; i++) {
    // x^3 has 9 integer bits, the products below 6: both rescaled back to 3.
    const x3 = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(saturatingRoundingDoublingHighMul(x, x), x), 6);
    x = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(halfThree, x) - saturatingRoundingDoublingHighMul(halfInput, x3), 3);
  }
  x = saturatingRoundingDoublingHighMul(x, 1518500250); // times sqrt(2)/2
  if (shift < 0) { x <<= -shift; shift = 0; }
  shift *= reverseShift;
  return (<i64>shift << 32) | (<i64>x & 0xffffffff);
}

// ---- TFLite's natural log in fixed point (LOG_SOFTMAX).

/** int32 addition saturating at the int32 range (TFLite SaturatingAddNonGemmlowp). */
// @ts-ignore: decorator
@inline export function saturatingAdd32(a: i32, b: i32): i32 {
  const s = <i64>a + <i64>b;
  return s > <i64>i32.MAX_VALUE ? i32.MAX_VALUE : (s < <i64>i32.MIN_VALUE ? i32.MIN_VALUE : <i32>s);
}

/** int32 subtraction saturating at the int32 range (TFLite SaturatingSub). */
// @ts-ignore: decorator
@inline export function saturatingSub32(a: i32, b: i32): i32 {
  const s = <i64>a - <i64>b;
  return s > <i64>i32.MAX_VALUE ? i32.MAX_VALUE : (s < <i64>i32.MIN_VALUE ? i32.MIN_VALUE : <i32>s);
}

/**
 * TFLite log_x_for_x_greater_than_or_equal_to_1_impl: ln(x) of a positive raw value with
 * `inputIntegerBits` integer bits, as a raw value with `outputIntegerBits`. The input is
 * normalised two ways (by its headroom, and after a sqrt(1/2) pre-multiply), the closer one to
 * 1 is kept, and a rational approximation around 2^(-1/4) gives the remainder. Inlined so
 * constant bit counts fold the shifts.
 */
// @ts-ignore: decorator
@inline export function logXForXGreaterThanOrEqualTo1(input: i32, inputIntegerBits: i32, outputIntegerBits: i32): i32 {
  const accumIntegerBits = outputIntegerBits + 1;
  const log2 = 1488522236;          // ln(2), Q0.31
  const sqrtSqrtHalf = 1805811301;  // 2^(-1/4)
  const sqrtHalf = 1518500250;      // 2^(-1/2)
  const oneQuarter = 536870912;
  const alphaN = 117049297;         // 11/240 * 2^(1/4)
  const alphaD = 127690142;         // 1/20 * 2^(1/4)
  const alphaI = 1057819769;        // 2 / 2^(1/4) - 2^(1/4)
  const alphaF = 638450708;         // 1/4 * 2^(1/4)
  const shiftedQuarter = saturatingRoundingMultiplyByPOT(oneQuarter, -accumIntegerBits);
  const headroomA = <i32>clz<u32>(<u32>input);
  const rATmp = saturatingRoundingMultiplyByPOT(input, headroomA - 1);
  const rA = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(rATmp, sqrtHalf), 1);
  const pow2A = saturatingAdd32(saturatingRoundingMultiplyByPOT(inputIntegerBits - headroomA, 31 - accumIntegerBits), shiftedQuarter);
  const zB = saturatingRoundingDoublingHighMul(input, sqrtHalf);
  const headroomB = <i32>clz<u32>(<u32>zB) - 1;
  const rB = saturatingRoundingMultiplyByPOT(input, headroomB);
  const pow2B = saturatingSub32(saturatingRoundingMultiplyByPOT(inputIntegerBits - headroomB, 31 - accumIntegerBits), shiftedQuarter);
  const r = rA < rB ? rA : rB;
  const pow2 = pow2A > pow2B ? pow2A : pow2B;
  const p = roundingHalfSum(r, sqrtSqrtHalf);
  let q = r - sqrtSqrtHalf;
  q = q + q;
  const commonSq = saturatingRoundingDoublingHighMul(q, q);
  const num = saturatingRoundingDoublingHighMul(q, r) +
              saturatingRoundingDoublingHighMul(saturatingRoundingDoublingHighMul(q, commonSq), alphaN);
  const denomMinusOne = saturatingRoundingDoublingHighMul(p, alphaI + q + saturatingRoundingDoublingHighMul(alphaD, commonSq)) +
                        saturatingRoundingDoublingHighMul(alphaF, q);
  const recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);
  const numScaled = saturatingRoundingMultiplyByPOT(num, -accumIntegerBits);
  const sum = saturatingRoundingDoublingHighMul(pow2, log2) + saturatingRoundingDoublingHighMul(numScaled, recipDenom);
  return saturatingRoundingMultiplyByPOT(sum, accumIntegerBits - outputIntegerBits);
}
