// The engine through the JS API: loading, refusing bad models with messages, arena sizing,
// multi-tenancy, offline plans, lifecycle errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModelBuilder, offlinePlanBytes } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { buildSineModel } from './builder/example_model.js';
import { MicroliteError, quantize, dequantize } from '../bindings/index.js';
import { engineFor, VARIANTS, repoRoot } from './helpers.js';

/** Two chained int8 FULLY_CONNECTED ops: x[1,4] -> h[1,8] -> y[1,2]. */
function twoLayerModel(offline?: number[]): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'int8', shape: [1, 4], scale: 0.1, zeroPoint: 0 });
  const w1 = m.constant({ dtype: 'int8', shape: [8, 4], data: Array.from({ length: 32 }, (_, i) => (i % 7) - 3), scale: 0.05, zeroPoint: 0 });
  const h = m.tensor({ name: 'h', dtype: 'int8', shape: [1, 8], scale: 0.2, zeroPoint: 1 });
  const w2 = m.constant({ dtype: 'int8', shape: [2, 8], data: Array.from({ length: 16 }, (_, i) => 5 - i), scale: 0.05, zeroPoint: 0 });
  const y = m.tensor({ name: 'y', dtype: 'int8', shape: [1, 2], scale: 0.3, zeroPoint: -2 });
  m.op('FULLY_CONNECTED', [x, w1, -1], [h], options.fullyConnected({ activation: 'RELU' }));
  m.op('FULLY_CONNECTED', [h, w2, -1], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  if (offline) m.addMetadata('OfflineMemoryAllocation', offlinePlanBytes(offline));
  return m.finish();
}

for (const variant of VARIANTS) {
  test(`${variant}: the built-in example approximates sin(x)`, async () => {
    const engine = await engineFor(variant);
    assert.equal(engine.variant, variant);
    const model = engine.load(buildSineModel());
    assert.equal(model.inputs.length, 1);
    assert.deepEqual(model.inputs[0].shape, [1, 1]);
    assert.equal(model.inputs[0].dtype, 'int8');
    for (const x of [0.5, 1.5, 3, 4.5, 6]) {
      model.inputs[0].set(quantize([x], model.inputs[0]));
      model.invoke();
      assert.ok(Math.abs(dequantize(model.outputs[0])[0] - Math.sin(x)) < 0.05, `sin(${x})`);
    }
  });
}

test('refuses a file that is not a TFLite model', async () => {
  const engine = await engineFor('scalar');
  assert.throws(() => engine.load(new TextEncoder().encode('this is not a model, just some text')), /not a TFLite model: file identifier is ' is ', expected 'TFL3'/);
  assert.throws(() => engine.load(new Uint8Array(3)), /not a TFLite model: file is only 3 bytes/);
});

test('every truncation of a model is refused with a message, never a trap', async () => {
  const engine = await engineFor('scalar');
  const bytes = twoLayerModel();
  for (let n = 0; n < bytes.length; n += 7) {
    try {
      engine.load(bytes.slice(0, n));
    } catch (err) {
      assert.ok(err instanceof MicroliteError, `length ${n}: ${String(err)}`);
      assert.ok(err.message.length > 10);
      continue;
    }
    // A prefix can only load if it holds the whole model (trailing padding).
    assert.ok(n > bytes.length - 16, `a ${n}-byte prefix of ${bytes.length} loaded`);
  }
});

test('an unsupported op is refused at load, by name and version', async () => {
  const m = new ModelBuilder();
  const a = m.tensor({ dtype: 'float32', shape: [2] });
  const b = m.tensor({ dtype: 'float32', shape: [2] });
  const y = m.tensor({ dtype: 'float32', shape: [2] });
  m.op('REVERSE_SEQUENCE', [a, b], [y], undefined, { version: 2 });
  m.inputs(a, b).outputs(y);
  const engine = await engineFor('scalar');
  assert.throws(() => engine.load(m.finish()), /^MicroliteError: REVERSE_SEQUENCE v2 is not supported$/);
});

