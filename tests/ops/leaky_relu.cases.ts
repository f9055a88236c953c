// LEAKY_RELU: hand-worked cases (identity and alpha multipliers, saturation, double rounding).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

const LEAKY_RELU_OPTIONS = 75;
function leakyRelu(m: ModelBuilder, alpha: number, x: TensorSpec, y: TensorSpec) {
  const a = m.tensor(x);
  const b = m.tensor(y);
  m.op('LEAKY_RELU', [a], [b], options.raw(LEAKY_RELU_OPTIONS, [[0, 'float32', alpha]]));
  m.inputs(a).outputs(b);
}

export const cases: OpCase[] = [
  {
    name: 'float32: negative inputs times alpha',
    build(m) { leakyRelu(m, 0.25, { dtype: 'float32', shape: [5] }, { dtype: 'float32', shape: [5] }); },
    inputs: [[-2, -0.5, 0, 3, 1e-3]],
    expected: [[-0.5, -0.125, 0, 3, 1e-3]],
    tolerance: 1e-7,
  },
  {
    name: 'int8: zero points, identity x2, alpha x1, saturation',
    build(m) {
      // identity multiplier 0.5 / 0.25 = 2, alpha multiplier 0.5 * 0.5 / 0.25 = 1
      leakyRelu(m, 0.5, { dtype: 'int8', shape: [1, 5], scale: 0.5, zeroPoint: -10 }, { dtype: 'int8', shape: [1, 5], scale: 0.25, zeroPoint: 5 });
    },
    // q - zp = [0, 4, -4, 137, -118] -> [0, 8, -4, 274, -118] + 5 -> [5, 13, 1, 279 -> 127, -113]
    inputs: [[-10, -6, -14, 127, -128]],
    expected: [[5, 13, 1, 127, -113]],
  },
  {
    name: 'int16: alpha 0.3 with TFLM double rounding',
    build(m) { leakyRelu(m, 0.3, { dtype: 'int16', shape: [5], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [5], scale: 1, zeroPoint: 0 }); },
    // alpha multiplier: 0.3f = 0.6000000238 * 2^-1 -> Q31 1288490240, shift -1.
    // -5: high mul -3.5 -> -3 (truncated after nudge), /2 -> -1.5 -> -2.   -3: -2.3 -> -2, /2 -> -1.
    // -32768: high mul -19661.3 -> -19661, /2 = -9830.5 -> -9831 (exact rounding of -9830.4 would give -9830).
    // non-negative inputs: identity multiplier 1.
    inputs: [[-5, -3, 5, 32767, -32768]],
    expected: [[-2, -1, 5, 32767, -9831]],
  },
  {
    name: 'refuses different input and output dtypes',
    build(m) { leakyRelu(m, 0.1, { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /LEAKY_RELU v1 \(operator 0\): input and output dtypes differ/,
  },
  {
    name: 'refuses int32',
    build(m) { leakyRelu(m, 0.1, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [2] }); },
    refused: /LEAKY_RELU v1 \(operator 0\): input dtype int32 is not supported/,
  },
];
