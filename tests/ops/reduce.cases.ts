// MEAN, SUM and REDUCE_MAX: hand-worked, including TFLM's quantized rounding.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';

const reducer = (keepDims: boolean) => options.raw(27, [[0, 'bool', keepDims]]);

interface Q { scale: number; zeroPoint: number }
function reduceModel(op: string, dtype: DTypeName, inShape: number[], axes: number[], outShape: number[],
                     keepDims: boolean,
                     inQ?: Q, outQ?: Q) {
  return (m: ModelBuilder) => {
    const x = m.tensor({ dtype, shape: inShape, ...(inQ ?? {}) });
    const axis = m.constant({ dtype: 'int32', shape: [axes.length], data: axes });
    const y = m.tensor({ dtype, shape: outShape, ...(outQ ?? inQ ?? {}) });
    m.op(op, [x, axis], [y], reducer(keepDims));
    m.inputs(x).outputs(y);
  };
}

export const cases: OpCase[] = [
  {
    name: 'MEAN float32 over height and width (keep_dims)',
    build: reduceModel('MEAN', 'float32', [1, 2, 2, 2], [1, 2], [1, 1, 1, 2], true),
    inputs: [[1, 10, 2, 20, 3, 30, 4, 40]],
    expected: [[2.5, 25]],
  },
  {
    name: 'MEAN float32 last axis, repeated axis ignored',
    build: reduceModel('MEAN', 'float32', [2, 3], [1, -1], [2], false),
    inputs: [[1, 2, 3, 4, 5, 7]],
    expected: [[2, 16 / 3]],
    tolerance: 1e-6,
  },
  {
    name: 'SUM float32 over axes 0 and 2',
    build: reduceModel('SUM', 'float32', [2, 2, 2], [0, 2], [2], false),
    // x[a][b][c] = 4a + 2b + c: b = 0 -> 0 + 1 + 4 + 5 = 10; b = 1 -> 18
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7]],
    expected: [[10, 18]],
  },
  {
    name: 'SUM and REDUCE_MAX float32 over alternating axes of a 4-D input (numpy)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3, 2, 4] });
      const a = m.constant({ dtype: 'int32', shape: [2], data: [1, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 1, 2, 1] });
      m.op('SUM', [x, a], [y], reducer(true));
      const b = m.constant({ dtype: 'int32', shape: [2], data: [-2, 0] });
      const z = m.tensor({ dtype: 'float32', shape: [3, 4] });
      m.op('REDUCE_MAX', [x, b], [z], reducer(false));
      m.inputs(x).outputs(y, z);
    },
    inputs: [Array.from({ length: 48 }, (_, i) => i)],
    expected: [[114, 162, 402, 450], [28, 29, 30, 31, 36, 37, 38, 39, 44, 45, 46, 47]],
  },
  {
    name: 'REDUCE_MAX float32 and int8',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3, 2] });
      const a0 = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('REDUCE_MAX', [x, a0], [y], reducer(false));
      const q = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 0.5, zeroPoint: -3 });
      const a1 = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const z = m.tensor({ dtype: 'int8', shape: [2, 1], scale: 0.5, zeroPoint: -3 });
      m.op('REDUCE_MAX', [q, a1], [z], reducer(true));
      m.inputs(x, q).outputs(y, z);
    },
    inputs: [[1, -5, 3, -1, 2, -7], [-128, -3, -100, 5, 127, -1]],
    expected: [[3, -1], [-3, 127]],
  },
  {
    name: 'MEAN int8, equal quantization: integer mean truncated towards zero',
    build: reduceModel('MEAN', 'int8', [2, 2], [1], [2], false, { scale: 0.5, zeroPoint: 1 }),
    // raw values: -7 / 2 = -3.5 -> -3; 7 / 2 = 3.5 -> 3
    inputs: [[-3, -4, 3, 4]],
    expected: [[-3, 3]],
  },
  {
    name: 'MEAN int8 requantized: 1/count folded into the multiplier',
    build: reduceModel('MEAN', 'int8', [2, 3], [1], [2], false,
      { scale: 0.5, zeroPoint: 1 }, { scale: 0.25, zeroPoint: -2 }),
    // multiplier 2 = 2^30 << 2; count 3 -> shift 1, multiplier (2^31 / 3) = 715827882, shift 1.
    // row 0: sum 21 - 3 * 1 = 18 -> 11.99.. -> 12 - 2 = 10 (real mean 3 -> 12 + zp)
    // row 1: sum -1 - 3 = -4 -> -3.17 -> -3 - 2 = -5
    inputs: [[4, 7, 10, -128, 127, 0]],
    expected: [[10, -5]],
  },
  {
    name: 'SUM int8 requantized: halves round up (gemmlowp doubling high mul)',
    build: reduceModel('SUM', 'int8', [2, 2], [0], [2], false, { scale: 1, zeroPoint: 0 }, { scale: 2, zeroPoint: 0 }),
    // sums 7 and -7, times 0.5: 3.5 -> 4 and -3.5 -> -3
    inputs: [[3, -3, 4, -4]],
    expected: [[4, -3]],
  },
  {
    name: 'SUM int16 saturates',
    build: reduceModel('SUM', 'int16', [3], [0], [1], true, { scale: 1, zeroPoint: 0 }),
    inputs: [[30000, 30000, -5]],
    expected: [[32767]],
  },
  {
    name: 'MEAN int16 requantized over 4 values',
    build: reduceModel('MEAN', 'int16', [4], [0], [], false, { scale: 1, zeroPoint: 0 }, { scale: 0.5, zeroPoint: 0 }),
    // 601 / 4 / 0.5 = 300.5 -> 301
    inputs: [[100, 200, 301, 0]],
    expected: [[301]],
  },
  {
    name: 'refuses REDUCE_MAX int16 (TFLM: float32, int8)',
    build: reduceModel('REDUCE_MAX', 'int16', [2], [0], [1], true, { scale: 1, zeroPoint: 0 }),
    refused: /REDUCE_MAX v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses REDUCE_MAX int8 with different output quantization',
    build: reduceModel('REDUCE_MAX', 'int8', [2], [0], [1], true,
      { scale: 1, zeroPoint: 0 }, { scale: 1, zeroPoint: 1 }),
    refused: /int8 input and output quantization differ/,
  },
  {
    name: 'refuses an axis out of range',
    build: reduceModel('SUM', 'float32', [2, 2], [2], [2], false),
    refused: /SUM v1 \(operator 0\): axis is out of range/,
  },
  {
    name: 'refuses an output that is not the kept dimensions',
    build: reduceModel('MEAN', 'float32', [2, 3], [1], [3], false),
    refused: /output shape does not match the inputs/,
  },
  {
    name: 'refuses a non-constant axis',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const axis = m.tensor({ dtype: 'int32', shape: [1] });
      const y = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('MEAN', [x, axis], [y], reducer(true));
      m.inputs(x, axis).outputs(y);
    },
    refused: /axis must be a constant tensor/,
  },
];
