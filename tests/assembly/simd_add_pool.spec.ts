// SIMD ADD and pooling kernels against the reference kernels, on the edge cases the random model
// tests rarely reach. ADD int8: every rescale form of the same-shape fast path (multiplier 2^30
// with shift 0, split multipliers with shifts 0..-5, anything else), broadcast of either input,
// row lengths around the 16-lane vectors, an output written over its input, extreme values and
// activation ranges. Pools: windows clipped at every border, depths around the 16-lane (int8)
// and 4-lane (float32) vectors, strides larger than the filter, narrow activation ranges.
import { AddParams, addBroadcast } from "../../kernels-scalar/add";
import * as scalarAdd from "../../kernels-scalar/add";
import * as simdAdd from "../../kernels-simd/add";
import { Pool2DParams } from "../../kernels-scalar/average_pool2d";
import * as scalarAvg from "../../kernels-scalar/average_pool2d";
import * as simdAvg from "../../kernels-simd/average_pool2d";
import * as scalarMax from "../../kernels-scalar/max_pool2d";
import * as simdMax from "../../kernels-simd/max_pool2d";
import { DType } from "../../assembly/schema/tflite";
import { Broadcast } from "../../assembly/ops/broadcast";

let seed: u32 = 2024;
function next(): u32 { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }
function range(lo: i32, hi: i32): i32 { return lo + <i32>(next() % <u32>(hi - lo + 1)); }
function buffer(bytes: i32): usize { return heap.alloc(<usize>max(bytes, 16) + 16); }

function differences(a: usize, b: usize, bytes: i32): i32 {
  let bad = 0;
  for (let i = 0; i < bytes; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) bad++;
  return bad;
}

function fillInt8(at: usize, count: i32, extreme: bool): void {
  for (let i = 0; i < count; i++) store<i8>(at + <usize>i, <i8>(extreme ? ((i & 1) ? 127 : -128) : range(-128, 127)));
}

// ---- ADD ----

/** A multiplier and shift of a rescale form: 0 half (2^30, 0), 1 split (> 2^10, 0..-5), 2 other. */
function rescale(p: AddParams, input: i32, form: i32): void {
  let m = (1 << 30) + range(0, (1 << 30) - 1), s = range(-5, 0);
  if (form == 0) { m = 1 << 30; s = 0; }
  if (form == 2) { m = range(1, 1 << 10); s = range(-12, -6); }
  if (input == 1) { p.input1Multiplier = m; p.input1Shift = s; }
  else { p.input2Multiplier = m; p.input2Shift = s; }
}

/** Params (and the Broadcast after them) for rows of n elements, `rows` times; a step of 0 repeats that input. */
function addParams(n: i32, rows: i32, stepA: i32, stepB: i32): AddParams {
  const bytes = offsetof<AddParams>() + offsetof<Broadcast>();
  const p = changetype<AddParams>(heap.alloc(bytes));
  memory.fill(changetype<usize>(p), 0, bytes);
  p.type = DType.INT8; p.leftShift = 20;
  p.input1Offset = range(-127, 128); p.input2Offset = range(-127, 128); p.outputOffset = range(-128, 127);
  p.outputMultiplier = (1 << 30) + range(0, (1 << 30) - 1); p.outputShift = range(-21, -1);
  p.actMin = -128; p.actMax = 127;
  const bc = addBroadcast(p);
  bc.n = n; bc.stepA = stepA; bc.stepB = stepB;
  bc.e1 = rows; bc.e2 = 1; bc.e3 = 1; bc.e4 = 1; bc.e5 = 1;
  bc.a1 = stepA * n; bc.b1 = stepB * n;
  return p;
}

/** Adds on both kernel sets (also in place over input A when `inPlace`); differing output bytes. */
function runAdd(p: AddParams, n: i32, rows: i32, stepA: i32, stepB: i32, extreme: bool, inPlace: bool): i32 {
  const count = n * rows;
  const a = buffer(count), b = buffer(count), want = buffer(count), got = buffer(count);
  fillInt8(a, stepA ? count : 1, extreme);
  fillInt8(b, stepB ? count : 1, extreme && (n & 1) == 0);
  scalarAdd.addInt8(p, a, b, want);
  if (inPlace && stepA == 1) {
    memory.copy(got, a, <usize>count);
    simdAdd.addInt8(p, got, b, got);
  } else {
    simdAdd.addInt8(p, a, b, got);
  }
  return differences(want, got, count);
}

