// Automatic arena: loading a model that needs a larger head moves the shared head, and the
// models already loaded keep their state and their results (no re-load, no reset).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelBuilder } from './builder/tflite_builder.js';
import { buildSineModel } from './builder/example_model.js';
import { runSteps } from '../bindings/conformance.js';
import { conformanceDir, engineFor, VARIANTS } from './helpers.js';

/** A CIRCULAR_BUFFER model: state (a variable tensor and op counters) carried across invokes. */
function circularModel(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'int8', shape: [1, 1, 1, 2], scale: 1, zeroPoint: 0 });
  const y = m.tensor({ dtype: 'int8', shape: [1, 3, 1, 2], scale: 1, zeroPoint: 0, isVariable: true });
  m.customOp('CIRCULAR_BUFFER', [x], [y]);
  m.inputs(x).outputs(y);
  return m.finish();
}

/** A model with a large planned area (forces the shared head to grow). */
function bigHeadModel(): Uint8Array {
  const m = new ModelBuilder();
  const a = m.tensor({ dtype: 'float32', shape: [1, 64, 64, 4] });
  const b = m.tensor({ dtype: 'float32', shape: [1, 64, 64, 4] });
  m.op('RELU', [a], [b]);
  m.inputs(a).outputs(b);
  return m.finish();
}

for (const variant of VARIANTS) {
  test(`${variant}: a larger model loaded later grows the head without resetting earlier models`, async () => {
    const engine = await engineFor(variant);
    const small = engine.load(circularModel());
    small.inputs[0].set([1, -1]);
    small.invoke();
    small.inputs[0].set([2, -2]);
    small.invoke();
    const headBefore = engine.arena.planned;
    const big = engine.load(bigHeadModel());
    assert.ok(engine.arena.planned > headBefore, 'the head grew');
    assert.equal(engine.arena.planned, Math.max(small.arena.planned, big.arena.planned));
    assert.equal(engine.arena.persistent, small.arena.persistent + big.arena.persistent);
    big.inputs[0].set(new Float32Array(64 * 64 * 4).fill(-1));
    big.invoke();
    small.inputs[0].set([3, -3]);
    small.invoke();
    // The buffer kept its first two entries across the load of the other model.
    assert.deepEqual(Array.from(small.outputs[0].data as Int8Array), [1, -1, 2, -2, 3, -3]);
    // Unloading the big model leaves the small one working.
    big.dispose();
    small.inputs[0].set([4, -4]);
    small.invoke();
    assert.deepEqual(Array.from(small.outputs[0].data as Int8Array), [2, -2, 3, -3, 4, -4]);
    const sine = engine.load(buildSineModel());
    sine.invoke();
  });
}

const dir = conformanceDir();
test('a streaming model keeps its state while larger conformance models load in between', { skip: dir === null ? 'conformance data not present' : false }, async () => {
  const index = JSON.parse(readFileSync(join(dir!, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string; goldens: string }>;
  const entry = (name: string) => index.find((m) => m.name === name)!;
  const audio = entry('tflm_audio_preprocessor_int8');
  const manifest = JSON.parse(readFileSync(join(dir!, audio.goldens, 'manifest.json'), 'utf8')) as { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }> };
  const stream = manifest.goldens.find((g) => (g.steps ?? 1) > 10)!;
  for (const variant of VARIANTS) {
    const engine = await engineFor(variant);
    const model = engine.load(readFileSync(join(dir!, audio.model)));
    const input = readFileSync(join(dir!, audio.goldens, stream.input));
    const steps = stream.steps!;
    const per = input.length / steps;
    const first = runSteps(model, input.subarray(0, per * 10), 10)[0];
    // Load (and run) models whose heads are larger: the audio model's state must survive.
    for (const name of ['tiny_kws_dscnn_int8', 'tiny_vww_mobilenetv1_025_int8']) {
      const other = engine.load(readFileSync(join(dir!, entry(name).model)));
      other.invoke();
    }
    const rest = runSteps(model, input.subarray(per * 10), steps - 10)[0];
    const got = Buffer.concat([first, rest]);
    const want = readFileSync(join(dir!, audio.goldens, stream.outputs[0].file));
    assert.ok(Buffer.compare(got, want) === 0, `${variant}: the stream output differs from TFLM's after other models loaded mid-stream`);
  }
});
