// SIMD CONV_2D and FULLY_CONNECTED kernels against the reference kernels, on edge cases the
// random model tests rarely reach: extreme inputs, weights, biases (int32 wrap-around),
// multipliers (0, INT_MIN, near 2^31) and shifts (+31, -31, outside the usual range), every
// path of the kernels (pointwise, im2col, float, fallbacks), channel counts around the
// 4-channel blocks and the 256-channel table, depths around the 8-value steps.
import { Conv2DParams } from "../../kernels-scalar/conv2d";
import * as scalarConv from "../../kernels-scalar/conv2d";
import * as simdConv from "../../kernels-simd/conv2d";
import { FullyConnectedParams } from "../../kernels-scalar/fully_connected";
import * as scalarFc from "../../kernels-scalar/fully_connected";
import * as simdFc from "../../kernels-simd/fully_connected";
import { DType } from "../../assembly/schema/tflite";
import { useKernelWorkspace, kernelWorkspaceBytes } from "../../kernels-simd/workspace";

// The SIMD kernels' working memory (the engine reserves it when it loads a model).
useKernelWorkspace((heap.alloc(kernelWorkspaceBytes() + 15) + 15) & ~15);

let seed: u32 = 12345;
function next(): u32 { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }
function range(lo: i32, hi: i32): i32 { return lo + <i32>(next() % <u32>(hi - lo + 1)); }

function buffer(bytes: i32): usize { return heap.alloc(<usize>max(bytes, 16) + 16); }

/** Input / weight fill patterns. */
const RANDOM = 0, MIN = 1, MAX = 2, ALTERNATE = 3;
function fillInt8(at: usize, count: i32, pattern: i32): void {
  for (let i = 0; i < count; i++) {
    const v = pattern == MIN ? -128 : (pattern == MAX ? 127 : (pattern == ALTERNATE ? ((i & 1) ? 127 : -128) : range(-128, 127)));
    store<i8>(at + <usize>i, <i8>v);
  }
}

/** Per-channel multiplier and shift kinds. */
const TYPICAL = 0, EXTREME = 1, MIXED = 2;
function fillQuant(mults: usize, shifts: usize, count: i32, kind: i32): void {
  for (let c = 0; c < count; c++) {
    let m = (1 << 30) + range(0, (1 << 30) - 1), s = range(-12, -5);
    if (kind == EXTREME || (kind == MIXED && (next() & 1))) {
      const k = range(0, 9);
      if (k == 0) m = 0;
      else if (k == 1) m = i32.MIN_VALUE;
      else if (k == 2) m = i32.MAX_VALUE;
      else if (k == 3) m = -(1 << 30) - range(0, 1000);
      s = k == 4 ? 31 : (k == 5 ? -31 : (k == 6 ? range(-40, 40) : (k == 7 ? 0 : (k == 8 ? range(1, 7) : range(-24, -20)))));
    }
    store<i32>(mults + (<usize>c << 2), m);
    store<i32>(shifts + (<usize>c << 2), s);
  }
}

function differences(a: usize, b: usize, bytes: i32): i32 {
  let bad = 0;
  for (let i = 0; i < bytes; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) bad++;
  return bad;
}

function convParams(batches: i32, inH: i32, inW: i32, inC: i32, outC: i32, fh: i32, fw: i32, stride: i32, dilation: i32, same: bool): Conv2DParams {
  const p = changetype<Conv2DParams>(heap.alloc(offsetof<Conv2DParams>()));
  memory.fill(changetype<usize>(p), 0, offsetof<Conv2DParams>());
  p.type = DType.INT8; p.batches = batches; p.inHeight = inH; p.inWidth = inW; p.inDepth = inC;
  p.filterHeight = fh; p.filterWidth = fw; p.filterDepth = inC; p.outDepth = outC; p.groups = 1; p.filtersPerGroup = outC;
  p.strideHeight = stride; p.strideWidth = stride; p.dilationHeight = dilation; p.dilationWidth = dilation;
  const effH = (fh - 1) * dilation + 1, effW = (fw - 1) * dilation + 1;
  p.outHeight = same ? (inH + stride - 1) / stride : (inH - effH) / stride + 1;
  p.outWidth = same ? (inW + stride - 1) / stride : (inW - effW) / stride + 1;
  p.padHeight = same ? max(0, ((p.outHeight - 1) * stride + effH - inH) / 2) : 0;
  p.padWidth = same ? max(0, ((p.outWidth - 1) * stride + effW - inW) / 2) : 0;
  p.actMin = -128; p.actMax = 127; p.unpackScratch = -1;
  p.channelMultipliers = buffer(outC * 4); p.channelShifts = buffer(outC * 4);
  return p;
}

