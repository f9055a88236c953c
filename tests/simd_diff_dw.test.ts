// Seeded differential test: random single-op models of DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D
// and MAX_POOL_2D run on the scalar and the SIMD build must give the same output bytes (int8
// and float32 alike: the SIMD kernels keep the reference's per-lane operation order).
// SIMD_DIFF_SEED=n picks another seed, SIMD_DIFF_SCALE=k multiplies the case counts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options, PaddingName } from './builder/options.js';
import { Rng, DiffCase, expectSameBytes, int8s, floats, bytesOf, outSize, logScale, ACTIVATIONS, CHANNELS } from './simd_diff/gen.js';
import { depthwiseCase } from './simd_diff/depthwise.js';

const SEED = Number(process.env.SIMD_DIFF_SEED ?? 20240611);
const SCALE = Number(process.env.SIMD_DIFF_SCALE ?? 1);

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
