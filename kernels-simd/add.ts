// ADD, SIMD set: int8 and float32 rows, 16 / 4 elements per vector; an input that repeats
// along the row (broadcast) is rescaled once and splatted. int16, int32 and the short tail of a
// row use the reference arithmetic. Outputs may share an input's buffer: every vector is read
// before the same elements are written.

import { AddParams, addBroadcast, rescaleSmallerThanOne } from "../kernels-scalar/add";
import { forEachRow } from "../assembly/ops/broadcast";
import * as scalar from "../kernels-scalar/add";
import { divideByPOTUniform4, requantizeUniform4, roundingMask, packInt8x16 } from "./requantize";

export { addInt16, addInt32 } from "../kernels-scalar/add";

// SaturatingRoundingDoublingHighMul(k << 20, m) for |k| <= 255 and 0 <= m < 2^31, in i32:
// it equals floor((k * m + 2^10) / 2^11), and with m = hi * 2^16 + lo that is
// (k * hi) << 5 plus floor((k * lo + 2^10) / 2^11), each product below 2^24.
// @ts-ignore: decorator
@inline export function highMulShifted20(k: v128, mulHi: v128, mulLo: v128): v128 {
  return i32x4.add(i32x4.shl(i32x4.mul(k, mulHi), 5),
                   i32x4.shr_s(i32x4.add(i32x4.mul(k, mulLo), i32x4.splat(1 << 10)), 11));
}

// Input value + offset (four lanes) rescaled to the common scale: the reference's
// MultiplyByQuantizedMultiplierSmallerThanOneExp((value + offset) << 20, m, shift).
// @ts-ignore: decorator
@inline function rescaleInput(k: v128, mulHi: v128, mulLo: v128, e: i32, mask: v128): v128 {
  return divideByPOTUniform4(highMulShifted20(k, mulHi, mulLo), mask, e);
}

// Four sums of four lanes to 16 clamped int8 outputs at `out` (the output rescale is the
// shared per-tensor requantization: ...SmallerThanOneExp is MultiplyByQuantizedMultiplier
// with a shift <= 0).
// @ts-ignore: decorator
@inline function store16(out: usize, s0: v128, s1: v128, s2: v128, s3: v128,
                         m: v128, e: i32, mask: v128, zeroPoint: v128, lo: v128, hi: v128): void {
  const one = i32x4.splat(1);
  v128.store(out, packInt8x16(requantizeUniform4(s0, one, m, mask, e), requantizeUniform4(s1, one, m, mask, e),
                              requantizeUniform4(s2, one, m, mask, e), requantizeUniform4(s3, one, m, mask, e),
                              zeroPoint, lo, hi));
}

// One input rescaled for a whole row (it repeats): the reference's per-element steps.
// @ts-ignore: decorator
@inline function rescaleScalar(v: i32, offset: i32, leftShift: i32, m: i32, s: i32): v128 {
  return i32x4.splat(rescaleSmallerThanOne((v + offset) << leftShift, m, s));
}

// ---- Same-shape rows with the common multipliers: fewer operations, same results. ----
// Input rescale, for k = value + offset (|k| <= 255) and x = k << 20: SaturatingRoundingDoubling-
// HighMul(x, m) = floor((k * m + 2^10) / 2^11) (no saturation for m >= 0), then RoundingDivide-
// ByPOT by e (halves away from zero) = floor((s + 2^(e-1) - [s < 0]) / 2^e); nested, for e >= 1:
// floor((k * m + K) / 2^(11+e)) with K = 2^10 + 2^(10+e) - [k < 0] * 2^11 (s < 0 exactly when
// k < 0, for m > 2^10). With m = mh * 2^16 + ml and e <= 5 that is
// k * mh * 2^(5-e) + ((k * ml + K) >> (11 + e)), every term inside i32. (e = 0: K = 2^10.)
// The input with the larger scale has m = 2^30, e = 0 (TFLM's multiplier 0.5): its term is k << 19.
// Output: |sum| < 2^29, so SaturatingRoundingDoublingHighMul(sum, mo) = the high word of
// 2 * sum * mo + 2^31 (2 * sum fits i32), then RoundingDivideByPOT by eo (1..30) =
// (s + (s >> 31) + 2^(eo-1)) >> eo.

const TERM_HALF = 0; // m = 2^30, e = 0
const TERM_SPLIT = 1; // m > 2^10, 0 <= e <= 5
const TERM_OTHER = 2;