/**
 * Runs one int8 convolution on both kernel sets; returns the number of differing output bytes.
 * expectPath: the SIMD path conv2dPrepare must pick (1 pointwise, 2 im2col, 0 reference, -1 either SIMD path).
 */
function runConv(p: Conv2DParams, inPattern: i32, wPattern: i32, quantKind: i32, biasKind: i32, expectPath: i32): i32 {
  const inCount = p.batches * p.inHeight * p.inWidth * p.inDepth;
  const wCount = p.outDepth * p.filterHeight * p.filterWidth * p.filterDepth;
  const outCount = p.batches * p.outHeight * p.outWidth * p.outDepth;
  const input = buffer(inCount), filter = buffer(wCount), a = buffer(outCount), b = buffer(outCount);
  fillInt8(input, inCount, inPattern);
  fillInt8(filter, wCount, wPattern);
  fillQuant(p.channelMultipliers, p.channelShifts, p.outDepth, quantKind);
  let bias: usize = 0;
  if (biasKind > 0) {
    bias = buffer(p.outDepth * 4);
    for (let c = 0; c < p.outDepth; c++) {
      store<i32>(bias + (<usize>c << 2), biasKind == 2 ? (c & 1 ? i32.MAX_VALUE - range(0, 9) : i32.MIN_VALUE + range(0, 9)) : range(-100000, 100000));
    }
  }
  scalarConv.conv2dInt8(p, input, filter, bias, a);
  simdConv.conv2dPrepare(p);
  const path = <i32>p.packed;
  // expectPath -1: any int8 SIMD path (1 pointwise, 2 im2col, 4 shallow rows, 5 padded-row segments).
  if (expectPath < 0 ? path != 1 && path != 2 && path != 4 && path != 5 : path != expectPath) return -1000;
  simdConv.conv2dInt8(p, input, filter, bias, b);
  return differences(a, b, outCount);
}

