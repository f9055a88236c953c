// Seeded differential test: random single-op models of DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D
// and MAX_POOL_2D run on the scalar and the SIMD build must give the same output bytes (int8
// and float32 alike: the SIMD kernels keep the reference's per-lane operation order).
// SIMD_DIFF_SEED=n picks another seed, SIMD_DIFF_SCALE=k multiplies the case counts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options, PaddingName } from './builder/options.js';
import { Rng, DiffCase, expectSameBytes, int8s, int16s, floats, bytesOf, outSize, logScale, ACTIVATIONS, CHANNELS } from './simd_diff/gen.js';

const SEED = Number(process.env.SIMD_DIFF_SEED ?? 20240611);
const SCALE = Number(process.env.SIMD_DIFF_SCALE ?? 1);

type DwDType = 'int8' | 'int4' | 'float32' | 'int16';

/** A random DEPTHWISE_CONV_2D model: any multiplier, window, stride, dilation, padding. */
function depthwiseCase(r: Rng, index: number): DiffCase {
  const dtype = r.weighted([[70, 'int8'], [5, 'int4'], [20, 'float32'], [5, 'int16']] as const) as DwDType;
  const batches = r.chance(0.1) ? 2 : 1;
  const multiplier = r.chance(0.7) ? 1 : r.pick([2, 3, 4, 8, 16]);
  const inDepth = multiplier === 1 ? (r.chance(0.1) ? r.range(1, 140) : r.pick(CHANNELS)) : r.pick([1, 2, 3, 4, 5, 8, 9, 16, 17]);
  const outDepth = inDepth * multiplier;
  const square3 = r.chance(0.5);
  const kh = square3 ? 3 : r.range(1, 5), kw = square3 ? 3 : r.range(1, 5);
  const sh = r.pick([1, 1, 2, 3]), sw = r.chance(0.8) ? sh : r.pick([1, 2, 3]);
  const dh = r.chance(0.8) ? 1 : r.range(2, 3), dw = r.chance(0.8) ? dh : r.range(1, 3);
  const padding: PaddingName = r.chance(0.6) ? 'SAME' : 'VALID';
  const ih = r.range((kh - 1) * dh + 1, (kh - 1) * dh + 12), iw = r.range((kw - 1) * dw + 1, (kw - 1) * dw + 12);
  const oh = outSize(padding, ih, kh, sh, dh), ow = outSize(padding, iw, kw, sw, dw);
  const activation = r.pick(ACTIVATIONS);
  const hasBias = r.chance(0.85);
  const m = new ModelBuilder();
  const inputCount = batches * ih * iw * inDepth, filterCount = kh * kw * outDepth;
  let x: number, f: number, b = -1, y: number, input: Uint8Array;
  if (dtype === 'float32') {
    x = m.tensor({ dtype: 'float32', shape: [batches, ih, iw, inDepth] });
    f = m.constant({ dtype: 'float32', shape: [1, kh, kw, outDepth], data: floats(r, filterCount) });
    if (hasBias) b = m.constant({ dtype: 'float32', shape: [outDepth], data: floats(r, outDepth, 2) });
    y = m.tensor({ dtype: 'float32', shape: [batches, oh, ow, outDepth] });
    input = bytesOf(floats(r, inputCount, 4));
  } else {
    const act = dtype === 'int16' ? 'int16' : 'int8';
    const inScale = logScale(r, -8, -2), outScale = logScale(r, -6, 0);
    // Effective per-channel multipliers from 2^-14 up to 2^1.5 (left shifts included), now and
    // then one far smaller (right shifts of 31 and beyond).
    const wScales = Array.from({ length: outDepth }, () => Math.fround((outScale * 2 ** (r.chance(0.03) ? -40 : r.float() * 15.5 - 14)) / inScale));
    const zeros = wScales.map(() => 0);
    x = m.tensor({ dtype: act, shape: [batches, ih, iw, inDepth], scale: inScale, zeroPoint: act === 'int8' ? r.range(-128, 127) : 0 });
    const wq = { scale: wScales, zeroPoint: zeros, quantizedDimension: 3 };
    if (dtype === 'int4') {
      const packed = new Uint8Array(Math.ceil(filterCount / 2));
      for (let i = 0; i < packed.length; i++) packed[i] = r.range(0, 255);
      f = m.constant({ dtype: 'int4', shape: [1, kh, kw, outDepth], data: packed, ...wq });
    } else {
      f = m.constant({ dtype: 'int8', shape: [1, kh, kw, outDepth], data: int8s(r, filterCount), ...wq });
    }
    if (hasBias) {
      const span = 2 ** r.range(0, r.chance(0.05) ? 30 : 18);
      const values = Array.from({ length: outDepth }, () => Math.round((r.float() * 2 - 1) * span));
      const bq = { scale: wScales.map((s) => Math.fround(s * inScale)), zeroPoint: zeros, quantizedDimension: 0 };
      b = act === 'int16'
        ? m.constant({ dtype: 'int64', shape: [outDepth], data: new BigInt64Array(values.map(BigInt)), ...bq })
        : m.constant({ dtype: 'int32', shape: [outDepth], data: Int32Array.from(values), ...bq });
    }
    y = m.tensor({ dtype: act, shape: [batches, oh, ow, outDepth], scale: outScale, zeroPoint: act === 'int8' ? r.range(-128, 127) : 0 });
    input = bytesOf(act === 'int16' ? int16s(r, inputCount) : int8s(r, inputCount));
  }
  m.op('DEPTHWISE_CONV_2D', [x, f, b], [y], options.depthwiseConv2d({
    padding, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, depthMultiplier: multiplier, activation }));
  m.inputs(x).outputs(y);
  const name = `#${index} depthwise ${dtype} ${batches}x${ih}x${iw}x${inDepth} ${kh}x${kw} multiplier ${multiplier} ` +
    `stride ${sh},${sw} dilation ${dh},${dw} ${padding} ${activation}${hasBias ? '' : ' no bias'}`;
  return { name, model: m.finish(), inputs: [input] };
}

