// BATCH_MATMUL: hand-worked products, adjoints, batch broadcasting, int8/int16 requantization.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const bmm = (adjX = false, adjY = false) => options.raw(101, [[0, 'bool', adjX], [1, 'bool', adjY]]);

export const cases: OpCase[] = [
  {
    name: 'float32 batch of 2 times a broadcast rank-2 rhs',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 2, 3] });
      const b = m.constant({ dtype: 'float32', shape: [3, 2], data: [1, 2, 3, 4, 5, 6] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2, 2] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    // batch 0 picks rows 0 and 1 of rhs; batch 1: row 2, and the sum of all rows
    inputs: [[1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]],
    expected: [[1, 2, 3, 4, 5, 6, 9, 12]],
  },
  {
    name: 'float32 adj_y reads rhs transposed',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const b = m.constant({ dtype: 'float32', shape: [2, 3], data: [1, 3, 5, 2, 4, 6] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm(false, true));
      m.inputs(a).outputs(y);
    },
    inputs: [[1, 0, 0, 0.5, 0.5, 0.5]],
    expected: [[1, 2, 4.5, 6]],
  },
  {
    name: 'float32 adj_x reads lhs transposed; lhs broadcast over rhs batches',
    build(m) {
      const a = m.constant({ dtype: 'float32', shape: [3, 2], data: [1, 4, 2, 5, 3, 6] });
      const b = m.tensor({ dtype: 'float32', shape: [2, 3, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2, 1] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm(true, false));
      m.inputs(b).outputs(y);
    },
    // lhs = [[1, 2, 3], [4, 5, 6]]; rhs batches [1, 1, 1] and [1, 0, -1]
    inputs: [[1, 1, 1, 1, 0, -1]],
    expected: [[6, 15, -2, -2]],
  },
  {
    name: 'float32 both operands broadcast: [2, 1, 2, 3] x [3, 3, 2] (numpy matmul)',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 1, 2, 3] });
      const b = m.tensor({ dtype: 'float32', shape: [3, 3, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3, 2, 2] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a, b).outputs(y);
    },
    inputs: [[-2, -1, 0, 1, 2, -2, -1, 0, 1, 2, -2, -1], [-3, -2, -1, 0, 1, 2, 3, -3, -2, -1,
       0, 1, 2, 3, -3, -2, -1, 0]],
    expected: [[7, 4, -7, -6, -4, 7, -1, -7, -1, -4, -2, -1, 4, 4, -5, -6, -3, 4, 10, -5, -3,
       -3, 11, 10]],
  },
  {
    name: 'int8 with zero points, multiplier 0.125, rounding half away from zero',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [2, 2], scale: 0.5, zeroPoint: -1 });
      const b = m.constant({ dtype: 'int8', shape: [2, 2], data: [2, 4, 6, 0], scale: 0.25, zeroPoint: 2 });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2], scale: 1, zeroPoint: 0 });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    // (a - zp) = [[2, 4], [0, 1]], (b - zp) = [[0, 2], [4, -2]] -> [[16, -4], [4, -2]]
    // x 0.125 = [2, -0.5, 0.5, -0.25] -> [2, -1, 1, 0]
    inputs: [[1, 3, -1, 0]],
    expected: [[2, -1, 1, 0]],
  },
  {
    name: 'int8 saturates at the int8 range',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 0 });
      const b = m.constant({ dtype: 'int8', shape: [2, 2], data: [100, -100, 100, -100], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 10 });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    inputs: [[1, 1]],
    expected: [[127, -128]],
  },
  {
    name: 'int16 with a 64-bit accumulator',
    build(m) {
      const a = m.tensor({ dtype: 'int16', shape: [1, 2], scale: 1, zeroPoint: 0 });
      const b = m.constant({ dtype: 'int16', shape: [2, 1], data: [100, 50], scale: 2, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [1, 1], scale: 1000, zeroPoint: 0 });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    // 300*100 - 200*50 = 20000, x 2 / 1000 = 40 (16-bit multiplier 16777, shift 23: 40.49 -> 40)
    inputs: [[300, -200]],
    expected: [[40]],
  },
  {
    name: 'refuses hybrid float32 x int8 (as TFLM)',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [1, 2] });
      const b = m.constant({ dtype: 'int8', shape: [2, 1], data: [1, 2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    refused: /BATCH_MATMUL v1 \(operator 0\): lhs and rhs dtypes differ/,
  },
  {
    name: 'refuses int16 with a non-zero zero point',
    build(m) {
      const a = m.tensor({ dtype: 'int16', shape: [1, 2], scale: 1, zeroPoint: 1 });
      const b = m.constant({ dtype: 'int16', shape: [2, 1], data: [1, 2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [1, 1], scale: 1, zeroPoint: 0 });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    refused: /int16 zero points must be 0/,
  },
  {
    name: 'refuses mismatched accumulation depths',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const b = m.constant({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    refused: /lhs and rhs accumulation depths differ/,
  },
  {
    name: 'refuses batch dimensions that do not broadcast',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 1, 2] });
      const b = m.constant({ dtype: 'float32', shape: [3, 2, 1], data: [1, 2, 3, 4, 5, 6] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 1, 1] });
      m.op('BATCH_MATMUL', [a, b], [y], bmm());
      m.inputs(a).outputs(y);
    },
    refused: /batch dimensions do not broadcast/,
  },
];
