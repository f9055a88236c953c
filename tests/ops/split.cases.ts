// SPLIT and SPLIT_V: hand-worked pieces.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const split = (n: number) => options.raw(35, [[0, 'int32', n]]);
const splitV = (n: number) => options.raw(79, [[0, 'int32', n]]);

export const cases: OpCase[] = [
  {
    name: 'SPLIT float32 [2, 4] along axis 1 into 2',
    build(m) {
      const axis = m.constant({ dtype: 'int32', shape: [], data: [1] });
      const x = m.tensor({ dtype: 'float32', shape: [2, 4] });
      const a = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const b = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('SPLIT', [axis, x], [a, b], split(2));
      m.inputs(x).outputs(a, b);
    },
    inputs: [[1, 2, 3, 4, 5, 6, 7, 8]],
    expected: [[1, 2, 5, 6], [3, 4, 7, 8]],
  },
  {
    name: 'SPLIT int32 along axis -2 into 3',
    build(m) {
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [-2] });
      const x = m.tensor({ dtype: 'int32', shape: [3, 2] });
      const outs = [0, 1, 2].map(() => m.tensor({ dtype: 'int32', shape: [1, 2] }));
      m.op('SPLIT', [axis, x], outs, split(3));
      m.inputs(x).outputs(...outs);
    },
    inputs: [[10, 11, 20, 21, 30, 31]],
    expected: [[10, 11], [20, 21], [30, 31]],
  },
  {
    name: 'SPLIT_V int16 uneven pieces along axis 0',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [3, 2], scale: 1, zeroPoint: 0 });
      const sizes = m.constant({ dtype: 'int32', shape: [2], data: [1, -1] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const a = m.tensor({ dtype: 'int16', shape: [1, 2], scale: 1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int16', shape: [2, 2], scale: 1, zeroPoint: 0 });
      m.op('SPLIT_V', [x, sizes, axis], [a, b], splitV(2));
      m.inputs(x).outputs(a, b);
    },
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[1, 2], [3, 4, 5, 6]],
  },
  {
    name: 'SPLIT_V int8 along the last axis, pieces of 1 and 2',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      const sizes = m.constant({ dtype: 'int32', shape: [2], data: [1, 2] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const a = m.tensor({ dtype: 'int8', shape: [2, 1], scale: 1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int8', shape: [2, 2], scale: 1, zeroPoint: 0 });
      m.op('SPLIT_V', [x, sizes, axis], [a, b], splitV(2));
      m.inputs(x).outputs(a, b);
    },
    inputs: [[1, 2, 3, -4, -5, -6]],
    expected: [[1, -4], [2, 3, -5, -6]],
  },
  {
    name: 'refuses a non-constant SPLIT axis (as TFLM)',
    build(m) {
      const axis = m.tensor({ dtype: 'int32', shape: [1] });
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const a = m.tensor({ dtype: 'float32', shape: [1, 2] });
      const b = m.tensor({ dtype: 'float32', shape: [1, 2] });
      m.op('SPLIT', [axis, x], [a, b], split(2));
      m.inputs(axis, x).outputs(a, b);
    },
    refused: /SPLIT v1 \(operator 0\): axis must be a constant tensor/,
  },
  {
    name: 'refuses SPLIT outputs of different sizes',
    build(m) {
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const a = m.tensor({ dtype: 'float32', shape: [1] });
      const b = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('SPLIT', [axis, x], [a, b], split(2));
      m.inputs(x).outputs(a, b);
    },
    refused: /outputs must split the axis into equal parts/,
  },
  {
    name: 'refuses SPLIT_V pieces that do not add up to the input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const sizes = m.constant({ dtype: 'int32', shape: [2], data: [1, 2] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const a = m.tensor({ dtype: 'float32', shape: [1] });
      const b = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('SPLIT_V', [x, sizes, axis], [a, b], splitV(2));
      m.inputs(x).outputs(a, b);
    },
    refused: /output sizes along the axis do not add up/,
  },
  {
    name: 'refuses SPLIT of int64 (TFLM: float32, int8, int16, int32)',
    build(m) {
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const x = m.tensor({ dtype: 'int64', shape: [2] });
      const a = m.tensor({ dtype: 'int64', shape: [1] });
      const b = m.tensor({ dtype: 'int64', shape: [1] });
      m.op('SPLIT', [axis, x], [a, b], split(2));
      m.inputs(x).outputs(a, b);
    },
    refused: /input dtype int64 is not supported/,
  },
];