/** A random output shape and two input shapes that broadcast to it (dims kept or 1, leading 1s dropped). */
function broadcastShapes(r: Rng): [number[], number[], number[]] {
  const rank = r.pick([1, 2, 3, 4, 4, 4, 5]);
  const long = r.chance(0.3);
  const out = Array.from({ length: rank }, (_, k) => (k === rank - 1 && long ? r.range(16, 80) : r.range(1, 7)));
  const derive = () => (r.chance(0.45) ? out.slice() : out.map((d) => (r.chance(0.5) ? 1 : d)));
  const a = derive(), b = derive();
  // Each output dimension must come from an input.
  for (let k = 0; k < rank; k++) if (a[k] !== out[k] && b[k] !== out[k]) (r.chance(0.5) ? a : b)[k] = out[k];
  const strip = (s: number[]) => {
    let k = 0;
    while (k < s.length - 1 && s[k] === 1 && r.chance(0.7)) k++;
    return s.slice(k);
  };
  return [out, strip(a), strip(b)];
}

function addCase(r: Rng, index: number): DiffCase {
  const float = r.chance(0.25);
  const [out, sa, sb] = broadcastShapes(r);
  const activation = r.pick(ACTIVATIONS);
  const m = new ModelBuilder();
  const count = (s: number[]) => s.reduce((p, d) => p * d, 1);
  let a: number, b: number, y: number;
  if (float) {
    a = m.tensor({ dtype: 'float32', shape: sa });
    b = m.tensor({ dtype: 'float32', shape: sb });
    y = m.tensor({ dtype: 'float32', shape: out });
  } else {
    const s1 = logScale(r, -8, 0), s2 = r.chance(0.2) ? s1 : logScale(r, -8, 0);
    const so = Math.fround(Math.max(s1, s2) * 2 ** (r.float() * 6 - 2));
    a = m.tensor({ dtype: 'int8', shape: sa, scale: s1, zeroPoint: r.range(-128, 127) });
    b = m.tensor({ dtype: 'int8', shape: sb, scale: s2, zeroPoint: r.range(-128, 127) });
    y = m.tensor({ dtype: 'int8', shape: out, scale: so, zeroPoint: r.range(-128, 127) });
  }
  m.op('ADD', [a, b], [y], options.add({ activation }));
  m.inputs(a, b).outputs(y);
  const data = (n: number) => bytesOf(float ? floats(r, n, 8) : int8s(r, n));
  const name = `#${index} add ${float ? 'float32' : 'int8'} [${sa}] + [${sb}] -> [${out}] ${activation}`;
  return { name, model: m.finish(), inputs: [data(count(sa)), data(count(sb))] };
}

