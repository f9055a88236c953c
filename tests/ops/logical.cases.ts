// LOGICAL_AND and LOGICAL_OR: hand-worked cases (LOGICAL_NOT is in elementwise.cases.ts).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function logical(m: ModelBuilder, op: string, a: TensorSpec, b: TensorSpec, out: TensorSpec) {
  const x = m.tensor(a);
  const y = m.tensor(b);
  const z = m.tensor(out);
  m.op(op, [x, y], [z]);
  m.inputs(x, y).outputs(z);
}

const bool = (shape: number[]): TensorSpec => ({ dtype: 'bool', shape });

export const cases: OpCase[] = [
  {
    name: 'LOGICAL_AND with a broadcast row',
    build(m) { logical(m, 'LOGICAL_AND', bool([2, 2]), bool([2]), bool([2, 2])); },
    inputs: [[1, 1, 0, 0], [1, 0]],
    expected: [[1, 0, 0, 0]],
  },
  {
    name: 'LOGICAL_OR',
    build(m) { logical(m, 'LOGICAL_OR', bool([4]), bool([4]), bool([4])); },
    inputs: [[1, 0, 0, 1], [0, 0, 1, 1]],
    expected: [[1, 0, 1, 1]],
  },
  {
    name: 'LOGICAL_AND: any non-zero byte is true, results are 0 or 1',
    build(m) { logical(m, 'LOGICAL_AND', bool([3]), bool([3]), bool([3])); },
    inputs: [[2, 0, 255], [1, 7, 3]],
    expected: [[1, 0, 1]],
  },
  {
    name: 'LOGICAL_OR with a scalar, [2, 1] x [] ',
    build(m) { logical(m, 'LOGICAL_OR', bool([2, 1]), bool([]), bool([2, 1])); },
    inputs: [[0, 1], [0]],
    expected: [[0, 1]],
  },
  {
    name: 'refuses int8 inputs',
    build(m) { logical(m, 'LOGICAL_AND', { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, bool([2]), bool([2])); },
    refused: /LOGICAL_AND v1 \(operator 0\): input dtype int8 is not supported/,
  },
];
