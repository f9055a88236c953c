// Model.invoke() results beyond success: an op ending the run early on purpose
// (CIRCULAR_BUFFER still collecting input) and the WHILE iteration cap set from the API.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelBuilder } from './builder/tflite_builder.js';
import { neverEndingWhile } from './control_flow_models.js';
import { Microlite, MicroliteError, quantize } from '../bindings/index.js';
import { engineFor } from './helpers.js';

test('invoke() returns false while a CIRCULAR_BUFFER is still collecting input, true when it runs', async () => {
  // 4 slots and no options: TFLM's shape rule runs the op every 2nd invoke; no "ready" output,
  // so on the other invokes the rest of the graph is skipped (kTfLiteAbort).
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'int8', shape: [1, 1, 1, 2], scale: 1, zeroPoint: 0 });
  const y = m.tensor({ dtype: 'int8', shape: [1, 4, 1, 2], scale: 1, zeroPoint: 0, isVariable: true });
  m.customOp('CIRCULAR_BUFFER', [x], [y]);
  m.inputs(x).outputs(y);
  const model = (await engineFor('scalar')).load(m.finish());
  const results: boolean[] = [];
  for (let k = 1; k <= 4; k++) {
    model.inputs[0].set([k, -k]);
    results.push(model.invoke());
  }
  assert.deepEqual(results, [false, true, false, true]);
  // After the 4th invoke the buffer holds the last four inputs, oldest first.
  assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), [1, -1, 2, -2, 3, -3, 4, -4]);
});

test('Microlite.create({ whileLimit }) caps WHILE loops; errors stay MicroliteErrors', async () => {
  const engine = await Microlite.create({ variant: 'scalar', whileLimit: 50 });
  const model = engine.load(neverEndingWhile());
  assert.throws(() => model.invoke(), (e: unknown) => e instanceof MicroliteError && /did not end after 50 iterations/.test(e.message));
});

test('quantize() gives the bytes TFLM\'s QUANTIZE op gives (float32 division, halves away from zero)', async () => {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'float32', shape: [64] });
  const q = m.tensor({ dtype: 'int8', shape: [64], scale: 0.1, zeroPoint: -3 });
  m.op('QUANTIZE', [x], [q]);
  m.inputs(x).outputs(q);
  const model = (await engineFor('scalar')).load(m.finish());
  const values = [-9.75, -9.25, 9.75, 0.25, 0.05, -0.05, 12.7, -12.9, 1e9, -1e9, NaN, Infinity, -Infinity];
  for (let k = 0; values.length < 64; k++) values.push(Math.sin(k * 12.9898) * 14);
  model.inputs[0].set(values);
  model.invoke();
  assert.deepEqual(Array.from(quantize(values, model.outputs[0])), Array.from(model.outputs[0].data as Int8Array));
  assert.deepEqual(Array.from(quantize([-9.75, -9.25, 9.75, 0.25], { dtype: 'int8', scale: 0.1, zeroPoint: 0 })), [-98, -93, 98, 3]);
});