function poolCase(r: Rng, index: number): DiffCase {
  const float = r.chance(0.3);
  const op = r.chance(0.5) ? 'AVERAGE_POOL_2D' : 'MAX_POOL_2D';
  const batches = r.chance(0.1) ? 2 : 1;
  const depth = r.chance(0.1) ? r.range(1, 100) : r.pick(CHANNELS);
  const global = r.chance(0.1);
  const ih = r.range(1, global ? 20 : 10), iw = r.range(1, global ? 20 : 10);
  const fh = global ? ih : r.range(1, Math.min(4, ih)), fw = global ? iw : r.range(1, Math.min(4, iw));
  const sh = r.range(1, 3), sw = r.range(1, 3);
  // SAME needs every window to reach the input: strides up to the filter size.
  const padding: PaddingName = r.chance(0.5) && sh <= fh && sw <= fw ? 'SAME' : 'VALID';
  const oh = outSize(padding, ih, fh, sh, 1), ow = outSize(padding, iw, fw, sw, 1);
  const activation = r.pick(ACTIVATIONS);
  const m = new ModelBuilder();
  const q = float ? {} : { scale: logScale(r, -6, 0), zeroPoint: r.range(-128, 127) };
  const dtype = float ? 'float32' : 'int8';
  const x = m.tensor({ dtype, shape: [batches, ih, iw, depth], ...q });
  const y = m.tensor({ dtype, shape: [batches, oh, ow, depth], ...q });
  m.op(op, [x], [y], options.pool2d({ padding, strideH: sh, strideW: sw, filterH: fh, filterW: fw, activation }));
  m.inputs(x).outputs(y);
  const n = batches * ih * iw * depth;
  const name = `#${index} ${op.toLowerCase()} ${dtype} ${batches}x${ih}x${iw}x${depth} window ${fh}x${fw} stride ${sh},${sw} ${padding} ${activation}`;
  return { name, model: m.finish(), inputs: [bytesOf(float ? floats(r, n, 4) : int8s(r, n))] };
}

function* cases(make: (r: Rng, index: number) => DiffCase, count: number, stream: number): Generator<DiffCase> {
  for (let i = 0; i < count; i++) yield make(new Rng(SEED, stream * 1_000_000 + i), i);
}

async function differential(make: (r: Rng, index: number) => DiffCase, count: number, stream: number): Promise<void> {
  const summary = await expectSameBytes(cases(make, count, stream), `seed ${SEED}: `);
  // Every generated model is valid: a refusal would mean a generator or prepare bug.
  assert.equal(summary.refused, 0, 'some random models were refused');
  assert.equal(summary.compared, count);
}

test('SIMD = scalar bytes: DEPTHWISE_CONV_2D (random models)', () => differential(depthwiseCase, Math.round(5000 * SCALE), 41));
test('SIMD = scalar bytes: ADD (random models)', () => differential(addCase, Math.round(3000 * SCALE), 42));
test('SIMD = scalar bytes: AVERAGE_POOL_2D, MAX_POOL_2D (random models)', () => differential(poolCase, Math.round(3000 * SCALE), 43));
