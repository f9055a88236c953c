// LOG_SOFTMAX: float32 against ln(softmax); int8 in TFLM's fixed point, whose results here
// equal round(log_softmax(real) / (16/256)) + 127 (worked in double precision).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const logSoftmax = options.raw(36, []);

export const cases: OpCase[] = [
  {
    name: 'float32 rows',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('LOG_SOFTMAX', [x], [y], logSoftmax);
      m.inputs(x).outputs(y);
    },
    // row 0: ln(e^0 + e^1 + e^2) = 2.40760596; row 1: equal values -> -ln 3
    inputs: [[0, 1, 2, 5, 5, 5]],
    expected: [[-2.40760596, -1.40760596, -0.40760596, -1.09861229, -1.09861229, -1.09861229]],
    tolerance: 1e-5,
  },
  {
    name: 'int8, input scale 0.1',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 4], scale: 0.1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 4], scale: 16 / 256, zeroPoint: 127 });
      m.op('LOG_SOFTMAX', [x], [y], logSoftmax);
      m.inputs(x).outputs(y);
    },
    // real (1, 2, 3, -4): log_softmax = (-2.4938, -1.4938, -0.4938, -7.4938) -> /0.0625 + 127
    inputs: [[10, 20, 30, -40]],
    expected: [[88, 104, 120, 8]],
  },
  {
    name: 'int8, wide range: far-below-max inputs clamp at -128',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [5], scale: 0.05, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [5], scale: 16 / 256, zeroPoint: 127 });
      m.op('LOG_SOFTMAX', [x], [y], logSoftmax);
      m.inputs(x).outputs(y);
    },
    inputs: [[-128, 127, 0, 5, 5]],
    expected: [[-77, 127, 25, 29, 29]],
  },
  {
    name: 'refuses an int8 output not of scale 16/256 and zero point 127',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [4], scale: 0.1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [4], scale: 1 / 256, zeroPoint: -128 });
      m.op('LOG_SOFTMAX', [x], [y], logSoftmax);
      m.inputs(x).outputs(y);
    },
    refused: /LOG_SOFTMAX v1 \(operator 0\): int8 output needs scale 16\/256 and zero point 127/,
  },
  {
    name: 'refuses int16 (TFLM: float32, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [4], scale: 0.1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [4], scale: 0.1, zeroPoint: 0 });
      m.op('LOG_SOFTMAX', [x], [y], logSoftmax);
      m.inputs(x).outputs(y);
    },
    refused: /input dtype int16 is not supported/,
  },
];
