// L2_POOL_2D: sqrt of the mean of squares over the part of each window inside the input.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

export const cases: OpCase[] = [
  {
    name: 'float32 2x2 window, VALID',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 1] });
      m.op('L2_POOL_2D', [x], [y], options.pool2d({ filterW: 2, filterH: 2, strideW: 2, strideH: 2 }));
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3, 4]],
    expected: [[Math.sqrt(7.5)]],
    tolerance: 1e-6,
  },
  {
    name: 'float32 SAME padding over 3x3 with RELU6',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3, 3, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      m.op('L2_POOL_2D', [x], [y], options.pool2d({ padding: 'SAME', filterW: 2, filterH: 2, strideW: 2, strideH: 2, activation: 'RELU6' }));
      m.inputs(x).outputs(y);
    },
    // windows (1, 2, 4, 5), (3, 6), (7, 8), (9): sqrt(11.5), sqrt(22.5), sqrt(56.5) -> 6, 9 -> 6
    inputs: [[1, 2, 3, 4, 5, 6, 7, 8, 9]],
    expected: [[Math.sqrt(11.5), Math.sqrt(22.5), 6, 6]],
    tolerance: 1e-6,
  },
  {
    name: 'refuses int8 (TFLM has no quantized L2 pooling)',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 2, 2, 1], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 1, 1, 1], scale: 1, zeroPoint: 0 });
      m.op('L2_POOL_2D', [x], [y], options.pool2d({ filterW: 2, filterH: 2, strideW: 2, strideH: 2 }));
      m.inputs(x).outputs(y);
    },
    refused: /L2_POOL_2D v1 \(operator 0\): input dtype int8 is not supported/,
  },
];