test('a custom op is refused by its name', async () => {
  const m = new ModelBuilder();
  const a = m.tensor({ dtype: 'int8', shape: [4] });
  const y = m.tensor({ dtype: 'int8', shape: [4] });
  m.customOp('ethos-u', [a], [y]);
  m.inputs(a).outputs(y);
  const engine = await engineFor('scalar');
  assert.throws(() => engine.load(m.finish()), /custom op 'ethos-u' is not supported/);
});

test('a too-small arena says how many bytes it needs, and that figure works', async () => {
  const bytes = twoLayerModel();
  const autoEngine = await engineFor('scalar');
  const auto = autoEngine.load(bytes).arena.total;
  assert.equal(autoEngine.arena.total, auto);
  const small = await engineFor('scalar', 256);
  assert.throws(() => small.load(bytes), new RegExp(`arena too small: needs ${auto.toLocaleString('en-US')} bytes, got 256`));
  const exact = await engineFor('scalar', auto);
  const model = exact.load(bytes);
  model.invoke();
  assert.equal(exact.arena.total, auto);
  const smaller = await engineFor('scalar', auto - 16);
  assert.throws(() => smaller.load(bytes), /arena too small/);
});

test('two models share the planned area (multi-tenancy) and keep their own persistent data', async () => {
  const engine = await engineFor('scalar');
  const a = engine.load(twoLayerModel());
  const b = engine.load(buildSineModel());
  const arena = engine.arena;
  assert.equal(arena.planned, Math.max(a.arena.planned, b.arena.planned));
  assert.equal(arena.persistent, a.arena.persistent + b.arena.persistent);
  // Interleaved invokes give what each gives alone.
  const alone = (await engineFor('scalar')).load(twoLayerModel());
  alone.inputs[0].set([10, -20, 30, 40]);
  alone.invoke();
  const want = Array.from(alone.outputs[0].data as Int8Array);
  for (let k = 0; k < 3; k++) {
    a.inputs[0].set([10, -20, 30, 40]);
    a.invoke();
    assert.deepEqual(Array.from(a.outputs[0].data as Int8Array), want);
    b.inputs[0].set([k * 20]);
    b.invoke();
  }
});

test('the OfflineMemoryAllocation metadata fixes planned offsets', async () => {
  // Tensors: 0 x, 1 w1 (constant), 2 h, 3 w2 (constant), 4 y. Put y first and x after h.
  const bytes = twoLayerModel([64, -1, 16, -1, 0]);
  const engine = await engineFor('scalar');
  const model = engine.load(bytes);
  const offsets = model.tensors.map((t) => t.planOffset);
  assert.deepEqual(offsets, [64, -1, 16, -1, 0]);
  model.inputs[0].set([1, 2, 3, 4]);
  model.invoke();
  const reference = (await engineFor('scalar')).load(twoLayerModel());
  reference.inputs[0].set([1, 2, 3, 4]);
  reference.invoke();
  assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), Array.from(reference.outputs[0].data as Int8Array));
  assert.throws(() => engine.load(twoLayerModel([8, -1, 16, -1, 0])), /OfflineMemoryAllocation offset 8 for tensor 0 is not a 16-byte aligned offset/);
});

test('lifecycle errors are MicroliteErrors and the engine stays usable', async () => {
  const engine = await engineFor('scalar');
  const model = engine.load(twoLayerModel());
  assert.throws(() => model.inputs[0].set([1, 2, 3]), /holds 4 values \(4 bytes\), got 3/);
  model.dispose();
  assert.throws(() => model.invoke(), /disposed/);
  assert.throws(() => model.reset(), /disposed/);
  const again = engine.load(twoLayerModel());
  again.invoke();
  assert.throws(() => engine.load(new Uint8Array(100)), MicroliteError);
  again.invoke();
});

test('the package entry point and the built example file are in place', () => {
  const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'microlite');
  assert.ok(readFileSync(resolve(repoRoot, 'build/example.tflite')).length > 100);
});
