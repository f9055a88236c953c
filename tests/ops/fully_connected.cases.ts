// FULLY_CONNECTED: hand-worked cases.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

export const cases: OpCase[] = [
  {
    name: 'int8 per-tensor, bias, zero points, requantize by 0.5',
    build(m) {
      // real = scale * (q - zp). input scale 1 zp -1; weights scale 0.5 zp 0; output scale 1 zp 3
      // => multiplier = 1 * 0.5 / 1 = 0.5
      const x = m.tensor({ dtype: 'int8', shape: [2, 3], scale: 1, zeroPoint: -1 });
      const w = m.constant({ dtype: 'int8', shape: [2, 3], data: [1, 2, 3, -4, 5, -6], scale: 0.5, zeroPoint: 0 });
      const b = m.constant({ dtype: 'int32', shape: [2], data: [10, -20], scale: 0.5, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2], scale: 1, zeroPoint: 3 });
      m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected());
      m.inputs(x).outputs(y);
    },
    // row 0: x - zp = [2, 3, 4]: acc0 = 2+6+12+10 = 30 -> 15 + 3 = 18; acc1 = -8+15-24-20 = -37 -> -18.5 -> -18 (halves up) + 3 = -15
    // row 1: x = [-1, -1, -1] -> x - zp = 0: acc0 = 10 -> 5 + 3 = 8; acc1 = -20 -> -10 + 3 = -7
    inputs: [[1, 2, 3, -1, -1, -1]],
    expected: [[18, -15, 8, -7]],
  },
  {
    name: 'int8 RELU6 clamps to the quantized [0, 6] range',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 0 });
      const w = m.constant({ dtype: 'int8', shape: [3, 2], data: [1, 1, -1, -1, 3, 0], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 3], scale: 0.5, zeroPoint: -10 });
      m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected({ activation: 'RELU6' }));
      m.inputs(x).outputs(y);
    },
    // multiplier 1/0.5 = 2; acc = [5, -5, 6] -> [10, -10, 12] + (-10) = [0, -20, 2];
    // RELU6 range: q(0) = -10, q(6) = 2 -> clamp [0, -10, 2]
    inputs: [[2, 3]],
    expected: [[0, -10, 2]],
  },
  {
    name: 'int8 per-channel weights',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 0 });
      const w = m.constant({ dtype: 'int8', shape: [2, 2], data: [2, 2, 4, -4], scale: [1, 0.25], zeroPoint: [0, 0], quantizedDimension: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 0 });
      m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
      m.inputs(x).outputs(y);
    },
    // channel 0: acc = 2*10 + 2*6 = 32, x 0.5 -> 16; channel 1: acc = 40 - 24 = 16, x 0.125 -> 2
    inputs: [[10, 6]],
    expected: [[16, 2]],
  },
  {
    name: 'float32 with bias and RELU',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3] });
      const w = m.constant({ dtype: 'float32', shape: [2, 3], data: [0.5, -1, 2, 1, 1, 1] });
      const b = m.constant({ dtype: 'float32', shape: [2], data: [0.25, -10] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2] });
      m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected({ activation: 'RELU' }));
      m.inputs(x).outputs(y);
    },
    inputs: [[2, 1, 0.5]],
    expected: [[1.25, 0]], // 1 - 1 + 1 + 0.25 ; 3.5 - 10 -> relu 0
  },
  {
    name: 'refuses float32 input with int8 weights (hybrid, as TFLM does)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2] });
      const w = m.constant({ dtype: 'int8', shape: [1, 2], data: [1, 2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1] });
      m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
      m.inputs(x).outputs(y);
    },
    refused: /FULLY_CONNECTED v1 \(operator 0\): hybrid/,
  },
  {
    name: 'refuses an input too small for the weights',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 3], scale: 1, zeroPoint: 0 });
      const w = m.constant({ dtype: 'int8', shape: [2, 4], data: new Int8Array(8), scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 0 });
      m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
      m.inputs(x).outputs(y);
    },
    refused: /input is smaller than batches x accumulation depth/,
  },
];
