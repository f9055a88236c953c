// GATHER, GATHER_ND and EMBEDDING_LOOKUP: hand-worked lookups. (Out-of-range indices are
// eval errors: tests/ops_eval_errors.test.ts.)
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const gather = (axis = 0, batchDims = 0) => options.raw(23, [[0, 'int32', axis], [1, 'int32', batchDims]]);
const gatherNd = options.raw(83, []);

export const cases: OpCase[] = [
  {
    name: 'GATHER float32 rows (axis 0, repeated index)',
    build(m) {
      const p = m.constant({ dtype: 'float32', shape: [3, 2], data: [1, 2, 3, 4, 5, 6] });
      const i = m.tensor({ dtype: 'int32', shape: [3] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 2] });
      m.op('GATHER', [p, i], [y], gather(0));
      m.inputs(i).outputs(y);
    },
    inputs: [[2, 0, 2]],
    expected: [[5, 6, 1, 2, 5, 6]],
  },
  {
    name: 'GATHER int8 along axis 1 of a 3-D input (negative axis)',
    build(m) {
      const p = m.tensor({ dtype: 'int8', shape: [2, 3, 2], scale: 1, zeroPoint: 0 });
      const i = m.constant({ dtype: 'int32', shape: [2], data: [1, 1] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2, 2], scale: 1, zeroPoint: 0 });
      m.op('GATHER', [p, i], [y], gather(-2));
      m.inputs(p).outputs(y);
    },
    // p[a][b][c] = 6a + 2b + c; take b = 1 twice: a=0 -> [2,3],[2,3]; a=1 -> [8,9],[8,9]
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    expected: [[2, 3, 2, 3, 8, 9, 8, 9]],
  },
  {
    name: 'GATHER with batch_dims 1',
    build(m) {
      const p = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const i = m.constant({ dtype: 'int32', shape: [2, 2], data: [2, 0, 1, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('GATHER', [p, i], [y], gather(1, 1));
      m.inputs(p).outputs(y);
    },
    // batch 0 picks p[0][2], p[0][0]; batch 1 picks p[1][1] twice
    inputs: [[10, 11, 12, 20, 21, 22]],
    expected: [[12, 10, 21, 21]],
  },
  {
    name: 'GATHER_ND single elements (float32)',
    build(m) {
      const p = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const i = m.constant({ dtype: 'int32', shape: [2, 2], data: [1, 0, 0, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('GATHER_ND', [p, i], [y], gatherNd);
      m.inputs(p).outputs(y);
    },
    inputs: [[1, 2, 3, 4]],
    expected: [[3, 2]],
  },
  {
    name: 'GATHER_ND slices (int8, indices [2, 1] into [3, 2, 2])',
    build(m) {
      const p = m.tensor({ dtype: 'int8', shape: [3, 2, 2], scale: 1, zeroPoint: 0 });
      const i = m.constant({ dtype: 'int32', shape: [2, 1], data: [2, 0] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2, 2], scale: 1, zeroPoint: 0 });
      m.op('GATHER_ND', [p, i], [y], gatherNd);
      m.inputs(p).outputs(y);
    },
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    expected: [[8, 9, 10, 11, 0, 1, 2, 3]],
  },
  {
    name: 'EMBEDDING_LOOKUP float32 rows',
    build(m) {
      const ids = m.tensor({ dtype: 'int32', shape: [3] });
      const table = m.constant({ dtype: 'float32', shape: [3, 2], data: [0.5, 1, 1.5, 2, 2.5, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 2] });
      m.op('EMBEDDING_LOOKUP', [ids, table], [y]);
      m.inputs(ids).outputs(y);
    },
    inputs: [[1, 1, 0]],
    expected: [[1.5, 2, 1.5, 2, 0.5, 1]],
  },
  {
    name: 'EMBEDDING_LOOKUP int8 table dequantized to float32 (scale 0.25)',
    build(m) {
      const ids = m.tensor({ dtype: 'int32', shape: [2] });
      const table = m.constant({ dtype: 'int8', shape: [2, 1, 3], data: [4, -8, 12, 1, 2, -128], scale: 0.25, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'float32', shape: [2, 1, 3] });
      m.op('EMBEDDING_LOOKUP', [ids, table], [y]);
      m.inputs(ids).outputs(y);
    },
    inputs: [[1, 0]],
    expected: [[0.25, 0.5, -32, 1, -2, 3]],
  },
  {
    name: 'EMBEDDING_LOOKUP int8 to int8 copies bytes',
    build(m) {
      const ids = m.tensor({ dtype: 'int32', shape: [1] });
      const table = m.constant({ dtype: 'int8', shape: [2, 2], data: [1, 2, -3, -4], scale: 0.5, zeroPoint: 3 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 3 });
      m.op('EMBEDDING_LOOKUP', [ids, table], [y]);
      m.inputs(ids).outputs(y);
    },
    inputs: [[1]],
    expected: [[-3, -4]],
  },
  {
    name: 'refuses GATHER of int16 params (TFLM: float32, int8)',
    build(m) {
      const p = m.tensor({ dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 });
      const i = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0 });
      m.op('GATHER', [p, i], [y], gather(0));
      m.inputs(p).outputs(y);
    },
    refused: /GATHER v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses int64 GATHER positions (TFLM: int32)',
    build(m) {
      const p = m.tensor({ dtype: 'float32', shape: [3] });
      const i = m.constant({ dtype: 'int64', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('GATHER', [p, i], [y], gather(0));
      m.inputs(p).outputs(y);
    },
    refused: /positions dtype int64 is not supported/,
  },
  {
    name: 'refuses a GATHER output shape that does not match',
    build(m) {
      const p = m.tensor({ dtype: 'float32', shape: [3, 2] });
      const i = m.constant({ dtype: 'int32', shape: [2], data: [0, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('GATHER', [p, i], [y], gather(0));
      m.inputs(p).outputs(y);
    },
    refused: /output shape does not match the inputs/,
  },
  {
    name: 'refuses GATHER_ND indices deeper than the params rank',
    build(m) {
      const p = m.tensor({ dtype: 'float32', shape: [3] });
      const i = m.constant({ dtype: 'int32', shape: [1, 2], data: [0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('GATHER_ND', [p, i], [y], gatherNd);
      m.inputs(p).outputs(y);
    },
    refused: /indices' last dimension exceeds the params rank/,
  },
  {
    name: 'refuses an int8 table with a zero point dequantized to float32',
    build(m) {
      const ids = m.tensor({ dtype: 'int32', shape: [1] });
      const table = m.constant({ dtype: 'int8', shape: [1, 2], data: [1, 2], scale: 0.5, zeroPoint: 1 });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2] });
      m.op('EMBEDDING_LOOKUP', [ids, table], [y]);
      m.inputs(ids).outputs(y);
    },
    refused: /EMBEDDING_LOOKUP v1 \(operator 0\): an int8 table read as float32 needs zero point 0/,
  },
];
