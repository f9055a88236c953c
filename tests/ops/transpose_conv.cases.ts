// TRANSPOSE_CONV: hand-worked cases, and seeded cases checked against an independent
// scatter implementation written here from the op's definition (TFLM's loop order and
// requantization), refusals.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import type { ActivationName } from '../builder/options.js';

const TRANSPOSE_CONV_OPTIONS = 49;
const ACT: Record<string, number> = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3 };

interface Spec {
  dtype: 'float32' | 'int8' | 'int16';
  input: number[];          // NHWC shape
  output: number[];         // NHWC shape
  filterHW: [number, number];
  stride: [number, number]; // [h, w]
  padding: 'SAME' | 'VALID';
  activation?: ActivationName | 'NONE';
  inputData: number[];
  filterData: number[];     // OHWI
  bias?: number[];
  biasType?: DTypeName;
  inScale?: number; inZp?: number; outScale?: number; outZp?: number;
  filterScales?: number[];
}

function build(m: ModelBuilder, s: Spec) {
  const q = s.dtype !== 'float32';
  const outDepth = s.output[3];
  const shape = m.constant({ dtype: 'int32', shape: [4], data: s.output });
  const filterShape = [outDepth, s.filterHW[0], s.filterHW[1], s.input[3]];
  const w = q
    ? m.constant({ dtype: 'int8', shape: filterShape, data: s.filterData, scale: s.filterScales, zeroPoint: s.filterScales!.map(() => 0), quantizedDimension: 0 })
    : m.constant({ dtype: 'float32', shape: filterShape, data: s.filterData });
  const x = m.tensor(q ? { dtype: s.dtype, shape: s.input, scale: s.inScale, zeroPoint: s.inZp } : { dtype: 'float32', shape: s.input });
  const y = m.tensor(q ? { dtype: s.dtype, shape: s.output, scale: s.outScale, zeroPoint: s.outZp } : { dtype: 'float32', shape: s.output });
  const inputs = [shape, w, x];
  if (s.bias) {
    const biasType = s.biasType ?? (s.dtype === 'float32' ? 'float32' : s.dtype === 'int8' ? 'int32' : 'int64');
    inputs.push(m.constant({ dtype: biasType, shape: [outDepth], data: s.bias }));
  }
  m.op('TRANSPOSE_CONV', inputs, [y], options.raw(TRANSPOSE_CONV_OPTIONS, [
    [0, 'int8', s.padding === 'SAME' ? 0 : 1], [1, 'int32', s.stride[1]], [2, 'int32', s.stride[0]], [3, 'int8', ACT[s.activation ?? 'NONE']]]));
  m.inputs(x).outputs(y);
}

// ---- independent reference: fixed-point helpers (TFLM semantics, BigInt) and the scatter loop

function quantizeMultiplier(real: number): [number, number] {
  if (real === 0) return [0, 0];
  let e = Math.floor(Math.log2(Math.abs(real))) + 1;
  let frac = real / 2 ** e;
  if (Math.abs(frac) >= 1) { frac /= 2; e++; } else if (Math.abs(frac) < 0.5) { frac *= 2; e--; }
  const scaled = frac * 2 ** 31;
  let q = Math.sign(scaled) * Math.round(Math.abs(scaled)); // halves away from zero
  if (q === 2 ** 31) { q /= 2; e++; }
  if (e < -31) return [0, 0];
  return [q, e];
}
function srdhm(a: bigint, b: bigint): bigint {
  if (a === b && a === -(2n ** 31n)) return 2n ** 31n - 1n;
  const ab = a * b;
  const nudge = ab >= 0n ? 2n ** 30n : 1n - 2n ** 30n;
  return (ab + nudge) / 2n ** 31n; // BigInt division truncates, as C++
}
function rdbpot(x: bigint, exponent: bigint): bigint {
  const mask = (1n << exponent) - 1n;
  const remainder = x & mask;
  const threshold = (mask >> 1n) + (x < 0n ? 1n : 0n);
  return (x >> exponent) + (remainder > threshold ? 1n : 0n);
}
function mbqm(x: number, m: number, shift: number): number {
  const left = BigInt(Math.max(shift, 0)), right = BigInt(Math.max(-shift, 0));
  const wrapped = BigInt.asIntN(32, BigInt(x) * (1n << left));
  return Number(rdbpot(srdhm(wrapped, BigInt(m)), right));
}
function mbqm64(x: bigint, m: number, shift: number): number {
  const reduced = m < 0x7fff0000 ? BigInt((m + (1 << 15)) >> 16) : 0x7fffn;
  const total = BigInt(15 - shift);
  return Number((x * reduced + (1n << (total - 1n))) >> total);
}
function tflmPadding(padding: 'SAME' | 'VALID', size: number, filter: number, stride: number): number {
  const out = padding === 'SAME' ? Math.trunc((size + stride - 1) / stride) : Math.trunc((size + stride - filter) / stride);
  return Math.floor(Math.max(0, (out - 1) * stride + filter - size) / 2);
}

