// Random single-op models for the SIMD differential tests, and the runner that checks the
// scalar and SIMD builds give the same output bytes. Every case is determined by (seed, index).
//
//   const rng = new Rng(seed, index);
//   const c = conv2dCase(rng, 'int8');          // { name, model, inputs }
//   await expectSameBytes([c]);                 // throws on the first difference

import assert from 'node:assert/strict';
import { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { options, ActivationName, PaddingName } from '../builder/options.js';
import { MicroliteError, Microlite } from '../../bindings/index.js';
import { engineFor } from '../helpers.js';
import { Rng } from '../fuzz/rng.js';

export { Rng };

/** One random model: its bytes and the raw bytes of each input. */
export interface DiffCase {
  name: string;
  model: Uint8Array;
  inputs: Uint8Array[];
}

export const ACTIVATIONS: ActivationName[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
/** Channel counts around the SIMD widths (4, 8, 16) and the kernels' 256-channel table. */
export const CHANNELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 19, 23, 24, 25, 31, 32, 33, 40, 47, 64, 65];

export function int8s(rng: Rng, n: number): Int8Array {
  const a = new Int8Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.range(-128, 127);
  return a;
}

export function int16s(rng: Rng, n: number): Int16Array {
  const a = new Int16Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.range(-32768, 32767);
  return a;
}

export function floats(rng: Rng, n: number, magnitude = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rng.float() * 2 - 1) * magnitude;
  return a;
}

/** Raw bytes of a typed array. */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

/** A scale 2^e with e uniform in [lo, hi] (log-uniform), times a mantissa in [1, 2). */
export function logScale(rng: Rng, lo: number, hi: number): number {
  return Math.fround(2 ** (lo + rng.float() * (hi - lo)) * (1 + rng.float()));
}

/** Integer bias values: mostly moderate, sometimes near the int32 range's quarter. */
function biasValues(rng: Rng, n: number): Int32Array {
  const big = rng.chance(0.15);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) b[i] = big ? rng.range(-(2 ** 29), 2 ** 29) : rng.range(-40000, 40000);
  return b;
}

/**
 * Per-output-channel filter scales and an output scale such that the effective multipliers
 * (input x filter / output) cover shifts from about -24 to +4, differing between channels.
 */
function quantScales(rng: Rng, channels: number, depth: number): { input: number; filter: number[]; output: number } {
  const input = logScale(rng, -8, 0);
  const base = logScale(rng, -9, -2);
  const spread = rng.pick([0, 0, 1, 3, 6]);
  const filter = Array.from({ length: channels }, () => Math.fround(base * 2 ** ((rng.float() * 2 - 1) * spread)));
  // Accumulators grow with sqrt(depth) * 128 * 64; aim the output near the int8 range, or off it.
  const typical = Math.sqrt(depth) * 128 * 64 * input * base;
  const output = Math.fround(typical / 127 * 2 ** rng.range(-4, 12) / 16);
  return { input, filter, output };
}

/** Output size along one axis, as TFLite computes it; 0 when the window does not fit. */
export function outSize(padding: PaddingName, size: number, filter: number, stride: number, dilation: number): number {
  const effective = (filter - 1) * dilation + 1;
  if (padding === 'SAME') return Math.ceil(size / stride);
  return size >= effective ? Math.floor((size - effective) / stride) + 1 : 0;
}

export type ConvDType = 'int8' | 'int4' | 'float32' | 'int16';