// @ts-ignore: decorator
@inline function termKind(m: i32, shift: i32): i32 {
  if (m == 1 << 30 && shift == 0) return TERM_HALF;
  if (m > 1 << 10 && shift <= 0 && shift >= -5) return TERM_SPLIT;
  return TERM_OTHER;
}

/** One input's rescaled values (four lanes of k). mh, ml, kc = 2^10 + 2^(10+e) (2^10 for e = 0). */
// @ts-ignore: decorator
@inline function term(kind: i32, k: v128, mh: v128, ml: v128, kc: v128, e: i32): v128 {
  if (kind == TERM_HALF) return i32x4.shl(k, 19);
  let low = i32x4.add(i32x4.mul(k, ml), kc);
  if (e > 0) low = i32x4.add(low, v128.and(i32x4.shr_s(k, 31), i32x4.splat(-(1 << 11))));
  return i32x4.add(i32x4.shl(i32x4.mul(k, mh), 5 - e), i32x4.shr_s(low, 11 + e));
}

/** Output stage for four sums: requantized plus the zero point (not yet saturated). */
// @ts-ignore: decorator
@inline function outputStage(sum: v128, mo: v128, eo: i32, half: v128, zeroPoint: v128): v128 {
  const twice = i32x4.add(sum, sum);
  const round = i64x2.splat(1 << 31);
  const lo = i64x2.add(i64x2.extmul_low_i32x4_s(twice, mo), round);
  const hi = i64x2.add(i64x2.extmul_high_i32x4_s(twice, mo), round);
  const s = v128.shuffle<i32>(lo, hi, 1, 3, 5, 7);
  return i32x4.add(i32x4.shr_s(i32x4.add(i32x4.add(s, i32x4.shr_s(s, 31)), half), eo), zeroPoint);
}

// @ts-ignore: decorator
@inline function sameShapeRow(kind1: i32, kind2: i32, p: AddParams, a: usize, b: usize, out: usize, n: i32): i32 {
  const off1 = i16x8.splat(<i16>p.input1Offset), off2 = i16x8.splat(<i16>p.input2Offset);
  const m1 = p.input1Multiplier, m2 = p.input2Multiplier;
  const e1 = -p.input1Shift, e2 = -p.input2Shift, eo = -p.outputShift;
  const mh1 = i32x4.splat(m1 >> 16), ml1 = i32x4.splat(m1 & 0xffff), kc1 = i32x4.splat(e1 > 0 ? (1 << 10) + (1 << (10 + e1)) : 1 << 10);
  const mh2 = i32x4.splat(m2 >> 16), ml2 = i32x4.splat(m2 & 0xffff), kc2 = i32x4.splat(e2 > 0 ? (1 << 10) + (1 << (10 + e2)) : 1 << 10);
  const mo = i32x4.splat(p.outputMultiplier), half = i32x4.splat(1 << (eo - 1)), zeroPoint = i32x4.splat(p.outputOffset);
  const lo = i8x16.splat(<i8>p.actMin), hi = i8x16.splat(<i8>p.actMax);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const x = v128.load(a + <usize>i), y = v128.load(b + <usize>i);
    const xl = i16x8.add(i16x8.extend_low_i8x16_s(x), off1), xh = i16x8.add(i16x8.extend_high_i8x16_s(x), off1);
    const yl = i16x8.add(i16x8.extend_low_i8x16_s(y), off2), yh = i16x8.add(i16x8.extend_high_i8x16_s(y), off2);
    const s0 = i32x4.add(term(kind1, i32x4.extend_low_i16x8_s(xl), mh1, ml1, kc1, e1), term(kind2, i32x4.extend_low_i16x8_s(yl), mh2, ml2, kc2, e2));
    const s1 = i32x4.add(term(kind1, i32x4.extend_high_i16x8_s(xl), mh1, ml1, kc1, e1), term(kind2, i32x4.extend_high_i16x8_s(yl), mh2, ml2, kc2, e2));
    const s2 = i32x4.add(term(kind1, i32x4.extend_low_i16x8_s(xh), mh1, ml1, kc1, e1), term(kind2, i32x4.extend_low_i16x8_s(yh), mh2, ml2, kc2, e2));
    const s3 = i32x4.add(term(kind1, i32x4.extend_high_i16x8_s(xh), mh1, ml1, kc1, e1), term(kind2, i32x4.extend_high_i16x8_s(yh), mh2, ml2, kc2, e2));
    const ab = i16x8.narrow_i32x4_s(outputStage(s0, mo, eo, half, zeroPoint), outputStage(s1, mo, eo, half, zeroPoint));
    const cd = i16x8.narrow_i32x4_s(outputStage(s2, mo, eo, half, zeroPoint), outputStage(s3, mo, eo, half, zeroPoint));
    v128.store(out + <usize>i, i8x16.min_s(i8x16.max_s(i8x16.narrow_i16x8_s(ab, cd), lo), hi));
  }
  return i;
}