function reference(s: Spec): number[] {
  const [batches, inH, inW, inD] = s.input;
  const [, outH, outW, outD] = s.output;
  const [fH, fW] = s.filterHW;
  const padH = tflmPadding(s.padding, outH, fH, s.stride[0]);
  const padW = tflmPadding(s.padding, outW, fW, s.stride[1]);
  const n = batches * outH * outW * outD;
  const f32 = s.dtype === 'float32';
  const acc: Array<number | bigint> = new Array(n).fill(f32 ? 0 : s.dtype === 'int16' ? 0n : 0);
  const inOffset = s.dtype === 'int8' ? -(s.inZp ?? 0) : 0;
  for (let b = 0; b < batches; b++) for (let iy = 0; iy < inH; iy++) for (let ix = 0; ix < inW; ix++) for (let ic = 0; ic < inD; ic++) {
    for (let fy = 0; fy < fH; fy++) for (let fx = 0; fx < fW; fx++) for (let oc = 0; oc < outD; oc++) {
      const oy = iy * s.stride[0] - padH + fy, ox = ix * s.stride[1] - padW + fx;
      if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) continue;
      const xv = s.inputData[((b * inH + iy) * inW + ix) * inD + ic];
      const wv = s.filterData[((oc * fH + fy) * fW + fx) * inD + ic];
      const k = ((b * outH + oy) * outW + ox) * outD + oc;
      if (f32) acc[k] = Math.fround((acc[k] as number) + Math.fround(Math.fround(xv) * Math.fround(wv)));
      else if (s.dtype === 'int16') acc[k] = (acc[k] as bigint) + BigInt(xv * wv);
      else acc[k] = ((acc[k] as number) + (xv + inOffset) * wv) | 0;
    }
  }
  const out: number[] = [];
  const qmin = s.dtype === 'int8' ? -128 : -32768, qmax = s.dtype === 'int8' ? 127 : 32767;
  for (let k = 0; k < n; k++) {
    const oc = k % outD;
    if (f32) {
      let v = Math.fround((acc[k] as number) + (s.bias ? Math.fround(s.bias[oc]) : 0));
      if (s.activation === 'RELU') v = Math.max(v, 0);
      if (s.activation === 'RELU6') v = Math.min(Math.max(v, 0), 6);
      if (s.activation === 'RELU_N1_TO_1') v = Math.min(Math.max(v, -1), 1);
      out.push(v);
      continue;
    }
    const fs = s.filterScales!;
    const [mult, shift] = quantizeMultiplier(Math.fround(s.inScale!) * Math.fround(fs.length > 1 ? fs[oc] : fs[0]) / Math.fround(s.outScale!));
    let v: number;
    if (s.dtype === 'int16') v = mbqm64((acc[k] as bigint) + BigInt(s.bias ? s.bias[oc] : 0), mult, shift);
    else v = mbqm(((acc[k] as number) + (s.bias ? s.bias[oc] : 0)) | 0, mult, shift) + (s.outZp ?? 0);
    out.push(Math.min(Math.max(v, qmin), qmax)); // quantized kernels ignore the fused activation, as TFLM's do
  }
  return out;
}

