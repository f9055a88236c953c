// L2_NORMALIZATION: float32 x / |x|, int8 to steps of 1/128 (integer expectations match the
// rounded real results; worked through TFLM's fixed-point 1/sqrt in integers as well).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const l2norm = (activation = 0) => options.raw(12, [[0, 'int8', activation]]);

export const cases: OpCase[] = [
  {
    name: 'float32 rows of a 2-D input; an all-zero row stays 0 (epsilon 1e-6)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2] });
      m.op('L2_NORMALIZATION', [x], [y], l2norm());
      m.inputs(x).outputs(y);
    },
    inputs: [[3, -4, 0, 0]],
    expected: [[0.6, -0.8, 0, 0]],
    tolerance: 1e-6,
  },
  {
    name: 'int8 (3, 4) -> (0.6, 0.8) x 128 = (77, 102)',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 0.1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1 / 128, zeroPoint: 0 });
      m.op('L2_NORMALIZATION', [x], [y], l2norm());
      m.inputs(x).outputs(y);
    },
    inputs: [[3, 4]],
    expected: [[77, 102]],
  },
  {
    name: 'int8 with an input zero point, 4 values per row, 2 rows',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 4], scale: 0.1, zeroPoint: 2 });
      const y = m.tensor({ dtype: 'int8', shape: [2, 4], scale: 1 / 128, zeroPoint: 0 });
      m.op('L2_NORMALIZATION', [x], [y], l2norm());
      m.inputs(x).outputs(y);
    },
    // row 0: x - zp = (8, -22, 3, -1), |.| = 23.62 -> (43.3, -119.2, 16.3, -5.4) -> (43, -119, 16, -5)
    // row 1: x - zp = (0, 0, 0, 0): 1/sqrt(0) is taken as the largest multiplier -> 0
    inputs: [[10, -20, 5, 1, 2, 2, 2, 2]],
    expected: [[43, -119, 16, -5, 0, 0, 0, 0]],
  },
  {
    name: 'refuses a fused activation (as TFLM)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('L2_NORMALIZATION', [x], [y], l2norm(1));
      m.inputs(x).outputs(y);
    },
    refused: /L2_NORMALIZATION v1 \(operator 0\): fused activations are not supported/,
  },
  {
    name: 'refuses 5-D input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 1, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 1, 2] });
      m.op('L2_NORMALIZATION', [x], [y], l2norm());
      m.inputs(x).outputs(y);
    },
    refused: /input must have 1 to 4 dimensions/,
  },
  {
    name: 'refuses int16 (TFLM: float32, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
      m.op('L2_NORMALIZATION', [x], [y], l2norm());
      m.inputs(x).outputs(y);
    },
    refused: /input dtype int16 is not supported/,
  },
];
