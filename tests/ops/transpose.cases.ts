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
    name: 'float32 4-D perms [0, 2, 3, 1] and [3, 1, 0, 2] (expectations from numpy)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3, 4, 5] });
      const p1 = m.constant({ dtype: 'int32', shape: [4], data: [0, 2, 3, 1] });
      const y1 = m.tensor({ dtype: 'float32', shape: [2, 4, 5, 3] });
      m.op('TRANSPOSE', [x, p1], [y1], transposeOptions);
      const p2 = m.constant({ dtype: 'int32', shape: [4], data: [3, 1, 0, 2] });
      const y2 = m.tensor({ dtype: 'float32', shape: [5, 3, 2, 4] });
      m.op('TRANSPOSE', [x, p2], [y2], transposeOptions);
      m.inputs(x).outputs(y1, y2);
    },
    inputs: [Array.from({ length: 120 }, (_, i) => i)],
    expected: [
      [0, 20, 40, 1, 21, 41, 2, 22, 42, 3, 23, 43, 4, 24, 44, 5, 25, 45, 6, 26, 46, 7, 27,
         47, 8, 28, 48, 9, 29, 49, 10, 30, 50, 11, 31, 51, 12, 32, 52, 13, 33, 53, 14, 34,
         54, 15, 35, 55, 16, 36, 56, 17, 37, 57, 18, 38, 58, 19, 39, 59, 60, 80, 100, 61, 81,
         101, 62, 82, 102, 63, 83, 103, 64, 84, 104, 65, 85, 105, 66, 86, 106, 67, 87, 107,
         68, 88, 108, 69, 89, 109, 70, 90, 110, 71, 91, 111, 72, 92, 112, 73, 93, 113, 74, 94,
         114, 75, 95, 115, 76, 96, 116, 77, 97, 117, 78, 98, 118, 79, 99, 119],
      [0, 5, 10, 15, 60, 65, 70, 75, 20, 25, 30, 35, 80, 85, 90, 95, 40, 45, 50, 55, 100,
         105, 110, 115, 1, 6, 11, 16, 61, 66, 71, 76, 21, 26, 31, 36, 81, 86, 91, 96, 41, 46,
         51, 56, 101, 106, 111, 116, 2, 7, 12, 17, 62, 67, 72, 77, 22, 27, 32, 37, 82, 87,
         92, 97, 42, 47, 52, 57, 102, 107, 112, 117, 3, 8, 13, 18, 63, 68, 73, 78, 23, 28,
         33, 38, 83, 88, 93, 98, 43, 48, 53, 58, 103, 108, 113, 118, 4, 9, 14, 19, 64, 69,
         74, 79, 24, 29, 34, 39, 84, 89, 94, 99, 44, 49, 54, 59, 104, 109, 114, 119],
    ],
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
    refused: /TRANSPOSE v1 \(operator 0\): perm must list each dimension once/,
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
    refused: /output shape does not match the inputs/,
  },
];
