// FLOOR_DIV: hand-worked cases (float32 only in TFLM). Division by zero is checked in
// tests/elementwise_errors.test.ts (it fails the invoke, not the load).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function binary(m: ModelBuilder, a: TensorSpec, b: TensorSpec, out: TensorSpec) {
  const x = m.tensor(a);
  const y = m.tensor(b);
  const z = m.tensor(out);
  m.op('FLOOR_DIV', [x, y], [z]);
  m.inputs(x, y).outputs(z);
}

export const cases: OpCase[] = [
  {
    name: 'float32: rounds toward minus infinity',
    build(m) { binary(m, { dtype: 'float32', shape: [5] }, { dtype: 'float32', shape: [5] }, { dtype: 'float32', shape: [5] }); },
    inputs: [[7, -7, 7, -7, 5.5], [2, 2, -2, -2, 0.5]],
    expected: [[3, -4, -4, 3, 11]],
  },
  {
    name: 'float32 with a broadcast denominator',
    build(m) { binary(m, { dtype: 'float32', shape: [2, 2] }, { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [2, 2] }); },
    inputs: [[1, -1, 3, 9], [2]],
    expected: [[0, -1, 1, 4]],
  },
  {
    name: 'refuses int32 (TFLM: float32 only)',
    build(m) { binary(m, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [2] }); },
    refused: /FLOOR_DIV v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses different dtypes',
    build(m) { binary(m, { dtype: 'float32', shape: [2] }, { dtype: 'int32', shape: [2] }, { dtype: 'float32', shape: [2] }); },
    refused: /FLOOR_DIV v1 \(operator 0\): input and output dtypes differ/,
  },
];
