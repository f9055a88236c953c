// ADD_N: hand-worked cases, including TFLM's int8 sum that starts from the input offset.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function addN(m: ModelBuilder, inputs: TensorSpec[], out: TensorSpec) {
  const ids = inputs.map((t) => m.tensor(t));
  const z = m.tensor(out);
  m.op('ADD_N', ids, [z]);
  m.inputs(...ids).outputs(z);
}

const f32: TensorSpec = { dtype: 'float32', shape: [2] };

export const cases: OpCase[] = [
  {
    name: 'float32, three inputs',
    build(m) { addN(m, [f32, f32, f32], f32); },
    inputs: [[1, 2], [0.5, -1], [-0.25, 4]],
    expected: [[1.25, 5]],
  },
  {
    name: 'int8, zero point 0: the plain sum with saturation',
    build(m) {
      const q: TensorSpec = { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 0 };
      addN(m, [q, q, q], q);
    },
    inputs: [[10, -128], [20, -128], [100, 0]],
    expected: [[127, -128]],
  },
  {
    name: 'int8, zero point -10: TFLM adds the offset of a stored 0 once more',
    build(m) {
      const q: TensorSpec = { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: -10 };
      addN(m, [q, q], q);
    },
    // The exact sums are sum(q + 10) - 10 = [-10, 15]; TFLM's accumulator starts at
    // (0 - zp) instead of 0, giving sum(q + 10) = [0, 25].
    inputs: [[-10, 0], [-10, 5]],
    expected: [[0, 25]],
  },
  {
    name: 'refuses inputs of different shapes',
    build(m) { addN(m, [f32, { dtype: 'float32', shape: [1, 2] }], f32); },
    refused: /ADD_N v1 \(operator 0\): inputs have different shapes/,
  },
  {
    name: 'refuses int8 inputs with different scales',
    build(m) {
      addN(m, [{ dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 0 }, { dtype: 'int8', shape: [2], scale: 0.25, zeroPoint: 0 }],
        { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 0 });
    },
    refused: /ADD_N v1 \(operator 0\): int8 inputs must share one scale and zero point/,
  },
  {
    name: 'refuses int16',
    build(m) { const q: TensorSpec = { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }; addN(m, [q, q], q); },
    refused: /ADD_N v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses a single input',
    build(m) { addN(m, [f32], f32); },
    refused: /ADD_N v1 \(operator 0\): expects 2 to \d+ inputs, has 1/,
  },
];
