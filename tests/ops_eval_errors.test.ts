// Index data read at eval (GATHER positions, GATHER_ND indices, EMBEDDING_LOOKUP ids, SLICE
// begin/size given at run time, BROADCAST_ARGS shapes) can be out of range in any model: the
// invoke fails with a message naming the op (as TFLM returns an error), reads nothing out of
// bounds, and the model works again with good data.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelBuilder } from './builder/tflite_builder.js';
import { MicroliteError } from '../bindings/index.js';
import { options } from './builder/options.js';
import { engineFor, VARIANTS } from './helpers.js';

interface ErrorCase {
  name: string;
  build(m: ModelBuilder): void;
  bad: number[][];
  error: RegExp;
  good: number[][];
  expected: number[];
}

const cases: ErrorCase[] = [
  {
    name: 'GATHER position past the axis',
    build(m) {
      const p = m.constant({ dtype: 'float32', shape: [3], data: [1, 2, 3] });
      const i = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('GATHER', [p, i], [y], options.raw(23, [[0, 'int32', 0]]));
      m.inputs(i).outputs(y);
    },
    bad: [[0, 3]],
    error: /GATHER v1 \(operator 0\): position 3 \(at 1\) is outside \[0, 3\)/,
    good: [[2, 0]],
    expected: [3, 1],
  },
  {
    name: 'GATHER negative position',
    build(m) {
      const p = m.constant({ dtype: 'int8', shape: [2, 2], data: [1, 2, 3, 4], scale: 1, zeroPoint: 0 });
      const i = m.tensor({ dtype: 'int32', shape: [1] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 1], scale: 1, zeroPoint: 0 });
      m.op('GATHER', [p, i], [y], options.raw(23, [[0, 'int32', 1]]));
      m.inputs(i).outputs(y);
    },
    bad: [[-1]],
    error: /GATHER v1 \(operator 0\): position -1/,
    good: [[1]],
    expected: [2, 4],
  },
  {
    name: 'GATHER_ND index outside its dimension',
    build(m) {
      const p = m.constant({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] });
      const i = m.tensor({ dtype: 'int32', shape: [1, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('GATHER_ND', [p, i], [y], options.raw(83, []));
      m.inputs(i).outputs(y);
    },
    bad: [[0, 2]],
    error: /GATHER_ND v1 \(operator 0\): index 2 \(at 1\) is outside its dimension/,
    good: [[1, 1]],
    expected: [4],
  },
  {
    name: 'EMBEDDING_LOOKUP id past the table',
    build(m) {
      const ids = m.tensor({ dtype: 'int32', shape: [1] });
      const t = m.constant({ dtype: 'float32', shape: [2, 1], data: [5, 6] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1] });
      m.op('EMBEDDING_LOOKUP', [ids, t], [y]);
      m.inputs(ids).outputs(y);
    },
    bad: [[2]],
    error: /EMBEDDING_LOOKUP v1 \(operator 0\): lookup 2 is outside \[0, 2\)/,
    good: [[1]],
    expected: [6],
  },
  {
    name: 'SLICE run-time begin past the input',
    build(m) {
      const x = m.constant({ dtype: 'float32', shape: [3], data: [1, 2, 3] });
      const b = m.tensor({ dtype: 'int32', shape: [1] });
      const s = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('SLICE', [x, b, s], [y], options.raw(48, []));
      m.inputs(b).outputs(y);
    },
    bad: [[2]],
    error: /SLICE v1 \(operator 0\): size reaches outside the input/,
    good: [[1]],
    expected: [2, 3],
  },
  {
    name: 'BROADCAST_ARGS of incompatible shapes',
    build(m) {
      const a = m.tensor({ dtype: 'int32', shape: [2] });
      const b = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'int32', shape: [2] });
      m.op('BROADCAST_ARGS', [a, b], [y]);
      m.inputs(a, b).outputs(y);
    },
    bad: [[2, 3], [2, 4]],
    error: /BROADCAST_ARGS v1 \(operator 0\): shapes do not broadcast \(output dimension 1\)/,
    good: [[2, 1], [1, 4]],
    expected: [2, 4],
  },
];

for (const c of cases) {
  test(`eval errors: ${c.name}`, async () => {
    const m = new ModelBuilder();
    c.build(m);
    const bytes = m.finish();
    for (const variant of VARIANTS) {
      const model = (await engineFor(variant)).load(bytes);
      c.bad.forEach((v, i) => model.inputs[i].set(v));
      assert.throws(() => model.invoke(), (err: unknown) => err instanceof MicroliteError && c.error.test(err.message),
        `${variant}: expected an invoke error matching ${c.error}`);
      c.good.forEach((v, i) => model.inputs[i].set(v));
      model.invoke();
      assert.deepEqual(Array.from(model.outputs[0].data as ArrayLike<number>, Number), c.expected, `${variant}: output after recovery`);
    }
  });
}
