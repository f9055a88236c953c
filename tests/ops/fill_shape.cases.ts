// FILL, ZEROS_LIKE, SHAPE, BROADCAST_TO and BROADCAST_ARGS: hand-worked.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

export const cases: OpCase[] = [
  {
    name: 'FILL float32 from a run-time scalar, constant dims',
    build(m) {
      const dims = m.constant({ dtype: 'int64', shape: [2], data: [2, 3] });
      const v = m.tensor({ dtype: 'float32', shape: [] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('FILL', [dims, v], [y], options.raw(68, []));
      m.inputs(v).outputs(y);
    },
    inputs: [[-2.5]],
    expected: [[-2.5, -2.5, -2.5, -2.5, -2.5, -2.5]],
  },
  {
    name: 'FILL int8 and int32 constants',
    build(m) {
      const dims = m.constant({ dtype: 'int32', shape: [1], data: [3] });
      const v8 = m.constant({ dtype: 'int8', shape: [], data: [-7], scale: 1, zeroPoint: 0 });
      const y8 = m.tensor({ dtype: 'int8', shape: [3], scale: 1, zeroPoint: 0 });
      m.op('FILL', [dims, v8], [y8], options.raw(68, []));
      const v32 = m.constant({ dtype: 'int32', shape: [], data: [123456] });
      const y32 = m.tensor({ dtype: 'int32', shape: [3] });
      m.op('FILL', [dims, v32], [y32], options.raw(68, []));
      m.outputs(y8, y32);
    },
    expected: [[-7, -7, -7], [123456, 123456, 123456]],
  },
  {
    name: 'ZEROS_LIKE int64 and float32',
    build(m) {
      const a = m.tensor({ dtype: 'int64', shape: [2] });
      const za = m.tensor({ dtype: 'int64', shape: [2] });
      m.op('ZEROS_LIKE', [a], [za], options.raw(67, []));
      const b = m.tensor({ dtype: 'float32', shape: [3] });
      const zb = m.tensor({ dtype: 'float32', shape: [3] });
      m.op('ZEROS_LIKE', [b], [zb], options.raw(67, []));
      m.inputs(b).outputs(za, zb);
    },
    inputs: [[1, 2, 3]],
    expected: [[0, 0], [0, 0, 0]],
  },
  {
    name: 'SHAPE of a 3-D tensor as int32',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3, 4] });
      const y = m.tensor({ dtype: 'int32', shape: [3] });
      m.op('SHAPE', [x], [y], options.raw(55, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    inputs: [new Array(24).fill(0)],
    expected: [[2, 3, 4]],
  },
  {
    name: 'BROADCAST_TO int8 [3] -> [2, 3] and float32 [2, 1] -> [2, 3]',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [3], scale: 1, zeroPoint: 0 });
      const sa = m.constant({ dtype: 'int32', shape: [2], data: [2, 3] });
      const ya = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      m.op('BROADCAST_TO', [a, sa], [ya], options.raw(104, []));
      const b = m.tensor({ dtype: 'float32', shape: [2, 1] });
      const sb = m.constant({ dtype: 'int64', shape: [2], data: [2, 3] });
      const yb = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('BROADCAST_TO', [b, sb], [yb], options.raw(104, []));
      m.inputs(a, b).outputs(ya, yb);
    },
    inputs: [[1, 2, 3], [0.5, -1]],
    expected: [[1, 2, 3, 1, 2, 3], [0.5, 0.5, 0.5, -1, -1, -1]],
  },
  {
    name: 'BROADCAST_TO int16 into 5 dimensions, middle repeat',
    build(m) {
      const a = m.tensor({ dtype: 'int16', shape: [2, 1, 2], scale: 1, zeroPoint: 0 });
      const s = m.constant({ dtype: 'int32', shape: [5], data: [1, 1, 2, 2, 2] });
      const y = m.tensor({ dtype: 'int16', shape: [1, 1, 2, 2, 2], scale: 1, zeroPoint: 0 });
      m.op('BROADCAST_TO', [a, s], [y], options.raw(104, []));
      m.inputs(a).outputs(y);
    },
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 2, 1, 2, 3, 4, 3, 4]],
  },
  {
    name: 'BROADCAST_ARGS int32 [2, 1, 3] with [4, 1]',
    build(m) {
      const a = m.tensor({ dtype: 'int32', shape: [3] });
      const b = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'int32', shape: [3] });
      m.op('BROADCAST_ARGS', [a, b], [y]);
      m.inputs(a, b).outputs(y);
    },
    inputs: [[2, 1, 3], [4, 1]],
    expected: [[2, 4, 3]],
  },
  {
    name: 'BROADCAST_ARGS int64 constants',
    build(m) {
      const a = m.constant({ dtype: 'int64', shape: [1], data: [5] });
      const b = m.constant({ dtype: 'int64', shape: [3], data: [7, 1, 1] });
      const y = m.tensor({ dtype: 'int64', shape: [3] });
      m.op('BROADCAST_ARGS', [a, b], [y]);
      m.outputs(y);
    },
    expected: [[7, 1, 5]],
  },
  {
    name: 'refuses FILL of int16 (TFLM: float32, int32, int8)',
    build(m) {
      const dims = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const v = m.constant({ dtype: 'int16', shape: [], data: [1], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      m.op('FILL', [dims, v], [y], options.raw(68, []));
      m.outputs(y);
    },
    refused: /FILL v1 \(operator 0\): value dtype int16 is not supported/,
  },
  {
    name: 'refuses FILL dims that differ from the output shape',
    build(m) {
      const dims = m.constant({ dtype: 'int32', shape: [1], data: [3] });
      const v = m.constant({ dtype: 'float32', shape: [], data: [1] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('FILL', [dims, v], [y], options.raw(68, []));
      m.outputs(y);
    },
    refused: /dims differ from the output shape/,
  },
  {
    name: 'refuses SHAPE to int64 (TFLM: int32 only)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const y = m.tensor({ dtype: 'int64', shape: [1] });
      m.op('SHAPE', [x], [y], options.raw(55, [[0, 'int8', 4]]));
      m.inputs(x).outputs(y);
    },
    refused: /SHAPE v1 \(operator 0\): output dtype int64 is not supported/,
  },
  {
    name: 'refuses BROADCAST_TO of incompatible shapes',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2] });
      const s = m.constant({ dtype: 'int32', shape: [2], data: [2, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('BROADCAST_TO', [a, s], [y], options.raw(104, []));
      m.inputs(a).outputs(y);
    },
    refused: /input shape does not broadcast to the output/,
  },
  {
    name: 'refuses ZEROS_LIKE of int16 (TFLM: int64, int32, int8, float32)',
    build(m) {
      const a = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      m.op('ZEROS_LIKE', [a], [y], options.raw(67, []));
      m.inputs(a).outputs(y);
    },
    refused: /input dtype int16 is not supported/,
  },
];
