// SIMD requantization (kernels-simd/requantize.ts) against the scalar fixed-point code, lane by
// lane: random and edge accumulators, multipliers and shifts.
import { multiplyByQuantizedMultiplier } from "../../assembly/math/fixedpoint";
import {
  leftFactors, rightScalesLow, rightScalesHigh, requantizeChannels4, requantizeUniform4, roundingMask,
  packInt8x16, packInt8x8, packInt8x4,
} from "../../kernels-simd/requantize";

let seed: u32 = 0x9e3779b9;
function next(): u32 {
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  return seed;
}

const EDGE_ACC: i32[] = [0, 1, -1, 2, -2, 3, -3, i32.MAX_VALUE, i32.MIN_VALUE, i32.MAX_VALUE - 1, i32.MIN_VALUE + 1,
  1 << 30, -(1 << 30), (1 << 30) + 1, -(1 << 30) - 1, 1 << 15, -(1 << 15), 32767, -32768, 65535, -65537];
const EDGE_MULT: i32[] = [0, 1, 1 << 30, (1 << 30) + 1, i32.MAX_VALUE, i32.MAX_VALUE - 1, 0x7fff0000, 0x40000001,
  1518500250, i32.MIN_VALUE, -1, -(1 << 30), i32.MIN_VALUE + 1];

function randomAcc(): i32 {
  const kind = next() % 6;
  if (kind == 0) return EDGE_ACC[next() % <u32>EDGE_ACC.length];
  if (kind == 1) return <i32>next();                 // full range
  if (kind == 2) return (<i32>next()) >> (next() % 31); // all magnitudes
  if (kind == 3) return <i32>(next() % 2000001) - 1000000;
  // near a rounding tie for small shifts
  const base = (<i32>(next() % 200001) - 100000) << (next() % 12);
  return base + <i32>(next() % 3) - 1;
}

function randomMult(): i32 {
  const kind = next() % 5;
  if (kind == 0) return EDGE_MULT[next() % <u32>EDGE_MULT.length];
  if (kind == 1) return <i32>(next() | 0x40000000) & 0x7fffffff; // a QuantizeMultiplier significand
  if (kind == 2) return i32.MAX_VALUE - <i32>(next() % 64);   // near 2^31
  if (kind == 3) return (1 << 30) + <i32>(next() % 64);        // near 2^30
  return <i32>next();
}

function randomShift(): i32 {
  const kind = next() % 8;
  if (kind == 0) return -40 + <i32>(next() % 81); // outside the usual range: modulo-32 behaviour
  if (kind == 1) return <i32>next();
  return -31 + <i32>(next() % 39);                // -31 .. 7
}

const lanes = new StaticArray<i32>(4);
function laneOf(v: v128, i: i32): i32 {
  v128.store(changetype<usize>(lanes), v);
  return lanes[i];
}

/** Checks four lanes against the scalar function; returns the number of mismatches. */
function checkChannels(acc: StaticArray<i32>, mult: StaticArray<i32>, shift: StaticArray<i32>): i32 {
  const accV = v128.load(changetype<usize>(acc));
  const multV = v128.load(changetype<usize>(mult));
  const shiftV = v128.load(changetype<usize>(shift));
  const r = requantizeChannels4(accV, leftFactors(shiftV), multV, rightScalesLow(shiftV), rightScalesHigh(shiftV));
  let bad = 0;
  for (let i = 0; i < 4; i++) {
    const want = multiplyByQuantizedMultiplier(acc[i], mult[i], shift[i]);
    const lane = laneOf(r, i);
    if (lane != want) {
      if (bad < 5) trace("channel mismatch acc mult shift got want", 5, <f64>acc[i], <f64>mult[i], <f64>shift[i], <f64>lane, <f64>want);
      bad++;
    }
  }
  return bad;
}

function checkUniform(acc: StaticArray<i32>, mult: StaticArray<i32>, shift: i32): i32 {
  const accV = v128.load(changetype<usize>(acc));
  const multV = v128.load(changetype<usize>(mult));
  const rs = shift > 0 ? 0 : -shift;
  const r = requantizeUniform4(accV, i32x4.splat(1 << (shift > 0 ? shift : 0)), multV, roundingMask(rs), rs);
  let bad = 0;
  for (let i = 0; i < 4; i++) {
    const want = multiplyByQuantizedMultiplier(acc[i], mult[i], shift);
    const lane = laneOf(r, i);
    if (lane != want) {
      if (bad < 5) trace("uniform mismatch acc mult shift got want", 5, <f64>acc[i], <f64>mult[i], <f64>shift, <f64>lane, <f64>want);
      bad++;
    }
  }
  return bad;
}

