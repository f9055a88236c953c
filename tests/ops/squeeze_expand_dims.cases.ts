// SQUEEZE and EXPAND_DIMS: views of the same bytes (the output may share the input's buffer).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const squeeze = (dims?: number[]) => options.raw(30, dims ? [[0, 'int32[]', dims]] : []);
const expandDims = options.raw(52, []);

export const cases: OpCase[] = [
  {
    name: 'SQUEEZE every size-1 dimension (int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 3, 1, 2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [3, 2], scale: 1, zeroPoint: 0 });
      m.op('SQUEEZE', [x], [y], squeeze());
      m.inputs(x).outputs(y);
    },
    inputs: [[1, -2, 3, -4, 5, -6]],
    expected: [[1, -2, 3, -4, 5, -6]],
  },
  {
    name: 'SQUEEZE listed dimensions only (negative index, int32)',
    build(m) {
      const x = m.tensor({ dtype: 'int32', shape: [1, 3, 1, 2] });
      const y = m.tensor({ dtype: 'int32', shape: [1, 3, 2] });
      m.op('SQUEEZE', [x], [y], squeeze([-2]));
      m.inputs(x).outputs(y);
    },
    inputs: [[7, 8, 9, 10, 11, 12]],
    expected: [[7, 8, 9, 10, 11, 12]],
  },
  {
    name: 'EXPAND_DIMS then SQUEEZE: the intermediate may share buffers; values survive',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [-1] });
      const mid = m.tensor({ dtype: 'float32', shape: [2, 3, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('EXPAND_DIMS', [x, axis], [mid], expandDims);
      m.op('SQUEEZE', [mid], [y], squeeze([2]));
      m.inputs(x).outputs(y);
    },
    inputs: [[0.5, 1, 1.5, 2, 2.5, 3]],
    expected: [[0.5, 1, 1.5, 2, 2.5, 3]],
  },
  {
    name: 'EXPAND_DIMS axis 0 (int16, scalar axis tensor)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 });
      const axis = m.constant({ dtype: 'int32', shape: [], data: [0] });
      const y = m.tensor({ dtype: 'int16', shape: [1, 3], scale: 1, zeroPoint: 0 });
      m.op('EXPAND_DIMS', [x, axis], [y], expandDims);
      m.inputs(x).outputs(y);
    },
    inputs: [[-30000, 0, 30000]],
    expected: [[-30000, 0, 30000]],
  },
  {
    name: 'refuses SQUEEZE of a dimension that is not 1',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 3] });
      m.op('SQUEEZE', [x], [y], squeeze([1]));
      m.inputs(x).outputs(y);
    },
    refused: /SQUEEZE v1 \(operator 0\): squeeze_dims names a dimension not of size 1/,
  },
  {
    name: 'refuses a SQUEEZE output shape that drops the wrong dimensions',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 2] });
      m.op('SQUEEZE', [x], [y], squeeze());
      m.inputs(x).outputs(y);
    },
    refused: /output shape does not match the inputs/,
  },
  {
    name: 'refuses EXPAND_DIMS of int32 (TFLM: float32, int8, int16)',
    build(m) {
      const x = m.tensor({ dtype: 'int32', shape: [3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const y = m.tensor({ dtype: 'int32', shape: [1, 3] });
      m.op('EXPAND_DIMS', [x, axis], [y], expandDims);
      m.inputs(x).outputs(y);
    },
    refused: /EXPAND_DIMS v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses an EXPAND_DIMS axis out of range',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const axis = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 1] });
      m.op('EXPAND_DIMS', [x, axis], [y], expandDims);
      m.inputs(x).outputs(y);
    },
    refused: /axis is out of range/,
  },
  {
    name: 'refuses a non-constant EXPAND_DIMS axis',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [3] });
      const axis = m.tensor({ dtype: 'int32', shape: [1] });
      const y = m.tensor({ dtype: 'float32', shape: [3, 1] });
      m.op('EXPAND_DIMS', [x, axis], [y], expandDims);
      m.inputs(x, axis).outputs(y);
    },
    refused: /axis must be a constant tensor/,
  },
];
