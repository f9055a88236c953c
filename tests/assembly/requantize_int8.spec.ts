// The int8-output requantization forms of kernels-simd/requantize.ts (requantizeClamped4,
// requantizeWide4) against the scalar fixed-point code, after the int8 zero point and clamp
// (the forms are exact there, not in between): edge and random accumulators, multipliers from
// QuantizeMultiplier (0 or [2^30, 2^31)), every shift each form takes, every zero point.
import { multiplyByQuantizedMultiplier } from "../../assembly/math/fixedpoint";
import {
  clampedLanes, clampedBounds, clampedScales, requantizeClamped4,
  wideLanes, wideBounds, wideNegBounds, wideScales, requantizeWide4,
} from "../../kernels-simd/requantize";

let seed: u32 = 0x2545f491;
function next(): u32 {
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  return seed;
}

const EDGE_ACC: i32[] = [0, 1, -1, 2, -2, i32.MAX_VALUE, i32.MIN_VALUE, i32.MAX_VALUE - 1, i32.MIN_VALUE + 1,
  1 << 30, -(1 << 30), (1 << 30) - 1, -(1 << 30) + 1, 1 << 20, -(1 << 20), 65535, -65536];
const EDGE_MULT: i32[] = [0, 1 << 30, (1 << 30) + 1, i32.MAX_VALUE, i32.MAX_VALUE - 1, 1518500250, 0x7fff8000, 0x40008000];

function randomAcc(e: i32): i32 {
  const kind = next() % 6;
  if (kind == 0) return EDGE_ACC[next() % <u32>EDGE_ACC.length];
  if (kind == 1) return <i32>next();
  if (kind == 2) return (<i32>next()) >> (next() % 31);
  // around the int8 range of this shift: |acc| up to ~2^(e+9), near rounding ties
  const scale = min(e + 9, 30);
  const base = (<i32>(next() % 2001) - 1000) << <i32>(next() % <u32>(scale - 9 + 1));
  return base + <i32>(next() % 5) - 2;
}

function randomMult(): i32 {
  const kind = next() % 4;
  if (kind == 0) return EDGE_MULT[next() % <u32>EDGE_MULT.length];
  if (kind == 1) return (1 << 30) + <i32>(next() % 64);
  if (kind == 2) return i32.MAX_VALUE - <i32>(next() % 64);
  return <i32>(next() | 0x40000000) & 0x7fffffff;
}

const lanes = new StaticArray<i32>(4);
function laneOf(v: v128, i: i32): i32 {
  v128.store(changetype<usize>(lanes), v);
  return lanes[i];
}

// @ts-ignore: decorator
@inline function int8(x: i32, zp: i32): i32 {
  const v = x + zp;
  return v < -128 ? -128 : (v > 127 ? 127 : v);
}

/** Four lanes through one form (wide: requantizeWide4, else requantizeClamped4) vs the scalar; mismatches. */
function check(wide: bool, acc: StaticArray<i32>, mult: StaticArray<i32>, shift: StaticArray<i32>): i32 {
  const accV = v128.load(changetype<usize>(acc));
  const multV = v128.load(changetype<usize>(mult));
  const shiftV = v128.load(changetype<usize>(shift));
  let r: v128;
  if (wide) {
    if (!wideLanes(multV, shiftV)) return 1;
    r = requantizeWide4(accV, multV, wideBounds(shiftV), wideNegBounds(shiftV), wideScales(multV, shiftV));
  } else {
    if (!clampedLanes(multV, shiftV)) return 1;
    const bound = clampedBounds(shiftV);
    r = requantizeClamped4(accV, multV, bound, i32x4.neg(bound), clampedScales(shiftV));
  }
  let bad = 0;
  for (let i = 0; i < 4; i++) {
    const want = multiplyByQuantizedMultiplier(acc[i], mult[i], shift[i]);
    const got = laneOf(r, i);
    for (let zp = -128; zp <= 127; zp += 17) {
      if (int8(got, zp) != int8(want, zp)) {
        if (bad < 5) trace(wide ? "wide mismatch acc mult shift got want" : "clamped mismatch acc mult shift got want", 5, <f64>acc[i], <f64>mult[i], <f64>shift[i], <f64>got, <f64>want);
        bad++;
        break;
      }
    }
    if (int8(got, 127) != int8(want, 127) || int8(got, -128) != int8(want, -128)) bad++;
  }
  return bad;
}

function run(wide: bool, eMin: i32, eMax: i32, perShift: i32): i32 {
  const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4), shift = new StaticArray<i32>(4);
  let bad = 0;
  for (let e = eMin; e <= eMax; e++) {
    for (let k = 0; k < perShift; k++) {
      for (let i = 0; i < 4; i++) {
        const ei = i == 0 ? e : eMin + <i32>(next() % <u32>(eMax - eMin + 1));
        mult[i] = (k & 3) == 0 ? (1 << 30) : randomMult();
        shift[i] = -ei;
        acc[i] = randomAcc(ei);
        // A flushed multiplier (QuantizeMultiplier below 2^-31) comes with shift 0.
        if (wide && (next() & 31) == 0) { mult[i] = 0; shift[i] = 0; }
      }
      bad += check(wide, acc, mult, shift);
    }
  }
  return bad;
}

describe("requantizeClamped4 (int8 outputs, shifts 1..21)", () => {
  it("equals the scalar after every zero point and the int8 clamp", () => {
    expect(run(false, 1, 21, 20000)).toBe(0);
  });
  it("is refused outside its multipliers and shifts", () => {
    const m = i32x4(1 << 30, 1 << 30, 1 << 30, 1 << 30);
    expect(clampedLanes(m, i32x4(-1, -21, -5, -7))).toBe(true);
    expect(clampedLanes(m, i32x4(-1, -22, -5, -7))).toBe(false);
    expect(clampedLanes(m, i32x4(-1, 0, -5, -7))).toBe(false);
    expect(clampedLanes(i32x4(1 << 30, (1 << 30) - 1, 1 << 30, 1 << 30), i32x4(-1, -2, -5, -7))).toBe(false);
  });
});

describe("requantizeWide4 (int8 outputs, shifts 2..31, flushed multipliers)", () => {
  it("equals the scalar after every zero point and the int8 clamp", () => {
    expect(run(true, 2, 31, 12000)).toBe(0);
  });
  it("is refused outside its multipliers and shifts", () => {
    const m = i32x4(1 << 30, 1 << 30, 1 << 30, 1 << 30);
    expect(wideLanes(m, i32x4(-2, -31, -22, -7))).toBe(true);
    expect(wideLanes(m, i32x4(-1, -31, -22, -7))).toBe(false);
    expect(wideLanes(m, i32x4(-2, -32, -22, -7))).toBe(false);
    expect(wideLanes(i32x4(0, 1 << 30, 1 << 30, 1 << 30), i32x4(0, -31, -22, -7))).toBe(true);
    expect(wideLanes(i32x4(-1, 1 << 30, 1 << 30, 1 << 30), i32x4(-3, -31, -22, -7))).toBe(false);
  });
});