describe("SIMD conv2dInt8", () => {
  it("pointwise: extreme inputs, weights, biases (int32 wrap) and multipliers", () => {
    const patterns: i32[] = [RANDOM, MIN, MAX, ALTERNATE];
    let bad = 0;
    for (let i = 0; i < patterns.length; i++) {
      for (let j = 0; j < patterns.length; j++) {
        for (let q = 0; q < 3; q++) {
          const p = convParams(1, 3, 5, 40, 9, 1, 1, 1, 1, false);
          p.inputOffset = i == 1 ? 128 : (i == 2 ? -127 : range(-127, 128));
          p.outputOffset = range(-128, 127);
          bad += runConv(p, patterns[i], patterns[j], q, q, 1);
        }
      }
    }
    expect(bad).toBe(0);
  });
  it("im2col: padding, stride and dilation, padding value at both zero-point ends", () => {
    let bad = 0;
    for (let k = 0; k < 40; k++) {
      const p = convParams(range(1, 2), range(1, 9), range(1, 9), range(1, 20), range(1, 13), range(1, 4), range(1, 4), range(1, 3), range(1, 2), true);
      if (p.filterHeight * p.filterWidth * p.inDepth < 8) continue;
      p.inputOffset = (k & 3) == 0 ? 128 : ((k & 3) == 1 ? -127 : range(-127, 128));
      p.outputOffset = range(-128, 127);
      bad += runConv(p, k & 3, (k >> 2) & 3, k % 3, k % 3, -1);
    }
    expect(bad).toBe(0);
  });
  it("channel counts around 4-channel blocks and the 256-channel table, depths around 8", () => {
    const channels: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 261];
    const depths: i32[] = [8, 9, 15, 16, 17, 23, 64];
    let bad = 0;
    for (let i = 0; i < channels.length; i++) {
      for (let j = 0; j < depths.length; j++) {
        const p = convParams(1, 2, 3, depths[j], channels[i], 1, 1, 1, 1, false);
        p.inputOffset = range(-127, 128); p.outputOffset = range(-128, 127);
        bad += runConv(p, RANDOM, RANDOM, MIXED, 1, 1);
      }
    }
    expect(bad).toBe(0);
  });
  it("activation ranges: narrow, single value, RELU-like", () => {
    let bad = 0;
    for (let k = 0; k < 12; k++) {
      const p = convParams(1, 4, 4, 12, 6, 3, 3, 1, 1, k < 6);
      p.inputOffset = range(-127, 128); p.outputOffset = range(-128, 127);
      p.actMin = range(-128, 127); p.actMax = k % 3 == 0 ? p.actMin : range(p.actMin, 127);
      bad += runConv(p, RANDOM, RANDOM, k % 3, 1, 2);
    }
    expect(bad).toBe(0);
  });
  it("leaves uncovered cases to the reference kernel", () => {
    let bad = 0;
    let p = convParams(1, 3, 7, 1, 5, 1, 5, 1, 1, false);   // depth 5 < 8, one input channel
    bad += runConv(p, RANDOM, RANDOM, TYPICAL, 1, 0);
    p = convParams(1, 3, 3, 4, 5, 1, 1, 1, 1, false);       // depth 4 < 8 but 4 channels: the shallow kernel
    bad += runConv(p, RANDOM, RANDOM, TYPICAL, 1, 4);
    p = convParams(1, 3, 3, 16, 5, 1, 1, 1, 1, false);      // output zero point outside int8
    p.outputOffset = 300;
    bad += runConv(p, RANDOM, RANDOM, TYPICAL, 1, 0);
    p = convParams(1, 3, 3, 16, 5, 1, 1, 1, 1, false);      // input zero point outside int8
    p.inputOffset = -200;
    bad += runConv(p, RANDOM, RANDOM, TYPICAL, 1, 0);
    p = convParams(1, 3, 3, 16, 5, 1, 1, 1, 1, false);      // empty activation range
    p.actMin = 10; p.actMax = 5;
    bad += runConv(p, RANDOM, RANDOM, TYPICAL, 1, 0);
    expect(bad).toBe(0);
  });
});

describe("SIMD conv2dFloat32", () => {
  it("matches the reference bit for bit, also with infinities and NaN", () => {
    let bad = 0;
    for (let k = 0; k < 30; k++) {
      const p = convParams(1, range(1, 7), range(1, 7), range(1, 9), range(1, 9), range(1, 3), range(1, 3), range(1, 2), range(1, 2), (k & 1) == 0);
      p.type = DType.FLOAT32; p.actMinF = k % 3 == 0 ? -Infinity : <f32>-0.5; p.actMaxF = k % 3 == 0 ? Infinity : <f32>0.75;
      const inCount = p.inHeight * p.inWidth * p.inDepth, wCount = p.outDepth * p.filterHeight * p.filterWidth * p.inDepth;
      const outCount = p.outHeight * p.outWidth * p.outDepth;
      const input = buffer(inCount * 4), filter = buffer(wCount * 4), bias = buffer(p.outDepth * 4), a = buffer(outCount * 4), b = buffer(outCount * 4);
      for (let i = 0; i < inCount; i++) store<f32>(input + (<usize>i << 2), <f32>range(-1000, 1000) / 333);
      for (let i = 0; i < wCount; i++) store<f32>(filter + (<usize>i << 2), <f32>range(-1000, 1000) / 777);
      for (let i = 0; i < p.outDepth; i++) store<f32>(bias + (<usize>i << 2), <f32>range(-1000, 1000) / 100);
      if (k % 5 == 4) { store<f32>(input, Infinity); store<f32>(filter + 4, NaN); }
      scalarConv.conv2dFloat32(p, input, filter, k & 2 ? bias : 0, a);
      simdConv.conv2dPrepare(p);
      if (p.packed != 3) bad += 1000;
      simdConv.conv2dFloat32(p, input, filter, k & 2 ? bias : 0, b);
      for (let i = 0; i < outCount; i++) {
        const x = load<f32>(a + (<usize>i << 2)), y = load<f32>(b + (<usize>i << 2));
        if (isNaN(x) ? !isNaN(y) : reinterpret<u32>(x) != reinterpret<u32>(y)) bad++;
      }
    }
    expect(bad).toBe(0);
  });
});