/** A random CONV_2D model (int4: int8 activations with a packed int4 filter). */
export function conv2dCase(rng: Rng, dtype: ConvDType): DiffCase {
  for (;;) {
    const batches = rng.chance(0.15) ? 2 : 1;
    const pointwise = rng.chance(0.4);
    const fh = pointwise ? 1 : rng.weighted([[3, 3], [1, 1], [1, 2], [1, 5], [1, 4], [1, 10]] as const);
    const fw = pointwise ? 1 : rng.weighted([[3, 3], [1, 1], [1, 2], [1, 5], [1, 4], [1, 7]] as const);
    const strideH = rng.weighted([[6, 1], [3, 2], [1, 3]] as const);
    const strideW = rng.chance(0.8) ? strideH : rng.range(1, 3);
    const dilationH = rng.chance(0.15) ? rng.range(2, 3) : 1;
    const dilationW = rng.chance(0.15) ? rng.range(2, 3) : 1;
    const padding: PaddingName = rng.chance(0.5) ? 'SAME' : 'VALID';
    const inH = rng.range(1, 12), inW = rng.range(1, 12);
    // Depths above 128 take the c8 kernel for 1x1 filters (below, the pairs kernel).
    const inC = pointwise && rng.chance(0.2) ? rng.range(100, 300) : (rng.chance(0.15) ? rng.range(1, 80) : rng.pick(CHANNELS));
    const outC = rng.chance(0.03) ? rng.range(250, 270) : (rng.chance(0.15) ? rng.range(1, 80) : rng.pick(CHANNELS));
    // Grouped convolution (the SIMD set leaves it to the reference kernel) now and then.
    const groups = rng.chance(0.05) ? rng.pick([2, 3]) : 1;
    const filterC = inC;
    const inputC = inC * groups;
    const outChannels = groups > 1 ? Math.max(1, Math.round(outC / groups)) * groups : outC;
    const outH = outSize(padding, inH, fh, strideH, dilationH);
    const outW = outSize(padding, inW, fw, strideW, dilationW);
    if (outH < 1 || outW < 1) continue;
    const activation = rng.pick(ACTIVATIONS);
    const name = `conv2d ${dtype} ${batches}x${inH}x${inW}x${inputC} * ${outChannels}x${fh}x${fw}x${filterC} ` +
      `stride ${strideH},${strideW} dilation ${dilationH},${dilationW} ${padding} ${activation}`;
    const m = new ModelBuilder();
    const opts = options.conv2d({ padding, strideH, strideW, dilationH, dilationW, activation });
    const filterCount = outChannels * fh * fw * filterC;
    const inputCount = batches * inH * inW * inputC;
    if (dtype === 'float32') {
      const x = m.tensor({ dtype: 'float32', shape: [batches, inH, inW, inputC] });
      const w = m.constant({ dtype: 'float32', shape: [outChannels, fh, fw, filterC], data: floats(rng, filterCount) });
      const b = rng.chance(0.8) ? m.constant({ dtype: 'float32', shape: [outChannels], data: floats(rng, outChannels) }) : -1;
      const y = m.tensor({ dtype: 'float32', shape: [batches, outH, outW, outChannels] });
      m.op('CONV_2D', [x, w, b], [y], opts);
      m.inputs(x).outputs(y);
      return { name, model: m.finish(), inputs: [bytesOf(floats(rng, inputCount, 2))] };
    }
    const q = quantScales(rng, outChannels, fh * fw * filterC);
    const perChannel = rng.chance(0.85);
    const filterScale = perChannel ? q.filter : q.filter[0];
    const act: DTypeName = dtype === 'int16' ? 'int16' : 'int8';
    const zpIn = act === 'int8' ? rng.range(-128, 127) : 0;
    const zpOut = act === 'int8' ? rng.range(-128, 127) : 0;
    const x = m.tensor({ dtype: act, shape: [batches, inH, inW, inputC], scale: q.input, zeroPoint: zpIn });
    let w: number;
    const wq = { scale: filterScale, zeroPoint: perChannel ? q.filter.map(() => 0) : 0, quantizedDimension: 0 };
    if (dtype === 'int4') {
      const packed = new Uint8Array(Math.ceil(filterCount / 2));
      for (let i = 0; i < packed.length; i++) packed[i] = rng.range(0, 255);
      w = m.constant({ dtype: 'int4', shape: [outChannels, fh, fw, filterC], data: packed, ...wq });
    } else {
      w = m.constant({ dtype: 'int8', shape: [outChannels, fh, fw, filterC], data: int8s(rng, filterCount), ...wq });
    }
    let b = -1;
    if (rng.chance(0.85)) {
      const biasScale = q.filter.map((s) => Math.fround(s * q.input));
      const biasQuant = perChannel ? { scale: biasScale, zeroPoint: biasScale.map(() => 0) } : { scale: biasScale[0], zeroPoint: 0 };
      if (act === 'int16' && rng.chance(0.5)) {
        const values = Array.from(biasValues(rng, outChannels), (v) => BigInt(v) * BigInt(rng.range(1, 64)));
        b = m.constant({ dtype: 'int64', shape: [outChannels], data: new BigInt64Array(values), ...biasQuant });
      } else {
        b = m.constant({ dtype: 'int32', shape: [outChannels], data: biasValues(rng, outChannels), ...biasQuant });
      }
    }
    const y = m.tensor({ dtype: act, shape: [batches, outH, outW, outChannels], scale: q.output, zeroPoint: zpOut });
    m.op('CONV_2D', [x, w, b], [y], opts);
    m.inputs(x).outputs(y);
    const input = act === 'int16' ? int16s(rng, inputCount) : int8s(rng, inputCount);
    return { name: `${name} zp ${zpIn}/${zpOut}`, model: m.finish(), inputs: [bytesOf(input)] };
  }
}

export type FullyConnectedDType = 'int8' | 'float32';

