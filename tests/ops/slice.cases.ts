// SLICE: constant and run-time begin/size. (Bad run-time values: tests/ops_eval_errors.test.ts.)
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const slice = options.raw(48, []);

export const cases: OpCase[] = [
  {
    name: 'int32 rows 1.. of a 3x3, size -1 takes the rest',
    build(m) {
      const x = m.tensor({ dtype: 'int32', shape: [3, 3] });
      const begin = m.constant({ dtype: 'int32', shape: [2], data: [1, 1] });
      const size = m.constant({ dtype: 'int32', shape: [2], data: [-1, 2] });
      const y = m.tensor({ dtype: 'int32', shape: [2, 2] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3, 4, 5, 6, 7, 8, 9]],
    expected: [[5, 6, 8, 9]],
  },
  {
    name: 'float32 3-D with int64 begin/size',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2, 3] });
      const begin = m.constant({ dtype: 'int64', shape: [3], data: [1, 0, 1] });
      const size = m.constant({ dtype: 'int64', shape: [3], data: [1, 2, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 1] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    // x[a][b][c] = 6a + 3b + c: picks (1,0,1) = 7 and (1,1,1) = 10
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    expected: [[7, 10]],
  },
  {
    name: 'bool and int8 inputs',
    build(m) {
      const x = m.tensor({ dtype: 'bool', shape: [4] });
      const begin = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const size = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const y = m.tensor({ dtype: 'bool', shape: [2] });
      m.op('SLICE', [x, begin, size], [y], slice);
      const q = m.tensor({ dtype: 'int8', shape: [4], scale: 1, zeroPoint: 0 });
      const begin2 = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const size2 = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const z = m.tensor({ dtype: 'int8', shape: [1], scale: 1, zeroPoint: 0 });
      m.op('SLICE', [q, begin2, size2], [z], slice);
      m.inputs(x, q).outputs(y, z);
    },
    inputs: [[1, 0, 0, 1], [-7, 1, 2, 3]],
    expected: [[0, 1], [-7]],
  },
  {
    name: 'begin and size given at run time (resolved at each eval)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [2, 3], scale: 1, zeroPoint: 0 });
      const begin = m.tensor({ dtype: 'int32', shape: [2] });
      const size = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'int16', shape: [1, 2], scale: 1, zeroPoint: 0 });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x, begin, size).outputs(y);
    },
    inputs: [[1, 2, 3, 4, 5, 6], [1, 1], [1, -1]],
    expected: [[5, 6]],
  },
  {
    name: 'refuses a constant begin past the input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const begin = m.constant({ dtype: 'int32', shape: [1], data: [4] });
      const size = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'float32', shape: [0] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    refused: /SLICE v1 \(operator 0\): begin is outside the input/,
  },
  {
    name: 'refuses a size that reaches past the input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const begin = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const size = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    refused: /size reaches outside the input/,
  },
  {
    name: 'refuses begin and size of different dtypes',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const begin = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const size = m.constant({ dtype: 'int64', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    refused: /begin and size dtypes differ/,
  },
  {
    name: 'refuses uint8 input (TFLM: float32, int32, int8, int16, bool)',
    build(m) {
      const x = m.tensor({ dtype: 'uint8', shape: [3] });
      const begin = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const size = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'uint8', shape: [1] });
      m.op('SLICE', [x, begin, size], [y], slice);
      m.inputs(x).outputs(y);
    },
    refused: /input dtype uint8 is not supported/,
  },
];
