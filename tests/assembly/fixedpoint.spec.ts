// Fixed-point arithmetic against hand-worked values (TFLM / gemmlowp semantics).
import {
  saturatingRoundingDoublingHighMul, roundingDivideByPOT, multiplyByQuantizedMultiplier,
  quantizeMultiplier, qmMultiplier, qmShift, roundAway, roundAwayF32, frexp, frexpExponent,
  multiplyByQuantizedMultiplier64,
} from "../../assembly/math/fixedpoint";

describe("saturatingRoundingDoublingHighMul", () => {
  it("computes a*b / 2^31 with halves rounded up (the nudge then truncating division)", () => {
    expect(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30)).toBe(1 << 29);
    // 3 * 2^30 / 2^31 = 1.5 -> 2 ; -1.5 -> -1 (nudge 1 - 2^30, then division towards zero)
    expect(saturatingRoundingDoublingHighMul(3, 1 << 30)).toBe(2);
    expect(saturatingRoundingDoublingHighMul(-3, 1 << 30)).toBe(-1);
    // 0.5 -> 1 ; -0.5 -> 0 ; -0.75 -> -1
    expect(saturatingRoundingDoublingHighMul(1, 1 << 30)).toBe(1);
    expect(saturatingRoundingDoublingHighMul(-1, 1 << 30)).toBe(0);
    expect(saturatingRoundingDoublingHighMul(-3, 1 << 29)).toBe(-1);
  });
  it("saturates the single overflowing case", () => {
    expect(saturatingRoundingDoublingHighMul(i32.MIN_VALUE, i32.MIN_VALUE)).toBe(i32.MAX_VALUE);
    expect(saturatingRoundingDoublingHighMul(i32.MIN_VALUE, i32.MAX_VALUE)).toBe(-i32.MAX_VALUE);
  });
});

describe("roundingDivideByPOT", () => {
  it("rounds halves away from zero", () => {
    expect(roundingDivideByPOT(5, 1)).toBe(3);   // 2.5 -> 3
    expect(roundingDivideByPOT(-5, 1)).toBe(-3); // -2.5 -> -3
    expect(roundingDivideByPOT(7, 2)).toBe(2);   // 1.75 -> 2
    expect(roundingDivideByPOT(-6, 2)).toBe(-2); // -1.5 -> -2
    expect(roundingDivideByPOT(-5, 2)).toBe(-1); // -1.25 -> -1
    expect(roundingDivideByPOT(100, 0)).toBe(100);
  });
});

describe("quantizeMultiplier", () => {
  it("splits a real multiplier into a Q31 significand and a shift", () => {
    let p = quantizeMultiplier(0.5);
    expect(qmMultiplier(p)).toBe(1 << 30);
    expect(qmShift(p)).toBe(0);
    p = quantizeMultiplier(0.25);
    expect(qmMultiplier(p)).toBe(1 << 30);
    expect(qmShift(p)).toBe(-1);
    p = quantizeMultiplier(3.0);
    expect(qmMultiplier(p)).toBe(0x60000000);
    expect(qmShift(p)).toBe(2);
    p = quantizeMultiplier(0.0);
    expect(qmMultiplier(p)).toBe(0);
    expect(qmShift(p)).toBe(0);
  });
  it("carries a significand that rounds up to 2^31 into the shift", () => {
    // 1 - 2^-40 rounds to 2^31 in Q31: TFLM halves it and increments the shift.
    const p = quantizeMultiplier(1.0 - 9.094947017729282e-13);
    expect(qmMultiplier(p)).toBe(1 << 30);
    expect(qmShift(p)).toBe(1);
  });
  it("flushes multipliers below 2^-31 to zero", () => {
    const p = quantizeMultiplier(1e-12);
    expect(qmMultiplier(p)).toBe(0);
    expect(qmShift(p)).toBe(0);
  });
});

describe("multiplyByQuantizedMultiplier", () => {
  it("scales by multiplier * 2^shift with TFLM's double rounding", () => {
    // x * 0.5: 7 -> 3.5 -> 4 ; -7 -> -3.5 -> -3 (the high-mul rounds halves up)
    expect(multiplyByQuantizedMultiplier(7, 1 << 30, 0)).toBe(4);
    expect(multiplyByQuantizedMultiplier(-7, 1 << 30, 0)).toBe(-3);
    // x * 0.25 (shift -1): 10 -> 2.5 -> 3
    expect(multiplyByQuantizedMultiplier(10, 1 << 30, -1)).toBe(3);
    // x * 3 (0.75 * 2^2)
    expect(multiplyByQuantizedMultiplier(100, 0x60000000, 2)).toBe(300);
  });
  it("rounds twice: high-mul first, then the shift", () => {
    // multiplier 0.75 (0x60000000), shift -1 => x * 0.375. x = 3: high-mul gives round(2.25)=2, /2 -> 1
    expect(multiplyByQuantizedMultiplier(3, 0x60000000, -1)).toBe(1);
  });
  it("64-bit variant reduces the multiplier to 16 bits as TFLM does", () => {
    expect(multiplyByQuantizedMultiplier64(1000, 1 << 30, 0)).toBe(500);
    expect(multiplyByQuantizedMultiplier64(-1001, 1 << 30, 0)).toBe(-500);
    expect(multiplyByQuantizedMultiplier64(<i64>1 << 40, 1 << 30, -10)).toBe(1 << 29);
  });
});

describe("rounding helpers", () => {
  it("roundAway rounds halves away from zero (std::round)", () => {
    expect(roundAway(2.5)).toBe(3.0);
    expect(roundAway(-2.5)).toBe(-3.0);
    expect(roundAway(0.49999999999999994)).toBe(0.0);
    expect(roundAway(-0.4)).toBe(-0.0);
    expect(roundAwayF32(<f32>1.5)).toBe(<f32>2.0);
    expect(roundAwayF32(<f32>-1.5)).toBe(<f32>-2.0);
  });
  it("frexp returns a mantissa in [0.5, 1)", () => {
    expect(frexp(8.0)).toBe(0.5);
    expect(frexpExponent).toBe(4);
    expect(frexp(0.75)).toBe(0.75);
    expect(frexpExponent).toBe(0);
    expect(frexp(-3.0)).toBe(-0.75);
    expect(frexpExponent).toBe(2);
    expect(frexp(4.9406564584124654e-324)).toBe(0.5); // smallest subnormal = 2^-1074
    expect(frexpExponent).toBe(-1073);
  });
});
