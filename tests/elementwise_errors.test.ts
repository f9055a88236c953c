// Ops that TFLM fails at invoke (not at load) on bad input values: RSQRT int8 below the zero
// point, FLOOR_DIV by zero. The invoke must throw a clear message; the engine stays usable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelBuilder } from './builder/tflite_builder.js';
import { MicroliteError } from '../bindings/index.js';
import { engineFor, VARIANTS } from './helpers.js';

function rsqrtModel(): Uint8Array {
  const m = new ModelBuilder();
  const a = m.tensor({ dtype: 'int8', shape: [3], scale: 0.25, zeroPoint: 5 });
  const b = m.tensor({ dtype: 'int8', shape: [3], scale: 0.0625, zeroPoint: 0 });
  m.op('RSQRT', [a], [b]);
  m.inputs(a).outputs(b);
  return m.finish();
}

function floorDivModel(): Uint8Array {
  const m = new ModelBuilder();
  const a = m.tensor({ dtype: 'float32', shape: [2] });
  const b = m.tensor({ dtype: 'float32', shape: [2] });
  const y = m.tensor({ dtype: 'float32', shape: [2] });
  m.op('FLOOR_DIV', [a, b], [y]);
  m.inputs(a, b).outputs(y);
  return m.finish();
}

for (const variant of VARIANTS) {
  test(`${variant}: RSQRT int8 fails the invoke on inputs below the zero point`, async () => {
    const model = (await engineFor(variant)).load(rsqrtModel());
    model.inputs[0].set([9, 5, 6]); // real [1, 0, 0.25]
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), [16, 127, 32]);
    model.inputs[0].set([9, 4, 6]);
    assert.throws(() => model.invoke(), (e: unknown) => e instanceof MicroliteError && /RSQRT v1 \(operator 0\): only defined for inputs at or above the zero point/.test(e.message));
    model.inputs[0].set([9, 5, 6]);
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), [16, 127, 32]);
  });

  test(`${variant}: FLOOR_DIV fails the invoke on a zero denominator (including -0)`, async () => {
    const model = (await engineFor(variant)).load(floorDivModel());
    model.inputs[0].set([7, -7]);
    model.inputs[1].set([2, 2]);
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Float32Array), [3, -4]);
    for (const zero of [0, -0]) {
      model.inputs[1].set([2, zero]);
      assert.throws(() => model.invoke(), (e: unknown) => e instanceof MicroliteError && /FLOOR_DIV v1 \(operator 0\): division by zero/.test(e.message));
    }
  });
}
