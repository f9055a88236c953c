// PACK and UNPACK: hand-worked stacking.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const pack = (n: number, axis: number) => options.raw(59, [[0, 'int32', n], [1, 'int32', axis]]);
const unpack = (n: number, axis: number) => options.raw(64, [[0, 'int32', n], [1, 'int32', axis]]);

export const cases: OpCase[] = [
  {
    name: 'PACK two int8 vectors along axis 0',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [3], scale: 1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int8', shape: [3], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: 0 });
      m.op('PACK', [a, b], [y], pack(2, 0));
      m.inputs(a, b).outputs(y);
    },
    inputs: [[1, 2, 3], [-1, -2, -3]],
    expected: [[1, 2, 3, -1, -2, -3]],
  },
  {
    name: 'PACK three float32 [2] along axis -1 (interleaves)',
    build(m) {
      const xs = [0, 1, 2].map(() => m.tensor({ dtype: 'float32', shape: [2] }));
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('PACK', xs, [y], pack(3, -1));
      m.inputs(...xs).outputs(y);
    },
    inputs: [[1, 2], [3, 4], [5, 6]],
    expected: [[1, 3, 5, 2, 4, 6]],
  },
  {
    name: 'PACK int64 constants along axis 1',
    build(m) {
      const a = m.constant({ dtype: 'int64', shape: [2, 1], data: [1, 2] });
      const b = m.constant({ dtype: 'int64', shape: [2, 1], data: [3, 4] });
      const y = m.tensor({ dtype: 'int64', shape: [2, 2, 1] });
      m.op('PACK', [a, b], [y], pack(2, 1));
      m.outputs(y);
    },
    expected: [[1, 3, 2, 4]],
  },
  {
    name: 'UNPACK float32 [2, 3] along axis 1 into 3',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const outs = [0, 1, 2].map(() => m.tensor({ dtype: 'float32', shape: [2] }));
      m.op('UNPACK', [x], outs, unpack(3, 1));
      m.inputs(x).outputs(...outs);
    },
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[1, 4], [2, 5], [3, 6]],
  },
  {
    name: 'UNPACK int16 along axis 0',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [2, 2], scale: 1, zeroPoint: 0 });
      const a = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      m.op('UNPACK', [x], [a, b], unpack(2, 0));
      m.inputs(x).outputs(a, b);
    },
    inputs: [[100, 200, 300, 400]],
    expected: [[100, 200], [300, 400]],
  },
  {
    name: 'refuses PACK whose values_count differs from its inputs',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2] });
      const b = m.tensor({ dtype: 'float32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('PACK', [a, b], [y], pack(3, 0));
      m.inputs(a, b).outputs(y);
    },
    refused: /PACK v1 \(operator 0\): values_count differs from the number of inputs/,
  },
  {
    name: 'refuses PACK inputs of different shapes',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2] });
      const b = m.tensor({ dtype: 'float32', shape: [3] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('PACK', [a, b], [y], pack(2, 0));
      m.inputs(a, b).outputs(y);
    },
    refused: /output shape does not match the inputs/,
  },
  {
    name: 'refuses UNPACK of int64 (TFLM: float32, int32, int16, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int64', shape: [2] });
      const a = m.tensor({ dtype: 'int64', shape: [] });
      const b = m.tensor({ dtype: 'int64', shape: [] });
      m.op('UNPACK', [x], [a, b], unpack(2, 0));
      m.inputs(x).outputs(a, b);
    },
    refused: /UNPACK v1 \(operator 0\): input dtype int64 is not supported/,
  },
];