// One function per pair of term kinds (compiled with the kinds as constants); each returns how
// many elements it did (whole vectors).
function rowHalfSplit(p: AddParams, a: usize, b: usize, out: usize, n: i32): i32 { return sameShapeRow(TERM_HALF, TERM_SPLIT, p, a, b, out, n); }
function rowSplitHalf(p: AddParams, a: usize, b: usize, out: usize, n: i32): i32 { return sameShapeRow(TERM_SPLIT, TERM_HALF, p, a, b, out, n); }
function rowHalfHalf(p: AddParams, a: usize, b: usize, out: usize, n: i32): i32 { return sameShapeRow(TERM_HALF, TERM_HALF, p, a, b, out, n); }

/** The same-shape fast row, or 0 elements when its conditions do not hold. */
// @ts-ignore: decorator
@inline function fastSameShape(p: AddParams, a: usize, b: usize, out: usize, n: i32): i32 {
  const eo = -p.outputShift;
  if (p.outputMultiplier < 0 || eo < 1 || eo > 30) return 0;
  const k1 = termKind(p.input1Multiplier, p.input1Shift), k2 = termKind(p.input2Multiplier, p.input2Shift);
  if (k1 == TERM_OTHER || k2 == TERM_OTHER) return 0;
  if (k1 == TERM_HALF) return k2 == TERM_HALF ? rowHalfHalf(p, a, b, out, n) : rowHalfSplit(p, a, b, out, n);
  // TFLM gives the input with the larger scale the multiplier 0.5: two split terms do not occur.
  return k2 == TERM_HALF ? rowSplitHalf(p, a, b, out, n) : 0;
}

function addRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  let i = 0;
  if (n >= 16 && stepA != 0 && stepB != 0) i = fastSameShape(p, a, b, out, n);
  if (n - i >= 16 && i == 0) {
    const off1 = i16x8.splat(<i16>p.input1Offset), off2 = i16x8.splat(<i16>p.input2Offset);
    const m1h = i32x4.splat(p.input1Multiplier >> 16), m1l = i32x4.splat(p.input1Multiplier & 0xffff);
    const m2h = i32x4.splat(p.input2Multiplier >> 16), m2l = i32x4.splat(p.input2Multiplier & 0xffff);
    const e1 = -p.input1Shift, e2 = -p.input2Shift, eo = -p.outputShift;
    const k1 = roundingMask(e1), k2 = roundingMask(e2), ko = roundingMask(eo);
    const mo = i32x4.splat(p.outputMultiplier), oo = i32x4.splat(p.outputOffset);
    const lo = i8x16.splat(<i8>p.actMin), hi = i8x16.splat(<i8>p.actMax);
    if (stepA != 0 && stepB != 0) {
      for (; i + 16 <= n; i += 16) {
        const x = v128.load(a + <usize>i), y = v128.load(b + <usize>i);
        const xl = i16x8.add(i16x8.extend_low_i8x16_s(x), off1), xh = i16x8.add(i16x8.extend_high_i8x16_s(x), off1);
        const yl = i16x8.add(i16x8.extend_low_i8x16_s(y), off2), yh = i16x8.add(i16x8.extend_high_i8x16_s(y), off2);
        store16(out + <usize>i,
          i32x4.add(rescaleInput(i32x4.extend_low_i16x8_s(xl), m1h, m1l, e1, k1), rescaleInput(i32x4.extend_low_i16x8_s(yl), m2h, m2l, e2, k2)),
          i32x4.add(rescaleInput(i32x4.extend_high_i16x8_s(xl), m1h, m1l, e1, k1), rescaleInput(i32x4.extend_high_i16x8_s(yl), m2h, m2l, e2, k2)),
          i32x4.add(rescaleInput(i32x4.extend_low_i16x8_s(xh), m1h, m1l, e1, k1), rescaleInput(i32x4.extend_low_i16x8_s(yh), m2h, m2l, e2, k2)),
          i32x4.add(rescaleInput(i32x4.extend_high_i16x8_s(xh), m1h, m1l, e1, k1), rescaleInput(i32x4.extend_high_i16x8_s(yh), m2h, m2l, e2, k2)),
          mo, eo, ko, oo, lo, hi);
      }
    } else if (stepA != 0 || stepB != 0) {
      // One input repeats: rescale it once; the other streams (the sum is symmetric).
      const r = stepA != 0
        ? rescaleScalar(<i32>load<i8>(b), p.input2Offset, p.leftShift, p.input2Multiplier, p.input2Shift)
        : rescaleScalar(<i32>load<i8>(a), p.input1Offset, p.leftShift, p.input1Multiplier, p.input1Shift);
      const src = stepA != 0 ? a : b;
      const off = stepA != 0 ? off1 : off2;
      const mh = stepA != 0 ? m1h : m2h, ml = stepA != 0 ? m1l : m2l;
      const e = stepA != 0 ? e1 : e2, k = stepA != 0 ? k1 : k2;
      for (; i + 16 <= n; i += 16) {
        const x = v128.load(src + <usize>i);
        const xl = i16x8.add(i16x8.extend_low_i8x16_s(x), off), xh = i16x8.add(i16x8.extend_high_i8x16_s(x), off);
        store16(out + <usize>i,
          i32x4.add(rescaleInput(i32x4.extend_low_i16x8_s(xl), mh, ml, e, k), r),
          i32x4.add(rescaleInput(i32x4.extend_high_i16x8_s(xl), mh, ml, e, k), r),
          i32x4.add(rescaleInput(i32x4.extend_low_i16x8_s(xh), mh, ml, e, k), r),
          i32x4.add(rescaleInput(i32x4.extend_high_i16x8_s(xh), mh, ml, e, k), r),
          mo, eo, ko, oo, lo, hi);
      }
    }
  }
  if (i < n) {
    // (i is a multiple of 16 when the fast row ran, and the general loops then did nothing.)
    scalarRowInt8(params, a + <usize>(i * stepA), stepA, b + <usize>(i * stepB), stepB, out + <usize>i, n - i);
  }
}

