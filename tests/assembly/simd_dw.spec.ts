// SIMD kernels of DEPTHWISE_CONV_2D, ADD and pooling against the reference kernels, called
// directly on hand-built parameters: the paths random models rarely reach (block overlap, the
// multiplier layouts, windows too large to pair, shifts outside the fast requantization, extreme
// biases, -0 / NaN floats, int8 sums beyond int16) and the helpers' exactness over whole ranges.
import { saturatingRoundingDoublingHighMul, multiplyByQuantizedMultiplier } from "../../assembly/math/fixedpoint";
import { requantizeInt8Fast4, int8FastLanes, int8FastBounds, int8FastScales, packInt8x4 } from "../../kernels-simd/requantize";
import { DepthwiseConv2DParams } from "../../kernels-scalar/depthwise_conv2d";
import * as scalarDw from "../../kernels-scalar/depthwise_conv2d";
import * as simdDw from "../../kernels-simd/depthwise_conv2d";
import { AddParams, addBroadcast } from "../../kernels-scalar/add";
import * as scalarAdd from "../../kernels-scalar/add";
import * as simdAdd from "../../kernels-simd/add";
import { highMulShifted20 } from "../../kernels-simd/add";
import { Pool2DParams } from "../../kernels-scalar/average_pool2d";
import * as scalarAvg from "../../kernels-scalar/average_pool2d";
import * as simdAvg from "../../kernels-simd/average_pool2d";
import * as scalarMax from "../../kernels-scalar/max_pool2d";
import * as simdMax from "../../kernels-simd/max_pool2d";
import { useKernelWorkspace, kernelWorkspaceBytes } from "../../kernels-simd/workspace";

// The SIMD kernels' working memory (the engine reserves it when it loads a model).
useKernelWorkspace((heap.alloc(kernelWorkspaceBytes() + 15) + 15) & ~15);

let seed: u32 = 0x2545f491;
function next(): u32 {
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  return seed;
}
function randomInt(lo: i32, hi: i32): i32 { return lo + <i32>(next() % <u32>(hi - lo + 1)); }