// Seeded values (xorshift32).
function seeded(seed: number) {
  let st = seed >>> 0 || 1;
  return (lo: number, hi: number) => {
    st ^= st << 13; st >>>= 0; st ^= st >>> 17; st ^= st << 5; st >>>= 0;
    return lo + (st % (hi - lo + 1));
  };
}
function randomSpec(seed: number, base: Omit<Spec, 'inputData' | 'filterData' | 'bias' | 'filterScales'> & { withBias: boolean }): Spec {
  const r = seeded(seed);
  const inCount = base.input.reduce((a, b) => a * b, 1);
  const outD = base.output[3];
  const fCount = outD * base.filterHW[0] * base.filterHW[1] * base.input[3];
  const f32 = base.dtype === 'float32';
  const inLimit = base.dtype === 'int16' ? 32767 : 127;
  return {
    ...base,
    inputData: Array.from({ length: inCount }, () => f32 ? r(-1000, 1000) / 256 : r(-inLimit - 1, inLimit)),
    filterData: Array.from({ length: fCount }, () => f32 ? r(-1000, 1000) / 512 : r(-127, 127)),
    bias: base.withBias ? Array.from({ length: outD }, () => f32 ? r(-100, 100) / 8 : r(-20000, 20000)) : undefined,
    filterScales: f32 ? undefined : Array.from({ length: outD }, () => r(1, 1000) / 100000),
  };
}
function seededCase(name: string, s: Spec, tolerance?: number): OpCase {
  return { name, build: (m) => build(m, s), inputs: [s.inputData], expected: [reference(s)], tolerance };
}

