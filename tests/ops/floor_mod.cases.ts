// FLOOR_MOD: hand-worked cases (float32 only in TFLM): the remainder takes the divisor's sign.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function binary(m: ModelBuilder, a: TensorSpec, b: TensorSpec, out: TensorSpec) {
  const x = m.tensor(a);
  const y = m.tensor(b);
  const z = m.tensor(out);
  m.op('FLOOR_MOD', [x, y], [z]);
  m.inputs(x, y).outputs(z);
}

export const cases: OpCase[] = [
  {
    name: 'float32 signs',
    build(m) { binary(m, { dtype: 'float32', shape: [6] }, { dtype: 'float32', shape: [6] }, { dtype: 'float32', shape: [6] }); },
    // fmod: 1, -1, 1, -1, 1.5, 0 -> moved to the divisor's sign where they differ
    inputs: [[7, -7, 7, -7, 5.5, 6], [2, 2, -2, -2, 2, -3]],
    expected: [[1, 1, -1, -1, 1.5, 0]],
  },
  {
    name: 'float32 with a broadcast divisor column',
    build(m) { binary(m, { dtype: 'float32', shape: [2, 2] }, { dtype: 'float32', shape: [2, 1] }, { dtype: 'float32', shape: [2, 2] }); },
    inputs: [[5, -5, 5, -5], [3, -3]],
    expected: [[2, 1, -1, -2]],
  },
  {
    name: 'refuses int8',
    build(m) { binary(m, { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /FLOOR_MOD v1 \(operator 0\): input dtype int8 is not supported/,
  },
];
