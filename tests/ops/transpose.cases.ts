// TRANSPOSE: hand-worked permutations.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const transposeOptions = options.raw(26, []);

export const cases: OpCase[] = [
  {
    name: 'float32 2-D swap',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const perm = m.constant({ dtype: 'int32', shape: [2], data: [1, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 2] });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    // [[1,2,3],[4,5,6]] -> [[1,4],[2,5],[3,6]]
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[1, 4, 2, 5, 3, 6]],
  },
  {
    name: 'int8 3-D perm [2, 0, 1]',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 3, 2], scale: 1, zeroPoint: 0 });
      const perm = m.constant({ dtype: 'int32', shape: [3], data: [2, 0, 1] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2, 3], scale: 1, zeroPoint: 0 });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    // x[a][b][c] = 10a + 3b... use value = 6a + 2b + c; y[c][a][b] = x[a][b][c]
    // c=0: a=0: b=0..2 -> 0,2,4; a=1: 6,8,10.  c=1: 1,3,5; 7,9,11
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    expected: [[0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]],
  },
  {
    name: 'int16 5-D reversal',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [1, 2, 1, 3, 1], scale: 1, zeroPoint: 0 });
      const perm = m.constant({ dtype: 'int32', shape: [5], data: [4, 3, 2, 1, 0] });
      const y = m.tensor({ dtype: 'int16', shape: [1, 3, 1, 2, 1], scale: 1, zeroPoint: 0 });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    // a 2x3 matrix transposed: [[100,-200,300],[4000,-5000,6000]] -> columns
    inputs: [[100, -200, 300, 4000, -5000, 6000]],
    expected: [[100, 4000, -200, -5000, 300, 6000]],
  },
  {
    name: 'identity perm is a plain copy',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const perm = m.constant({ dtype: 'int32', shape: [2], data: [0, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    inputs: [[1.5, -2, 3, 4]],
    expected: [[1.5, -2, 3, 4]],
  },
  {
    name: 'refuses a perm that repeats an axis',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const perm = m.constant({ dtype: 'int32', shape: [2], data: [0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    refused: /TRANSPOSE v1 \(operator 0\): perm must list every input dimension once/,
  },
  {
    name: 'refuses a non-constant perm',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const perm = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x, perm).outputs(y);
    },
    refused: /perm must be a constant tensor/,
  },
  {
    name: 'refuses int32 data (TFLM: float32, int8, int16)',
    build(m) {
      const x = m.tensor({ dtype: 'int32', shape: [2, 2] });
      const perm = m.constant({ dtype: 'int32', shape: [2], data: [1, 0] });
      const y = m.tensor({ dtype: 'int32', shape: [2, 2] });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    refused: /input dtype int32 is not supported/,
  },
  {
    name: 'refuses an output shape that is not the permuted input shape',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      const perm = m.constant({ dtype: 'int32', shape: [2], data: [1, 0] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      m.op('TRANSPOSE', [x, perm], [y], transposeOptions);
      m.inputs(x).outputs(y);
    },
    refused: /output shape does not match the permuted input shape/,
  },
];
