// The public JS API in Node: every way of handing over the engine build, variant checks, the
// engine/model/tensor surface, views after memory growth, quantize/dequantize rounding.
// (The same API in a browser page and a worker: tests/browser/run.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Microlite, MicroliteError, quantize, dequantize, simdSupported } from '../bindings/index.js';
import { buildSineModel } from './builder/example_model.js';
import { conformanceDir, repoRoot } from './helpers.js';

const wasmPath = resolve(repoRoot, 'build/microlite.wasm');
const simdPath = resolve(repoRoot, 'build/microlite.simd.wasm');

function runSine(engine: Microlite): number {
  const model = engine.load(buildSineModel());
  model.inputs[0].set(quantize([1.5], model.inputs[0]));
  model.invoke();
  const y = dequantize(model.outputs[0])[0];
  model.dispose();
  return y;
}

test('the engine build can be given as a path, a URL, bytes, a Response, a promise of one or a Module', async () => {
  const bytes = readFileSync(wasmPath);
  const sources = [
    wasmPath, pathToFileURL(wasmPath), pathToFileURL(wasmPath).href, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    new Response(bytes, { headers: { 'content-type': 'application/wasm' } }), Promise.resolve(new Response(bytes)),
    await WebAssembly.compile(bytes),
  ];
  const ys: number[] = [];
  for (const wasm of sources) {
    const engine = await Microlite.create({ wasm });
    assert.equal(engine.variant, 'scalar');
    ys.push(runSine(engine));
  }
  assert.ok(Math.abs(ys[0] - Math.sin(1.5)) < 0.05);
  assert.ok(ys.every((y) => y === ys[0]));
});

test('engines from one location share one compiled module; engine.module creates more', async () => {
  const a = await Microlite.create({ variant: 'scalar' });
  const b = await Microlite.create({ variant: 'scalar' });
  assert.equal(a.module, b.module);
  const c = await Microlite.create({ wasm: a.module, variant: 'scalar' });
  assert.equal(c.module, a.module);
  assert.notEqual(c.abi.exports.memory, a.abi.exports.memory, 'each engine has its own memory');
});

test('variant: auto picks SIMD where supported; a build of the other variant is refused', async () => {
  assert.equal((await Microlite.create()).variant, simdSupported() ? 'simd' : 'scalar');
  await assert.rejects(Microlite.create({ variant: 'simd', wasm: wasmPath }), /this \.wasm is the scalar build, not simd/);
  assert.equal((await Microlite.create({ variant: 'auto', wasm: simdPath })).variant, 'simd');
  await assert.rejects(Microlite.create({ variant: 'fast' as 'auto' }), /unknown variant 'fast'/);
});

test('a missing build, a WASI build and a foreign module are refused with MicroliteErrors', async () => {
  await assert.rejects(Microlite.create({ wasm: resolve(repoRoot, 'build/nope.wasm') }), (err: Error) => err instanceof MicroliteError && /cannot read the engine build/.test(err.message));
  const wasi = resolve(repoRoot, 'build/microlite.wasi.wasm');
  await assert.rejects(Microlite.create({ wasm: wasi }), /needs imports \(wasi_snapshot_preview1\.[a-z_]+, \.\.\.\): use microlite\.wasm/);
  const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  await assert.rejects(Microlite.create({ wasm: empty }), /not a microlite engine build/);
  // Not WebAssembly at all (a model file, bytes or a path): a MicroliteError, not the CompileError.
  for (const wasm of [buildSineModel(), resolve(repoRoot, 'README.md')]) {
    await assert.rejects(Microlite.create({ wasm }), (err: Error) => err instanceof MicroliteError && /^cannot compile the engine build: /.test(err.message));
  }
  await assert.rejects(Microlite.create({ wasm: Promise.resolve(new Response('nope', { status: 404 })) }), /HTTP 404/);
  // JavaScript callers can pass anything: the message says what is taken.
  for (const wasm of [42, {}, Promise.resolve(null), Promise.resolve(7)]) {
    await assert.rejects(Microlite.create({ wasm: wasm as unknown as URL }), (err: Error) => err instanceof MicroliteError
      && err.message === 'wasm must be a URL, path, bytes, Module or Response');
  }
});

