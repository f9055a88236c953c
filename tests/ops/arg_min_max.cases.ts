// ARG_MAX and ARG_MIN: the first extreme wins ties.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

export const cases: OpCase[] = [
  {
    name: 'ARG_MAX float32 along axis 1, ties keep the first',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'int32', shape: [2] });
      m.op('ARG_MAX', [x, axis], [y], options.raw(40, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 5, 5, -1, -3, -2]],
    expected: [[1, 0]],
  },
  {
    name: 'ARG_MIN int8 along axis 0 (negative axis)',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [3, 2], scale: 1, zeroPoint: 0 });
      const axis = m.constant({ dtype: 'int32', shape: [], data: [-2] });
      const y = m.tensor({ dtype: 'int32', shape: [2] });
      m.op('ARG_MIN', [x, axis], [y], options.raw(57, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    inputs: [[3, -128, -4, 0, -4, -128]],
    expected: [[1, 0]],
  },
  {
    name: 'ARG_MAX over a middle axis of a 3-D input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3, 2] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'int32', shape: [2, 2] });
      m.op('ARG_MAX', [x, axis], [y], options.raw(40, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    // [[1,9],[5,2],[3,3]] -> [1, 0]; [[0,0],[0,1],[7,0]] -> [2, 1]
    inputs: [[1, 9, 5, 2, 3, 3, 0, 0, 0, 1, 7, 0]],
    expected: [[1, 0, 2, 1]],
  },
  {
    name: 'refuses an int64 output (TFLM: int32)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'int64', shape: [] });
      m.op('ARG_MAX', [x, axis], [y], options.raw(40, [[0, 'int8', 4]]));
      m.inputs(x).outputs(y);
    },
    refused: /ARG_MAX v1 \(operator 0\): output dtype int64 is not supported/,
  },
  {
    name: 'refuses int16 input (TFLM: float32, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'int32', shape: [] });
      m.op('ARG_MIN', [x, axis], [y], options.raw(57, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    refused: /ARG_MIN v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses an output that keeps the axis',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'int32', shape: [2, 1] });
      m.op('ARG_MAX', [x, axis], [y], options.raw(40, [[0, 'int8', 2]]));
      m.inputs(x).outputs(y);
    },
    refused: /output shape does not match the inputs/,
  },
];