/** A zeroed buffer with 32 guard bytes (0x5a) on both sides; returns the address after the front guard. */
function buffer(bytes: i32): usize {
  const at = heap.alloc(<usize>bytes + 64) + 32;
  memory.fill(at - 32, 0x5a, 32);
  memory.fill(at, 0, <usize>bytes);
  memory.fill(at + <usize>bytes, 0x5a, 32);
  return at;
}
function guardsIntact(at: usize, bytes: i32): bool {
  for (let i: usize = 1; i <= 32; i++) if (load<u8>(at - i) != 0x5a || load<u8>(at + <usize>bytes + i - 1) != 0x5a) return false;
  return true;
}
function fillRandom(at: usize, bytes: i32): void { for (let i = 0; i < bytes; i++) store<u8>(at + <usize>i, <u8>next()); }
function firstDifference(a: usize, b: usize, bytes: i32): i32 {
  for (let i = 0; i < bytes; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return i;
  return -1;
}

const lanes = new StaticArray<i32>(4);
function lane(v: v128, i: i32): i32 { v128.store(changetype<usize>(lanes), v); return lanes[i]; }

// ---- helpers ----

describe("requantizeInt8Fast4", () => {
  it("gives the clamped int8 output of multiplyByQuantizedMultiplier for right shifts 1..22", () => {
    const accs: i32[] = [0, 1, -1, i32.MAX_VALUE, i32.MIN_VALUE, 1 << 30, -(1 << 30), 12345, -12345];
    const zps: i32[] = [-128, -1, 0, 7, 127];
    let bad = 0;
    for (let shift = -22; shift <= -1; shift++) {
      for (let k = 0; k < 20000; k++) {
        const m = k % 3 == 0 ? (1 << 30) : (k % 3 == 1 ? i32.MAX_VALUE - <i32>(next() % 8) : <i32>((next() | 0x40000000) & 0x7fffffff));
        // Accumulators around the clamp bounds and rounding ties of this shift, plus edges.
        let acc: i32;
        const kind = next() % 4;
        if (kind == 0) acc = accs[next() % <u32>accs.length];
        else if (kind == 1) acc = <i32>next();
        else acc = (randomInt(-600, 600) << (-shift)) + randomInt(-2, 2) + ((kind == 2) ? (1 << (-shift - 1)) : 0);
        const zp = zps[next() % <u32>zps.length];
        const r = packInt8x4(requantizeInt8Fast4(i32x4.splat(acc), i32x4.splat(m), int8FastBounds(i32x4.splat(shift)),
                                                 int8FastScales(i32x4.splat(shift))), i32x4.splat(zp), i8x16.splat(-128), i8x16.splat(127));
        let want = multiplyByQuantizedMultiplier(acc, m, shift) + zp;
        want = want < -128 ? -128 : (want > 127 ? 127 : want);
        const got = <i32>i8x16.extract_lane_s(r, 0);
        if (got != want) { if (bad < 5) trace("mismatch acc m shift got want", 5, <f64>acc, <f64>m, <f64>shift, <f64>got, <f64>want); bad++; }
      }
    }
    expect(bad).toBe(0);
  });
  it("is only chosen for multipliers >= 0 and right shifts 1..22", () => {
    expect(int8FastLanes(i32x4.splat(1 << 30), i32x4.splat(-1))).toBe(true);
    expect(int8FastLanes(i32x4.splat(1 << 30), i32x4.splat(-22))).toBe(true);
    expect(int8FastLanes(i32x4.splat(1 << 30), i32x4.splat(-23))).toBe(false);
    expect(int8FastLanes(i32x4.splat(1 << 30), i32x4.splat(0))).toBe(false);
    expect(int8FastLanes(i32x4.splat(1 << 30), i32x4.splat(3))).toBe(false);
    expect(int8FastLanes(i32x4(1 << 30, 1 << 30, -5, 1 << 30), i32x4.splat(-5))).toBe(false);
  });
});

describe("ADD input rescale (highMulShifted20)", () => {
  it("equals SaturatingRoundingDoublingHighMul(k << 20, m) for every k in [-255, 255]", () => {
    let bad = 0;
    for (let t = 0; t < 3000; t++) {
      const m = t < 8 ? [0, 1, 0xffff, 0x10000, 1 << 30, i32.MAX_VALUE, 0x7fff0000, 0x4000ffff][t] : <i32>(next() & 0x7fffffff);
      const mh = i32x4.splat(m >> 16), ml = i32x4.splat(m & 0xffff);
      for (let k = -255; k <= 255; k++) {
        const got = lane(highMulShifted20(i32x4.splat(k), mh, ml), 0);
        if (got != saturatingRoundingDoublingHighMul(k << 20, m)) bad++;
      }
    }
    expect(bad).toBe(0);
  });
});

// ---- DEPTHWISE_CONV_2D ----

function dwParams(batches: i32, inH: i32, inW: i32, inDepth: i32, multiplier: i32, kh: i32, kw: i32,
                  stride: i32, dilation: i32, pad: i32, outH: i32, outW: i32): DepthwiseConv2DParams {
  const p = changetype<DepthwiseConv2DParams>(heap.alloc(offsetof<DepthwiseConv2DParams>()));
  memory.fill(changetype<usize>(p), 0, offsetof<DepthwiseConv2DParams>());
  p.batches = batches; p.inHeight = inH; p.inWidth = inW; p.inDepth = inDepth;
  p.filterHeight = kh; p.filterWidth = kw; p.outHeight = outH; p.outWidth = outW;
  p.outDepth = inDepth * multiplier; p.depthMultiplier = multiplier;
  p.strideHeight = stride; p.strideWidth = stride; p.dilationHeight = dilation; p.dilationWidth = dilation;
  p.padHeight = pad; p.padWidth = pad;
  p.unpackScratch = -1;
  const channels = p.outDepth;
  p.channelMultipliers = buffer(channels * 4);
  p.channelShifts = buffer(channels * 4);
  for (let c = 0; c < channels; c++) {
    store<i32>(p.channelMultipliers + (<usize>c << 2), <i32>((next() | 0x40000000) & 0x7fffffff));
    store<i32>(p.channelShifts + (<usize>c << 2), -randomInt(5, 12));
  }
  p.inputOffset = -randomInt(-128, 127);
  p.outputOffset = randomInt(-128, 127);
  p.actMin = -128; p.actMax = 127;
  p.actMinF = -f32.MAX_VALUE; p.actMaxF = f32.MAX_VALUE;
  return p;
}

/** Runs both int8 kernels on random data; true when outputs agree and no guard byte changed. */
function sameInt8(p: DepthwiseConv2DParams, biasSpan: i32): bool {
  const inBytes = p.batches * p.inHeight * p.inWidth * p.inDepth;
  const outBytes = p.batches * p.outHeight * p.outWidth * p.outDepth;
  const fBytes = p.filterHeight * p.filterWidth * p.outDepth;
  const input = buffer(inBytes), filter = buffer(fBytes), bias = buffer(p.outDepth * 4);
  fillRandom(input, inBytes); fillRandom(filter, fBytes);
  for (let c = 0; c < p.outDepth; c++) store<i32>(bias + (<usize>c << 2), biasSpan == 0 ? <i32>next() : randomInt(-biasSpan, biasSpan));
  const want = buffer(outBytes), got = buffer(outBytes);
  scalarDw.depthwiseConv2dInt8(p, input, filter, bias, want);
  simdDw.depthwiseConv2dInt8(p, input, filter, bias, got);
  const at = firstDifference(want, got, outBytes);
  if (at >= 0) trace("depthwise int8 differs at byte", 1, <f64>at);
  return at < 0 && guardsIntact(got, outBytes);
}

describe("depthwiseConv2dInt8 (SIMD = reference)", () => {
  it("3x3, padding 1, 9 channels (overlapping block), two batches", () => {
    expect(sameInt8(dwParams(2, 7, 6, 9, 1, 3, 3, 1, 1, 1, 7, 6), 5000)).toBe(true);
  });
  it("3x3 stride 2 on one input channel with multiplier 8 (splat lanes)", () => {
    expect(sameInt8(dwParams(1, 9, 9, 1, 8, 3, 3, 2, 1, 1, 5, 5), 5000)).toBe(true);
  });
  it("multiplier 3 on 8 input channels (gathered lanes), 2x2 taps, dilation 2", () => {
    expect(sameInt8(dwParams(1, 6, 7, 8, 3, 2, 2, 1, 2, 1, 6, 7), 5000)).toBe(true);
  });
  it("multiplier 2 on 11 input channels (gather window shifted inside the pixel)", () => {
    expect(sameInt8(dwParams(1, 5, 5, 11, 2, 3, 3, 1, 1, 0, 3, 3), 5000)).toBe(true);
  });
  it("a 12x12 window (too many taps to pair) with padding", () => {
    expect(sameInt8(dwParams(1, 14, 14, 16, 1, 12, 12, 1, 1, 5, 13, 13), 5000)).toBe(true);
  });
  it("1x1 window and a window larger than the input", () => {
    expect(sameInt8(dwParams(1, 4, 4, 24, 1, 1, 1, 1, 1, 0, 4, 4), 5000)).toBe(true);
    expect(sameInt8(dwParams(1, 2, 2, 8, 1, 3, 3, 1, 1, 1, 2, 2), 5000)).toBe(true);
  });
  it("full-range biases and extreme zero points", () => {
    const p = dwParams(1, 5, 5, 16, 1, 3, 3, 1, 1, 1, 5, 5);
    p.inputOffset = 128; p.outputOffset = -128;
    expect(sameInt8(p, 0)).toBe(true);
    p.inputOffset = -127; p.outputOffset = 127;
    expect(sameInt8(p, 0)).toBe(true);
  });
  it("shifts outside the fast requantization (left shifts, right shifts beyond 22, negative multipliers)", () => {
    const p = dwParams(1, 6, 6, 16, 1, 3, 3, 1, 1, 1, 6, 6);
    store<i32>(p.channelShifts, 3);                          // left shift, block 0
    store<i32>(p.channelShifts + 36, -30);                   // right shift 30, block 1
    store<i32>(p.channelMultipliers + 60, -1518500250);      // negative multiplier, block 1
    expect(sameInt8(p, 1 << 20)).toBe(true);
  });
  it("a narrow activation range", () => {
    const p = dwParams(1, 6, 6, 8, 1, 3, 3, 1, 1, 1, 6, 6);
    p.actMin = -3; p.actMax = 4;
    expect(sameInt8(p, 5000)).toBe(true);
  });
  it("fewer than eight channels (reference fallback)", () => {
    expect(sameInt8(dwParams(1, 5, 5, 3, 1, 3, 3, 1, 1, 1, 5, 5), 5000)).toBe(true);
  });
});

describe("depthwiseConv2dFloat32 (SIMD = reference, bit for bit)", () => {
  it("keeps -0, NaN and infinities where the reference does (padding taps are skipped)", () => {
    for (let depth = 4; depth <= 13; depth += 3) {
      const p = dwParams(1, 4, 4, depth, 1, 3, 3, 1, 1, 1, 4, 4);
      const inCount = 16 * depth, fCount = 9 * depth, outCount = 16 * depth;
      const input = buffer(inCount * 4), filter = buffer(fCount * 4);
      for (let i = 0; i < inCount; i++) store<f32>(input + (<usize>i << 2), i % 5 == 0 ? -0.0 : <f32>(randomInt(-100, 100)) / 8);
      for (let i = 0; i < fCount; i++) store<f32>(filter + (<usize>i << 2), i == 0 ? Infinity : (i == 1 ? NaN : <f32>(randomInt(-100, 100)) / 16));
      const want = buffer(outCount * 4), got = buffer(outCount * 4);
      scalarDw.depthwiseConv2dFloat32(p, input, filter, 0, want);  // no bias: the reference still adds +0
      simdDw.depthwiseConv2dFloat32(p, input, filter, 0, got);
      expect(firstDifference(want, got, outCount * 4)).toBe(-1);
      expect(guardsIntact(got, outCount * 4)).toBe(true);
    }
  });
});

// ---- pooling ----

function poolParams(inH: i32, inW: i32, depth: i32, f: i32, stride: i32, pad: i32, outH: i32, outW: i32): Pool2DParams {
  const p = changetype<Pool2DParams>(heap.alloc(offsetof<Pool2DParams>()));
  p.batches = 1; p.inHeight = inH; p.inWidth = inW; p.depth = depth;
  p.outHeight = outH; p.outWidth = outW; p.strideHeight = stride; p.strideWidth = stride;
  p.filterHeight = f; p.filterWidth = f; p.padHeight = pad; p.padWidth = pad;
  p.actMin = -128; p.actMax = 127; p.actMinF = -Infinity; p.actMaxF = Infinity;
  return p;
}

function samePoolInt8(p: Pool2DParams, fill: i32): bool {
  const inBytes = p.inHeight * p.inWidth * p.depth, outBytes = p.outHeight * p.outWidth * p.depth;
  const input = buffer(inBytes);
  if (fill == 256) fillRandom(input, inBytes); else memory.fill(input, <u8>fill, <usize>inBytes);
  const a = buffer(outBytes), b = buffer(outBytes), c = buffer(outBytes), d = buffer(outBytes);
  scalarAvg.averagePool2dInt8(p, input, a); simdAvg.averagePool2dInt8(p, input, b);
  scalarMax.maxPool2dInt8(p, input, c); simdMax.maxPool2dInt8(p, input, d);
  return firstDifference(a, b, outBytes) < 0 && firstDifference(c, d, outBytes) < 0 &&
         guardsIntact(b, outBytes) && guardsIntact(d, outBytes);
}

describe("pooling int8 (SIMD = reference)", () => {
  it("sums beyond int16 (17x17 windows) at the extremes, with rounding of halves", () => {
    expect(samePoolInt8(poolParams(17, 17, 16, 17, 1, 0, 1, 1), 0x80)).toBe(true); // all -128
    expect(samePoolInt8(poolParams(17, 17, 16, 17, 1, 0, 1, 1), 0x7f)).toBe(true); // all 127
    expect(samePoolInt8(poolParams(18, 18, 20, 17, 1, 8, 18, 18), 256)).toBe(true); // clipped windows
  });
  it("windows of 256 elements (the int16 sum limit) and small depths", () => {
    expect(samePoolInt8(poolParams(16, 16, 16, 16, 1, 0, 1, 1), 0x80)).toBe(true);
    for (let depth = 1; depth <= 17; depth++) expect(samePoolInt8(poolParams(5, 5, depth, 2, 2, 1, 3, 3), 256)).toBe(true);
  });
});

describe("pooling float32 (SIMD = reference, bit for bit)", () => {
  it("keeps NaN, -0 and infinities as the reference's compare-and-select does", () => {
    const p = poolParams(4, 4, 6, 2, 2, 0, 2, 2);
    p.actMinF = 0; p.actMaxF = 6;
    const input = buffer(96 * 4);
    for (let i = 0; i < 96; i++) store<f32>(input + (<usize>i << 2), i % 7 == 0 ? NaN : (i % 5 == 0 ? -0.0 : (i % 11 == 0 ? -Infinity : <f32>(randomInt(-50, 50)) / 4)));
    const a = buffer(24 * 4), b = buffer(24 * 4), c = buffer(24 * 4), d = buffer(24 * 4);
    scalarAvg.averagePool2dFloat32(p, input, a); simdAvg.averagePool2dFloat32(p, input, b);
    scalarMax.maxPool2dFloat32(p, input, c); simdMax.maxPool2dFloat32(p, input, d);
    expect(firstDifference(a, b, 96)).toBe(-1);
    expect(firstDifference(c, d, 96)).toBe(-1);
  });
});

// ---- ADD ----

function addParams(n: i32, stepA: i32, stepB: i32): AddParams {
  const size = offsetof<AddParams>() + 80;
  const p = changetype<AddParams>(heap.alloc(size));
  memory.fill(changetype<usize>(p), 0, size);
  const bc = addBroadcast(p);
  bc.n = n; bc.stepA = stepA; bc.stepB = stepB;
  bc.e1 = 1; bc.e2 = 1; bc.e3 = 1; bc.e4 = 1; bc.e5 = 1;
  p.leftShift = 20;
  p.input1Offset = -randomInt(-128, 127); p.input2Offset = -randomInt(-128, 127); p.outputOffset = randomInt(-128, 127);
  p.input1Multiplier = <i32>((next() | 0x40000000) & 0x7fffffff); p.input1Shift = -randomInt(0, 3);
  p.input2Multiplier = <i32>((next() | 0x40000000) & 0x7fffffff); p.input2Shift = -randomInt(0, 3);
  p.outputMultiplier = <i32>((next() | 0x40000000) & 0x7fffffff); p.outputShift = -randomInt(16, 22);
  p.actMin = -128; p.actMax = 127;
  return p;
}

function sameAdd(p: AddParams, inPlace: bool): bool {
  const bc = addBroadcast(p);
  const n = bc.n;
  const a = buffer(n), b = buffer(n);
  fillRandom(a, n); fillRandom(b, n);
  const want = buffer(n);
  scalarAdd.addInt8(p, a, b, want);
  let got = buffer(n);
  if (inPlace) got = a;
  simdAdd.addInt8(p, a, b, got);
  return firstDifference(want, got, n) < 0 && guardsIntact(got, n);
}

describe("addInt8 (SIMD = reference)", () => {
  it("rows shorter than, equal to and just past a vector", () => {
    const sizes: i32[] = [1, 15, 16, 17, 31, 33, 64, 100];
    for (let i = 0; i < sizes.length; i++) expect(sameAdd(addParams(sizes[i], 1, 1), false)).toBe(true);
  });
  it("one input repeating along the row (either side)", () => {
    expect(sameAdd(addParams(37, 1, 0), false)).toBe(true);
    expect(sameAdd(addParams(37, 0, 1), false)).toBe(true);
  });
  it("in place over its first input", () => {
    expect(sameAdd(addParams(50, 1, 1), true)).toBe(true);
  });
  it("input shifts of 0 and 31, output shift 0, and a narrow activation range", () => {
    for (let k = 0; k < 50; k++) {
      const p = addParams(48, 1, 1);
      p.input1Shift = 0; p.input2Shift = -31; p.outputShift = k % 2 == 0 ? 0 : -31;
      p.actMin = -5; p.actMax = 9;
      expect(sameAdd(p, false)).toBe(true);
    }
  });
});
