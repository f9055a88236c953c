// REVERSE_V2: hand-worked reversals (one axis, adjacent axes, negative axis, every element size).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';

function reverse(m: ModelBuilder, dtype: DTypeName, shape: number[], axes: number[], outShape = shape) {
  const x = m.tensor({ dtype, shape });
  const a = m.constant({ dtype: 'int32', shape: [axes.length], data: axes });
  const y = m.tensor({ dtype, shape: outShape });
  m.op('REVERSE_V2', [x, a], [y]);
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'float32 last axis of a 2x3',
    build(m) { reverse(m, 'float32', [2, 3], [1]); },
    // [[1,2,3],[4,5,6]] -> [[3,2,1],[6,5,4]]
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[3, 2, 1, 6, 5, 4]],
  },
  {
    name: 'int8 first axis of a 3x2 (rows swap, each row kept)',
    build(m) { reverse(m, 'int8', [3, 2], [0]); },
    inputs: [[1, -2, 3, -4, 5, -6]],
    expected: [[5, -6, 3, -4, 1, -2]],
  },
  {
    name: 'int16 middle axis of a 2x3x2, given as -2',
    build(m) { reverse(m, 'int16', [2, 3, 2], [-2]); },
    // block b: rows (b,0),(b,1),(b,2) reversed; x = 0..11
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    expected: [[4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7]],
  },
  {
    name: 'int32 adjacent axes [2, 1] of a 2x2x2x1 (each 2x2 block read backwards)',
    build(m) { reverse(m, 'int32', [2, 2, 2, 1], [2, 1]); },
    inputs: [[10, 11, 12, 13, 20, 21, 22, 23]],
    expected: [[13, 12, 11, 10, 23, 22, 21, 20]],
  },
  {
    name: 'int64 whole vector',
    build(m) { reverse(m, 'int64', [4], [0]); },
    inputs: [[1n, -2n, 2n ** 40n, -(2n ** 50n)]],
    expected: [[-(2n ** 50n), 2n ** 40n, -2n, 1n]],
  },
  {
    name: 'uint8 keeps its bytes',
    build(m) { reverse(m, 'uint8', [1, 3], [1]); },
    inputs: [[0, 128, 255]],
    expected: [[255, 128, 0]],
  },
  {
    name: 'bool along both axes of a 2x2',
    build(m) { reverse(m, 'bool', [2, 2], [0, 1]); },
    inputs: [[1, 0, 0, 0]],
    expected: [[0, 0, 0, 1]],
  },
  {
    name: 'refuses axes that are not adjacent, as TFLM',
    build(m) { reverse(m, 'float32', [2, 2, 2], [0, 2]); },
    refused: /axes that are not adjacent are not supported/,
  },
  {
    name: 'refuses a repeated axis',
    build(m) { reverse(m, 'float32', [2, 2], [1, 1]); },
    refused: /not adjacent/,
  },
  {
    name: 'refuses an axis out of range',
    build(m) { reverse(m, 'float32', [2, 2], [2]); },
    refused: /axis value is out of range/,
  },
  {
    name: 'refuses a non-constant axis',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2] });
      const a = m.tensor({ dtype: 'int32', shape: [1] });
      const y = m.tensor({ dtype: 'int8', shape: [2] });
      m.op('REVERSE_V2', [x, a], [y]);
      m.inputs(x, a).outputs(y);
    },
    refused: /axis must be a constant tensor/,
  },
  {
    name: 'refuses uint16 (not in TFLM\'s set)',
    build(m) { reverse(m, 'uint16', [2], [0]); },
    refused: /input dtype uint16 is not supported/,
  },
  {
    name: 'refuses an output shape that differs',
    build(m) { reverse(m, 'float32', [2, 3], [1], [3, 2]); },
    refused: /input and output shapes differ/,
  },
];