describe("requantizeChannels4 (per-lane multipliers and shifts)", () => {
  it("matches multiplyByQuantizedMultiplier on every edge combination", () => {
    const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4), shift = new StaticArray<i32>(4);
    let bad = 0;
    for (let a = 0; a < EDGE_ACC.length; a++) {
      for (let m = 0; m < EDGE_MULT.length; m++) {
        for (let s = -33; s <= 33; s += 4) {
          for (let i = 0; i < 4; i++) {
            acc[i] = EDGE_ACC[(a + i) % EDGE_ACC.length];
            mult[i] = EDGE_MULT[(m + i * 3) % EDGE_MULT.length];
            shift[i] = s + i;          // neighbouring lanes take different shifts
          }
          bad += checkChannels(acc, mult, shift);
        }
      }
    }
    expect(bad).toBe(0);
  });
  it("matches on every shift from -31 to +7 with ties", () => {
    const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4), shift = new StaticArray<i32>(4);
    let bad = 0;
    for (let s = -31; s <= 7; s++) {
      for (let k = 0; k < 2000; k++) {
        for (let i = 0; i < 4; i++) {
          // multiplier 2^30 halves exactly: the stage-1 result is acc / 2, so ties reach stage 2.
          mult[i] = (k & 1) ? (1 << 30) : randomMult();
          acc[i] = randomAcc();
          shift[i] = i == 0 ? s : randomShift();
        }
        bad += checkChannels(acc, mult, shift);
      }
    }
    expect(bad).toBe(0);
  });
  it("matches on 400k random lanes", () => {
    const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4), shift = new StaticArray<i32>(4);
    let bad = 0;
    for (let k = 0; k < 100000; k++) {
      for (let i = 0; i < 4; i++) { acc[i] = randomAcc(); mult[i] = randomMult(); shift[i] = randomShift(); }
      bad += checkChannels(acc, mult, shift);
    }
    expect(bad).toBe(0);
  });
});

describe("requantizeUniform4 (one shift for all lanes)", () => {
  it("matches multiplyByQuantizedMultiplier on edges and every shift from -40 to +40", () => {
    const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4);
    let bad = 0;
    for (let s = -40; s <= 40; s++) {
      for (let a = 0; a < EDGE_ACC.length; a++) {
        for (let m = 0; m < EDGE_MULT.length; m++) {
          for (let i = 0; i < 4; i++) { acc[i] = EDGE_ACC[(a + i) % EDGE_ACC.length]; mult[i] = EDGE_MULT[(m + i) % EDGE_MULT.length]; }
          bad += checkUniform(acc, mult, s);
        }
      }
    }
    bad += checkUniform(acc, mult, i32.MIN_VALUE) + checkUniform(acc, mult, i32.MAX_VALUE);
    expect(bad).toBe(0);
  });
  it("matches on 400k random lanes", () => {
    const acc = new StaticArray<i32>(4), mult = new StaticArray<i32>(4);
    let bad = 0;
    for (let k = 0; k < 100000; k++) {
      const s = randomShift();
      for (let i = 0; i < 4; i++) { acc[i] = randomAcc(); mult[i] = randomMult(); }
      bad += checkUniform(acc, mult, s);
    }
    expect(bad).toBe(0);
  });
});

describe("packInt8x16 / x8 / x4", () => {
  it("adds the zero point, saturates and clamps as the scalar i32 add then clamp", () => {
    const vals = new StaticArray<i32>(16);
    const out = new StaticArray<i8>(16);
    let bad = 0;
    for (let k = 0; k < 20000; k++) {
      for (let i = 0; i < 16; i++) vals[i] = randomAcc() >> <i32>(next() % 32);
      const zp = <i32>(next() % 256) - 128;
      let lo = <i32>(next() % 256) - 128, hi = <i32>(next() % 256) - 128;
      if (lo > hi) { const t = lo; lo = hi; hi = t; }
      const base = changetype<usize>(vals);
      const zpV = i32x4.splat(zp), loV = i8x16.splat(<i8>lo), hiV = i8x16.splat(<i8>hi);
      const a = v128.load(base), b = v128.load(base, 16), c = v128.load(base, 32), d = v128.load(base, 48);
      v128.store(changetype<usize>(out), packInt8x16(a, b, c, d, zpV, loV, hiV));
      for (let i = 0; i < 16; i++) {
        let v = vals[i] + zp;
        v = v < lo ? lo : (v > hi ? hi : v);
        if (<i32>out[i] != v) bad++;
      }
      v128.store(changetype<usize>(out), packInt8x8(a, b, zpV, loV, hiV));
      for (let i = 0; i < 8; i++) {
        let v = vals[i] + zp;
        v = v < lo ? lo : (v > hi ? hi : v);
        if (<i32>out[i] != v) bad++;
      }
      v128.store(changetype<usize>(out), packInt8x4(a, zpV, loV, hiV));
      for (let i = 0; i < 4; i++) {
        let v = vals[i] + zp;
        v = v < lo ? lo : (v > hi ? hi : v);
        if (<i32>out[i] != v) bad++;
      }
    }
    expect(bad).toBe(0);
  });
});
