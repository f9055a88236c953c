// DYNAMIC_UPDATE_SLICE: hand-worked updates, with start indices clamped as TFLM does.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';

function dus(m: ModelBuilder, dtype: DTypeName, shape: number[], updShape: number[], idxType: DTypeName = 'int32', rank = shape.length) {
  const x = m.tensor({ dtype, shape });
  const u = m.tensor({ dtype, shape: updShape });
  const i = m.tensor({ dtype: idxType, shape: [rank] });
  const y = m.tensor({ dtype, shape });
  m.op('DYNAMIC_UPDATE_SLICE', [x, u, i], [y]);
  m.inputs(x, u, i).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'float32 2x3 with a 1x2 update at [1, 1]',
    build(m) { dus(m, 'float32', [2, 3], [1, 2]); },
    inputs: [[1, 2, 3, 4, 5, 6], [-1, -2], [1, 1]],
    expected: [[1, 2, 3, 4, -1, -2]],
  },
  {
    name: 'int8 start indices clamped (negative to 0, too large to dim - update dim)',
    build(m) { dus(m, 'int8', [3, 3], [2, 2]); },
    // start [-5, 7] -> [0, 1]
    inputs: [[0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 4], [-5, 7]],
    expected: [[0, 1, 2, 0, 3, 4, 0, 0, 0]],
  },
  {
    name: 'int32 3-D with int64 start indices',
    build(m) { dus(m, 'int32', [2, 2, 3], [1, 2, 1], 'int64'); },
    // writes x[1][0][2] and x[1][1][2]
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [100, 200], [1n, 0n, 2n]],
    expected: [[0, 1, 2, 3, 4, 5, 6, 7, 100, 9, 10, 200]],
  },
  {
    name: 'int64 start index beyond 32 bits clamps',
    build(m) { dus(m, 'int8', [4], [2], 'int64'); },
    inputs: [[1, 2, 3, 4], [9, 8], [2n ** 40n]],
    expected: [[1, 2, 9, 8]],
  },
  {
    name: 'same-size update replaces the operand',
    build(m) { dus(m, 'float32', [2, 2], [2, 2]); },
    inputs: [[1, 2, 3, 4], [5, 6, 7, 8], [1, 1]],
    expected: [[5, 6, 7, 8]],
  },
  {
    name: 'empty update leaves the operand',
    build(m) { dus(m, 'int8', [2, 2], [0, 2]); },
    inputs: [[1, 2, 3, 4], [], [0, 0]],
    expected: [[1, 2, 3, 4]],
  },
  {
    name: 'constant operand (not shared with the output)',
    build(m) {
      const x = m.constant({ dtype: 'int8', shape: [4], data: [1, 2, 3, 4] });
      const u = m.tensor({ dtype: 'int8', shape: [1] });
      const i = m.tensor({ dtype: 'int32', shape: [1] });
      const y = m.tensor({ dtype: 'int8', shape: [4] });
      m.op('DYNAMIC_UPDATE_SLICE', [x, u, i], [y]);
      m.inputs(u, i).outputs(y);
    },
    inputs: [[-9], [3]],
    expected: [[1, 2, 3, -9]],
  },
  {
    name: 'operand computed by an earlier op (the output may take its buffer)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const t = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const u = m.tensor({ dtype: 'float32', shape: [1, 2] });
      const i = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('ABS', [x], [t]);
      m.op('DYNAMIC_UPDATE_SLICE', [t, u, i], [y]);
      m.inputs(x, u, i).outputs(y);
    },
    inputs: [[-1, 2, -3, 4], [7, 8], [0, 0]],
    expected: [[7, 8, 3, 4]],
  },
  {
    name: 'refuses int16 (TFLM refuses it)',
    build(m) { dus(m, 'int16', [2], [1]); },
    refused: /input dtype int16 is not supported/,
  },
  {
    name: 'refuses an update larger than the operand',
    build(m) { dus(m, 'float32', [2, 2], [3, 1]); },
    refused: /update is larger than the operand/,
  },
  {
    name: 'refuses start indices of the wrong length',
    build(m) { dus(m, 'float32', [2, 2], [1, 1], 'int32', 3); },
    refused: /one value per operand dimension/,
  },
  {
    name: 'refuses int16 start indices',
    build(m) { dus(m, 'float32', [2], [1], 'int16'); },
    refused: /start indices dtype int16 is not supported/,
  },
];