export const cases: OpCase[] = [
  {
    name: 'float32 1-D, stride 2, bias and RELU',
    build(m) {
      build(m, { dtype: 'float32', input: [1, 1, 2, 1], output: [1, 1, 5, 1], filterHW: [1, 3], stride: [1, 2], padding: 'VALID',
        activation: 'RELU', inputData: [], filterData: [1, 10, 100], bias: [-1.5] });
    },
    // input 1 spreads [1, 10, 100] over outputs 0..2; input 2 spreads [2, 20, 200] over 2..4:
    // [1, 10, 102, 20, 200] - 1.5 -> RELU -> [0, 8.5, 100.5, 18.5, 198.5]
    inputs: [[1, 2]],
    expected: [[0, 8.5, 100.5, 18.5, 198.5]],
  },
  {
    name: 'int8 per-channel 1x1: input zero point, bias, output zero point',
    build(m) {
      build(m, { dtype: 'int8', input: [1, 1, 1, 2], output: [1, 1, 1, 2], filterHW: [1, 1], stride: [1, 1], padding: 'VALID',
        inputData: [], filterData: [1, 2, 3, -1], bias: [10, -4], inScale: 1, inZp: 1, outScale: 1, outZp: 3, filterScales: [0.5, 0.25] });
    },
    // x - zp = [2, -2]: channel 0: 2 - 4 + 10 = 8, x 0.5 = 4, + 3 = 7; channel 1: 6 + 2 - 4 = 4, x 0.25 = 1, + 3 = 4
    inputs: [[3, -1]],
    expected: [[7, 4]],
  },
  {
    name: 'int8 ignores the fused activation (as TFLM) and saturates',
    build(m) {
      build(m, { dtype: 'int8', input: [1, 1, 1, 1], output: [1, 1, 1, 3], filterHW: [1, 1], stride: [1, 1], padding: 'VALID', activation: 'RELU',
        inputData: [], filterData: [-1, 127, -127], inScale: 1, inZp: 0, outScale: 1, outZp: 0, filterScales: [1] });
    },
    // 10 x [-1, 127, -127] = [-10, 1270, -1270]: RELU not applied, the others saturate
    inputs: [[10]],
    expected: [[-10, 127, -128]],
  },
  {
    name: 'int16 with an int16 bias (widened to int64)',
    build(m) {
      build(m, { dtype: 'int16', input: [1, 1, 2, 1], output: [1, 1, 3, 1], filterHW: [1, 2], stride: [1, 1], padding: 'VALID',
        inputData: [], filterData: [3, -2], bias: [-7], biasType: 'int16', inScale: 1, inZp: 0, outScale: 1, outZp: 0, filterScales: [1] });
    },
    // outputs: [3a, -2a + 3b, -2b] - 7 with a = 1000, b = -2000 -> [2993, -8007, 3993]
    inputs: [[1000, -2000]],
    expected: [[2993, -8007, 3993]],
  },
  seededCase('int8 per-channel, SAME, stride 2x2, 3x3 filter, batch 2', randomSpec(1, {
    dtype: 'int8', input: [2, 3, 3, 3], output: [2, 6, 6, 5], filterHW: [3, 3], stride: [2, 2], padding: 'SAME', withBias: true,
    inScale: 0.02, inZp: -3, outScale: 0.05, outZp: 4 })),
  seededCase('int16 x int8, int64 bias, VALID, stride 1x2, 3x4 filter (SEANet shape)', randomSpec(2, {
    dtype: 'int16', input: [1, 1, 5, 4], output: [1, 3, 12, 3], filterHW: [3, 4], stride: [1, 2], padding: 'VALID', withBias: true,
    inScale: 0.001, inZp: 0, outScale: 0.003, outZp: 0 })),
  seededCase('int16 without bias, SAME, stride 3x1', randomSpec(3, {
    dtype: 'int16', input: [1, 2, 3, 2], output: [1, 6, 3, 2], filterHW: [2, 3], stride: [3, 1], padding: 'SAME', withBias: false,
    inScale: 0.001, inZp: 0, outScale: 0.002, outZp: 0 })),
  seededCase('float32, SAME, stride 2, output smaller than the input reaches', randomSpec(4, {
    dtype: 'float32', input: [1, 3, 3, 2], output: [1, 4, 5, 3], filterHW: [3, 3], stride: [2, 2], padding: 'SAME', withBias: true }), 1e-5),
  {
    name: 'refuses float32 input with int8 weights (hybrid)',
    build(m) {
      const shape = m.constant({ dtype: 'int32', shape: [4], data: [1, 1, 1, 1] });
      const w = m.constant({ dtype: 'int8', shape: [1, 1, 1, 1], data: [1], scale: 1, zeroPoint: 0 });
      const x = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 1] });
      m.op('TRANSPOSE_CONV', [shape, w, x], [y], options.raw(TRANSPOSE_CONV_OPTIONS, [[0, 'int8', 1], [1, 'int32', 1], [2, 'int32', 1]]));
      m.inputs(x).outputs(y);
    },
    refused: /TRANSPOSE_CONV v1 \(operator 0\): hybrid/,
  },
  {
    name: 'refuses an int64 bias with int8 input',
    build(m) {
      build(m, { dtype: 'int8', input: [1, 1, 1, 1], output: [1, 1, 1, 1], filterHW: [1, 1], stride: [1, 1], padding: 'VALID',
        inputData: [], filterData: [1], bias: [0], biasType: 'int64', inScale: 1, inZp: 0, outScale: 1, outZp: 0, filterScales: [1] });
    },
    refused: /bias dtype int64 is not supported/,
  },
  {
    name: 'refuses a filter whose input channels differ from the input',
    build(m) {
      const shape = m.constant({ dtype: 'int32', shape: [4], data: [1, 2, 2, 1] });
      const w = m.constant({ dtype: 'float32', shape: [1, 2, 2, 3], data: new Float32Array(12) });
      const x = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      m.op('TRANSPOSE_CONV', [shape, w, x], [y], options.raw(TRANSPOSE_CONV_OPTIONS, [[0, 'int8', 1], [1, 'int32', 1], [2, 'int32', 1]]));
      m.inputs(x).outputs(y);
    },
    refused: /filter input channels \(dimension 3\) differ/,
  },
];
