// MIRROR_PAD: REFLECT excludes the edge element, SYMMETRIC repeats it.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const reflect = options.raw(77, [[0, 'int8', 0]]);
const symmetric = options.raw(77, [[0, 'int8', 1]]);

export const cases: OpCase[] = [
  {
    name: 'REFLECT float32 1-D, pads 2 and 2',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const p = m.constant({ dtype: 'int32', shape: [1, 2], data: [2, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [7] });
      m.op('MIRROR_PAD', [x, p], [y], reflect);
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3]],
    expected: [[3, 2, 1, 2, 3, 2, 1]],
  },
  {
    name: 'SYMMETRIC float32 1-D, pads 2 and 3',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const p = m.constant({ dtype: 'int64', shape: [1, 2], data: [2, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [8] });
      m.op('MIRROR_PAD', [x, p], [y], symmetric);
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3]],
    expected: [[2, 1, 1, 2, 3, 3, 2, 1]],
  },
  {
    name: 'REFLECT int8 2-D, rows 1/0 and columns 0/1',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      const p = m.constant({ dtype: 'int32', shape: [2, 2], data: [1, 0, 0, 1] });
      const y = m.tensor({ dtype: 'int8', shape: [3, 4], scale: 1, zeroPoint: 0 });
      m.op('MIRROR_PAD', [x, p], [y], reflect);
      m.inputs(x).outputs(y);
    },
    // rows [r1, r0, r1]; each row [a, b, c, b]
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[4, 5, 6, 5, 1, 2, 3, 2, 4, 5, 6, 5]],
  },
  {
    name: 'SYMMETRIC and REFLECT int8 3-D on every axis (expectations from numpy.pad)',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 2, 3], scale: 1, zeroPoint: 0 });
      const ps = m.constant({ dtype: 'int32', shape: [3, 2], data: [1, 1, 0, 1, 2, 1] });
      const ys = m.tensor({ dtype: 'int8', shape: [4, 3, 6], scale: 1, zeroPoint: 0 });
      m.op('MIRROR_PAD', [x, ps], [ys], symmetric);
      const pr = m.constant({ dtype: 'int32', shape: [3, 2], data: [1, 0, 1, 1, 2, 2] });
      const yr = m.tensor({ dtype: 'int8', shape: [3, 4, 7], scale: 1, zeroPoint: 0 });
      m.op('MIRROR_PAD', [x, pr], [yr], reflect);
      m.inputs(x).outputs(ys, yr);
    },
    inputs: [[-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]],
    expected: [
      [-4, -5, -5, -4, -3, -3, -1, -2, -2, -1, 0, 0, -1, -2, -2, -1, 0, 0, -4, -5, -5, -4, -3, -3, -1, -2, -2, -1, 0, 0,
       -1, -2, -2, -1, 0, 0, 2, 1, 1, 2, 3, 3, 5, 4, 4, 5, 6, 6, 5, 4, 4, 5, 6, 6, 2, 1, 1, 2, 3, 3, 5, 4, 4, 5, 6, 6,
       5, 4, 4, 5, 6, 6],
      [6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1, 6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1, 0, -1, -2, -1, 0, -1, -2,
       -3, -4, -5, -4, -3, -4, -5, 0, -1, -2, -1, 0, -1, -2, -3, -4, -5, -4, -3, -4, -5, 6, 5, 4, 5, 6, 5, 4, 3, 2, 1,
       2, 3, 2, 1, 6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1],
    ],
  },
  {
    name: 'refuses REFLECT padding as large as the dimension',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const p = m.constant({ dtype: 'int32', shape: [1, 2], data: [3, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [6] });
      m.op('MIRROR_PAD', [x, p], [y], reflect);
      m.inputs(x).outputs(y);
    },
    refused: /MIRROR_PAD v1 \(operator 0\): paddings exceed the input size/,
  },
  {
    name: 'refuses non-constant paddings',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const p = m.tensor({ dtype: 'int32', shape: [1, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [5] });
      m.op('MIRROR_PAD', [x, p], [y], symmetric);
      m.inputs(x, p).outputs(y);
    },
    refused: /paddings must be a constant tensor/,
  },
  {
    name: 'refuses int16 (TFLM: float32, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 });
      const p = m.constant({ dtype: 'int32', shape: [1, 2], data: [1, 1] });
      const y = m.tensor({ dtype: 'int16', shape: [5], scale: 1, zeroPoint: 0 });
      m.op('MIRROR_PAD', [x, p], [y], symmetric);
      m.inputs(x).outputs(y);
    },
    refused: /input dtype int16 is not supported/,
  },
];