/** A random FULLY_CONNECTED model. */
export function fullyConnectedCase(rng: Rng, dtype: FullyConnectedDType): DiffCase {
  const batches = rng.weighted([[6, 1], [2, 2], [1, 3], [1, 5]] as const);
  const depth = rng.chance(0.5) ? rng.range(1, 300) : rng.pick([8, 16, 24, 32, 64, 128, 7, 9, 15, 17]);
  const units = rng.chance(0.03) ? rng.range(250, 300) : (rng.chance(0.3) ? rng.range(1, 80) : rng.pick(CHANNELS));
  const activation = rng.pick(ACTIVATIONS);
  const name = `fully_connected ${dtype} ${batches}x${depth} * ${units}x${depth} ${activation}`;
  const m = new ModelBuilder();
  const opts = options.fullyConnected({ activation });
  if (dtype === 'float32') {
    const x = m.tensor({ dtype: 'float32', shape: [batches, depth] });
    const w = m.constant({ dtype: 'float32', shape: [units, depth], data: floats(rng, units * depth) });
    const b = rng.chance(0.8) ? m.constant({ dtype: 'float32', shape: [units], data: floats(rng, units) }) : -1;
    const y = m.tensor({ dtype: 'float32', shape: [batches, units] });
    m.op('FULLY_CONNECTED', [x, w, b], [y], opts);
    m.inputs(x).outputs(y);
    return { name, model: m.finish(), inputs: [bytesOf(floats(rng, batches * depth, 2))] };
  }
  const q = quantScales(rng, units, depth);
  const perChannel = rng.chance(0.3);
  // A filter zero point is legal for per-tensor int8 weights (the SIMD set leaves it to the reference).
  const zpFilter = !perChannel && rng.chance(0.1) ? rng.range(-20, 20) : 0;
  const zpIn = rng.range(-128, 127), zpOut = rng.range(-128, 127);
  const x = m.tensor({ dtype: 'int8', shape: [batches, depth], scale: q.input, zeroPoint: zpIn });
  const w = m.constant({ dtype: 'int8', shape: [units, depth], data: int8s(rng, units * depth),
    scale: perChannel ? q.filter : q.filter[0], zeroPoint: perChannel ? q.filter.map(() => 0) : zpFilter, quantizedDimension: 0 });
  const biasScale = Math.fround(q.input * q.filter[0]);
  const b = rng.chance(0.8) ? m.constant({ dtype: 'int32', shape: [units], data: biasValues(rng, units), scale: perChannel ? q.filter.map((s) => Math.fround(s * q.input)) : biasScale, zeroPoint: perChannel ? q.filter.map(() => 0) : 0 }) : -1;
  const y = m.tensor({ dtype: 'int8', shape: [batches, units], scale: q.output, zeroPoint: zpOut });
  m.op('FULLY_CONNECTED', [x, w, b], [y], opts);
  m.inputs(x).outputs(y);
  return { name: `${name} zp ${zpIn}/${zpFilter}/${zpOut} ${perChannel ? 'per-channel' : 'per-tensor'}`, model: m.finish(),
    inputs: [bytesOf(int8s(rng, batches * depth))] };
}

/** Runs one model on an engine: the output bytes, or the refusal message. */
function run(engine: Microlite, c: DiffCase): { outputs?: Uint8Array[]; refused?: string } {
  let model;
  try {
    model = engine.load(c.model);
  } catch (err) {
    if (err instanceof MicroliteError) return { refused: err.message };
    throw err;
  }
  try {
    model.inputs.forEach((t, i) => t.set(c.inputs[i]));
    model.invoke();
    return { outputs: model.outputs.map((t) => { const d = t.data; return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice(); }) };
  } finally {
    model.dispose();
  }
}

export interface DiffSummary { compared: number; refused: number; }

/**
 * Runs every case on the scalar and the SIMD build and asserts identical output bytes (or the
 * same refusal). `label` prefixes failure messages (e.g. the seed and case index).
 */
export async function expectSameBytes(cases: Iterable<DiffCase>, label = '', simdEngine?: Microlite): Promise<DiffSummary> {
  const scalar = await engineFor('scalar');
  const simd = simdEngine ?? await engineFor('simd');
  const summary: DiffSummary = { compared: 0, refused: 0 };
  for (const c of cases) {
    const a = run(scalar, c);
    const b = run(simd, c);
    assert.equal(b.refused, a.refused, `${label}${c.name}: refusal differs`);
    if (a.refused !== undefined) { summary.refused++; continue; }
    const ao = a.outputs!, bo = b.outputs!;
    for (let i = 0; i < ao.length; i++) {
      const first = ao[i].findIndex((v, k) => v !== bo[i][k]);
      if (first >= 0) assert.fail(`${label}${c.name}: output ${i} differs first at byte ${first} (scalar ${ao[i][first]}, simd ${bo[i][first]})`);
    }
    summary.compared++;
  }
  return summary;
}