describe("SIMD addInt8", () => {
  it("same shape: every pair of rescale forms, rows around the 16-lane vectors", () => {
    let bad = 0;
    const lengths: i32[] = [1, 2, 15, 16, 17, 31, 32, 33, 64, 100];
    for (let f1 = 0; f1 < 3; f1++) {
      for (let f2 = 0; f2 < 3; f2++) {
        for (let i = 0; i < lengths.length; i++) {
          const p = addParams(lengths[i], 2, 1, 1);
          rescale(p, 1, f1); rescale(p, 2, f2);
          bad += runAdd(p, lengths[i], 2, 1, 1, (i & 1) == 1, false);
        }
      }
    }
    expect(bad).toBe(0);
  });
  it("broadcast of either input, in place, narrow activation ranges", () => {
    let bad = 0;
    for (let k = 0; k < 60; k++) {
      const n = range(1, 70), rows = range(1, 3);
      const stepA = k % 3 == 1 ? 0 : 1, stepB = k % 3 == 2 ? 0 : 1;
      const p = addParams(n, rows, stepA, stepB);
      rescale(p, 1, range(0, 2)); rescale(p, 2, range(0, 2));
      if (k & 4) { p.actMin = range(-128, 0); p.actMax = range(p.actMin, 127); }
      bad += runAdd(p, n, rows, stepA, stepB, (k & 8) != 0, (k & 1) == 0);
    }
    expect(bad).toBe(0);
  });
});

// ---- AVERAGE_POOL_2D, MAX_POOL_2D ----

function poolParams(type: i32, inH: i32, inW: i32, depth: i32, fh: i32, fw: i32, stride: i32, same: bool): Pool2DParams {
  const p = changetype<Pool2DParams>(heap.alloc(offsetof<Pool2DParams>()));
  memory.fill(changetype<usize>(p), 0, offsetof<Pool2DParams>());
  p.type = type; p.batches = range(1, 2); p.inHeight = inH; p.inWidth = inW; p.depth = depth;
  p.filterHeight = fh; p.filterWidth = fw; p.strideHeight = stride; p.strideWidth = stride;
  p.outHeight = same ? (inH + stride - 1) / stride : (inH - fh) / stride + 1;
  p.outWidth = same ? (inW + stride - 1) / stride : (inW - fw) / stride + 1;
  // TFLM's SAME padding, never so large that a window misses the input.
  p.padHeight = same ? min(fh - 1, max(0, ((p.outHeight - 1) * stride + fh - inH) / 2)) : 0;
  p.padWidth = same ? min(fw - 1, max(0, ((p.outWidth - 1) * stride + fw - inW) / 2)) : 0;
  p.actMin = -128; p.actMax = 127; p.actMinF = -f32.MAX_VALUE; p.actMaxF = f32.MAX_VALUE;
  return p;
}

/** One pooling (0 average, 1 max) on both kernel sets; differing output bytes. */
function runPool(p: Pool2DParams, kind: i32, extreme: bool): i32 {
  const size: i32 = p.type == DType.FLOAT32 ? 4 : 1;
  const inCount = p.batches * p.inHeight * p.inWidth * p.depth;
  const outBytes = p.batches * p.outHeight * p.outWidth * p.depth * size;
  const input = buffer(inCount * size), want = buffer(outBytes), got = buffer(outBytes);
  if (size == 1) fillInt8(input, inCount, extreme);
  else for (let i = 0; i < inCount; i++) store<f32>(input + (<usize>i << 2), <f32>range(-100000, 100000) / 1000.0);
  if (kind == 0) {
    if (size == 1) { scalarAvg.averagePool2dInt8(p, input, want); simdAvg.averagePool2dInt8(p, input, got); }
    else { scalarAvg.averagePool2dFloat32(p, input, want); simdAvg.averagePool2dFloat32(p, input, got); }
  } else {
    if (size == 1) { scalarMax.maxPool2dInt8(p, input, want); simdMax.maxPool2dInt8(p, input, got); }
    else { scalarMax.maxPool2dFloat32(p, input, want); simdMax.maxPool2dFloat32(p, input, got); }
  }
  return differences(want, got, outBytes);
}

describe("SIMD pooling", () => {
  it("int8: windows clipped at the borders, depths around 16, extreme values, narrow ranges", () => {
    const depths: i32[] = [1, 3, 8, 15, 16, 17, 32, 33];
    let bad = 0;
    for (let i = 0; i < depths.length; i++) {
      for (let kind = 0; kind < 2; kind++) {
        const p = poolParams(DType.INT8, range(1, 9), range(1, 9), depths[i], range(1, 4), range(1, 4), range(1, 3), true);
        if (i & 1) { p.actMin = range(-128, 0); p.actMax = range(p.actMin, 127); }
        bad += runPool(p, kind, (i & 2) != 0);
      }
    }
    expect(bad).toBe(0);
  });
  it("float32: depths around 4, strides larger than the filter, VALID and SAME", () => {
    const depths: i32[] = [1, 3, 4, 5, 8, 9];
    let bad = 0;
    for (let i = 0; i < depths.length; i++) {
      for (let kind = 0; kind < 2; kind++) {
        const p = poolParams(DType.FLOAT32, range(4, 9), range(4, 9), depths[i], range(1, 3), range(1, 3), range(1, 4), (i & 1) == 0);
        if (i & 2) { p.actMinF = -5.0; p.actMaxF = 6.0; }
        bad += runPool(p, kind, false);
      }
    }
    expect(bad).toBe(0);
  });
});