test('models, ops, tensors, disposal and the engine\'s model list', async () => {
  const engine = await Microlite.create({ variant: 'scalar' });
  const model = engine.load(buildSineModel());
  assert.deepEqual(engine.models, [model]);
  assert.equal(model.engine, engine);
  const ops = model.ops;
  assert.deepEqual(ops.map((o) => o.op), ['FULLY_CONNECTED', 'FULLY_CONNECTED']);
  assert.ok(ops.every((o) => o.customName === undefined));
  const tensors = model.tensors;
  assert.equal(tensors[model.inputs[0].index].isInput, true);
  assert.equal(tensors[model.outputs[0].index].kind, 'planned');
  assert.ok(Object.isFrozen(model.inputs) && Object.isFrozen(model.inputs[0].shape));
  assert.equal(model.disposed, false);
  model.dispose();
  model.dispose();
  assert.equal(model.disposed, true);
  assert.deepEqual(engine.models, []);
  assert.throws(() => model.invoke(), /disposed/);
  assert.throws(() => engine.load('model.tflite' as unknown as ArrayBuffer), /model bytes must be an ArrayBuffer/);
});

test('custom ops carry their name', { skip: !conformanceDir() && 'no conformance data' }, async () => {
  const engine = await Microlite.create({ variant: 'scalar' });
  const model = engine.load(readFileSync(resolve(conformanceDir()!, 'models/tflm_audio_preprocessor_int8.tflite')));
  const custom = model.ops.filter((o) => o.op === 'CUSTOM');
  assert.ok(custom.length > 0);
  assert.ok(custom.every((o) => typeof o.customName === 'string' && o.customName.length > 0), JSON.stringify(custom.map((o) => o.customName)));
});

test('tensor.data is a live view: re-derived after memory growth, writes reach the engine', async () => {
  const dir = conformanceDir();
  const engine = await Microlite.create({ variant: 'scalar' });
  const small = engine.load(buildSineModel());
  const before = small.inputs[0].data;
  const memory = engine.memoryBytes;
  const big = engine.load(dir ? readFileSync(resolve(dir, 'models/tiny_vww_mobilenetv1_025_int8.tflite')) : buildSineModel());
  if (dir) assert.ok(engine.memoryBytes > memory, 'memory grew');
  const after = small.inputs[0].data;
  assert.equal(after.length, 1);
  if (dir) assert.equal(before.length, 0, 'the old view was detached by growth');
  small.inputs[0].set(quantize([1.5], small.inputs[0]));
  small.invoke();
  assert.ok(Math.abs(dequantize(small.outputs[0])[0] - Math.sin(1.5)) < 0.05);
  assert.equal(small.outputs[0].data, small.outputs[0].data, 'the view is cached while memory is unchanged');
  assert.throws(() => small.inputs[0].set([1, 2]), /holds 1 values \(1 bytes\), got 2/);
  big.dispose();
});

test('quantize rounds halves away from zero and saturates, as TFLM; dequantize inverts it', () => {
  const t = { dtype: 'int8' as const, scale: 0.5, zeroPoint: -1 };
  // NaN converts as TFLM's QUANTIZE converts it: to INT32_MIN, plus the zero point (-1 wraps
  // around, as in TFLM's build), then saturated.
  assert.deepEqual([...quantize([0.25, -0.25, 0.75, -0.75, 1000, -1000, NaN], t)], [0, -2, 1, -3, 127, -128, 127]);
  const u = { dtype: 'int16' as const, scale: 1, zeroPoint: 0 };
  assert.deepEqual([...quantize([2.5, -2.5, 40000], u)], [3, -3, 32767]);
  assert.throws(() => quantize([1], { dtype: 'float32', scale: 0, zeroPoint: 0 }), MicroliteError);
  const data = new Int8Array([-1, 1, 127]);
  assert.deepEqual([...dequantize({ data, dtype: 'int8', scale: 0.5, zeroPoint: -1 })], [0, 1, 64]);
});
