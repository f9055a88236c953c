// DIV: hand-worked cases.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const DIV_OPTIONS = 29;
const div = (activation = 0) => options.raw(DIV_OPTIONS, [[0, 'int8', activation]]);

export const cases: OpCase[] = [
  {
    name: 'float32 broadcast scalar divisor with RELU',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const b = m.constant({ dtype: 'float32', shape: [1], data: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('DIV', [a, b], [y], div(1));
      m.inputs(a).outputs(y);
    },
    inputs: [[1, -2, 3, -4]],
    expected: [[0.5, 0, 1.5, 0]],
  },
  {
    name: 'int32 truncates toward zero',
    build(m) {
      const a = m.tensor({ dtype: 'int32', shape: [4] });
      const b = m.tensor({ dtype: 'int32', shape: [4] });
      const y = m.tensor({ dtype: 'int32', shape: [4] });
      m.op('DIV', [a, b], [y], div());
      m.inputs(a, b).outputs(y);
    },
    inputs: [[7, -7, 9, 2147483647], [2, 2, -4, 1]],
    expected: [[3, -3, -2, 2147483647]],
  },
  {
    name: 'int8 quantized, unit scales',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [5], scale: 1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int8', shape: [5], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [5], scale: 1, zeroPoint: 0 });
      m.op('DIV', [a, b], [y], div());
      m.inputs(a, b).outputs(y);
    },
    inputs: [[8, -12, 100, 0, 127], [2, 4, 4, 1, -1]],
    expected: [[4, -3, 25, 0, -127]],
  },
  {
    name: 'refuses int16',
    build(m) {
      const a = m.tensor({ dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0 });
      m.op('DIV', [a, a], [y], div());
      m.inputs(a).outputs(y);
    },
    refused: /output dtype int16 is not supported/,
  },
];