function fcParams(batches: i32, depth: i32, units: i32, perChannel: bool): FullyConnectedParams {
  const p = changetype<FullyConnectedParams>(heap.alloc(offsetof<FullyConnectedParams>()));
  memory.fill(changetype<usize>(p), 0, offsetof<FullyConnectedParams>());
  p.type = DType.INT8; p.batches = batches; p.accumDepth = depth; p.outputDepth = units;
  p.actMin = -128; p.actMax = 127;
  p.inputOffset = range(-127, 128); p.outputOffset = range(-128, 127);
  if (perChannel) { p.channelMultipliers = buffer(units * 4); p.channelShifts = buffer(units * 4); }
  return p;
}

function runFc(p: FullyConnectedParams, pattern: i32, quantKind: i32, withBias: bool, expectPath: i32): i32 {
  const input = buffer(p.batches * p.accumDepth), filter = buffer(p.outputDepth * p.accumDepth);
  const outCount = p.batches * p.outputDepth;
  const a = buffer(outCount), b = buffer(outCount);
  fillInt8(input, p.batches * p.accumDepth, pattern);
  fillInt8(filter, p.outputDepth * p.accumDepth, pattern == ALTERNATE ? MIN : pattern);
  if (p.channelMultipliers) {
    fillQuant(p.channelMultipliers, p.channelShifts, p.outputDepth, quantKind);
  } else {
    const m = buffer(4), s = buffer(4);
    fillQuant(m, s, 1, quantKind);
    p.multiplier = load<i32>(m); p.shift = load<i32>(s);
  }
  let bias: usize = 0;
  if (withBias) {
    bias = buffer(p.outputDepth * 4);
    for (let c = 0; c < p.outputDepth; c++) store<i32>(bias + (<usize>c << 2), range(-2000000, 2000000) * (c & 1 ? 1000 : 1));
  }
  scalarFc.fullyConnectedInt8(p, input, filter, bias, a);
  simdFc.fullyConnectedPrepare(p);
  if (<i32>p.packed != expectPath) return -1000;
  simdFc.fullyConnectedInt8(p, input, filter, bias, b);
  return differences(a, b, outCount);
}

describe("SIMD fullyConnectedInt8", () => {
  it("per-tensor and per-channel, batches 1..4, depths and units around the blocks", () => {
    const depths: i32[] = [8, 9, 16, 31, 33, 640];
    const units: i32[] = [1, 3, 4, 5, 8, 13, 256, 257];
    let bad = 0;
    for (let i = 0; i < depths.length; i++) {
      for (let j = 0; j < units.length; j++) {
        const p = fcParams(1 + (i + j) % 4, depths[i], units[j], (i + j) % 2 == 0);
        bad += runFc(p, (i * 3 + j) % 4, (i + j) % 3, j % 3 != 0, 1);
      }
    }
    expect(bad).toBe(0);
  });
  it("leaves a filter zero point and short depths to the reference kernel", () => {
    let p = fcParams(2, 20, 6, false);
    p.filterOffset = 3;
    let bad = runFc(p, RANDOM, TYPICAL, true, 0);
    p = fcParams(2, 7, 6, true);
    bad += runFc(p, RANDOM, TYPICAL, true, 0);
    expect(bad).toBe(0);
  });
});