// The reference's element loop (row tails, rows shorter than a vector, both inputs repeating).
function scalarRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  const leftShift = p.leftShift;
  for (let i = 0; i < n; i++) {
    const x = (<i32>load<i8>(a) + p.input1Offset) << leftShift;
    const y = (<i32>load<i8>(b) + p.input2Offset) << leftShift;
    const sum = rescaleSmallerThanOne(x, p.input1Multiplier, p.input1Shift) + rescaleSmallerThanOne(y, p.input2Multiplier, p.input2Shift);
    const v = rescaleSmallerThanOne(sum, p.outputMultiplier, p.outputShift) + p.outputOffset;
    store<i8>(out + <usize>i, <i8>(v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v)));
    a += <usize>stepA;
    b += <usize>stepB;
  }
}

function addRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  const lo = p.actMinF, hi = p.actMaxF;
  const loV = f32x4.splat(lo), hiV = f32x4.splat(hi);
  let i = 0;
  if (stepA != 0 && stepB != 0) {
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, f32x4.min(f32x4.max(f32x4.add(v128.load(a + at), v128.load(b + at)), loV), hiV));
    }
  } else if (stepA != 0) {
    const y = v128.load32_splat(b);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, f32x4.min(f32x4.max(f32x4.add(v128.load(a + at), y), loV), hiV));
    }
  } else if (stepB != 0) {
    const x = v128.load32_splat(a);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, f32x4.min(f32x4.max(f32x4.add(x, v128.load(b + at)), loV), hiV));
    }
  }
  for (; i < n; i++) {
    const x = load<f32>(a + (<usize>(i * stepA) << 2)), y = load<f32>(b + (<usize>(i * stepB) << 2));
    store<f32>(out + (<usize>i << 2), Mathf.min(Mathf.max(x + y, lo), hi));
  }
}

export function addInt8(p: AddParams, a: usize, b: usize, out: usize): void {
  // The i32 formulation above relies on TFLM's int8 left shift of 20 and multipliers >= 0.
  if (p.leftShift != 20 || p.input1Multiplier < 0 || p.input2Multiplier < 0 || p.outputMultiplier < 0) {
    scalar.addInt8(p, a, b, out);
    return;
  }
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 0, addRowInt8);
}

export function addFloat32(p: AddParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 2, addRowFloat32);
}
