// PRELU: hand-worked cases with alpha broadcast over channels.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec, ConstantSpec } from '../builder/tflite_builder.js';

function prelu(m: ModelBuilder, x: TensorSpec, alpha: ConstantSpec, y: TensorSpec) {
  const a = m.tensor(x);
  const al = m.constant(alpha);
  const b = m.tensor(y);
  m.op('PRELU', [a, al], [b]);
  m.inputs(a).outputs(b);
}

export const cases: OpCase[] = [
  {
    name: 'float32, alpha per channel',
    build(m) { prelu(m, { dtype: 'float32', shape: [2, 3] }, { dtype: 'float32', shape: [3], data: [0.5, 0.25, 2] }, { dtype: 'float32', shape: [2, 3] }); },
    inputs: [[-1, 2, -3, 4, -5, 0]],
    expected: [[-0.5, 2, -6, 4, -1.25, 0]],
  },
  {
    name: 'int8: identity for x >= 0, x * alpha / 2 below (double rounding), saturation',
    build(m) {
      // input scale 0.5 zp -1, alpha scale 0.25 zp 0, output scale 0.5 zp 3:
      // positive multiplier 1, negative multiplier 0.25 (Q31 2^30, shift -1).
      prelu(m, { dtype: 'int8', shape: [2, 3], scale: 0.5, zeroPoint: -1 },
        { dtype: 'int8', shape: [3], scale: 0.25, zeroPoint: 0, data: [4, 2, -4] },
        { dtype: 'int8', shape: [2, 3], scale: 0.5, zeroPoint: 3 });
    },
    // x = q + 1: [0, 6, -8 | -8, -3, 128]; -8 * -4 = 32 -> 8; -8 * 4 = -32 -> -8;
    // -3 * 2 = -6 -> high mul -3 -> rounding divide by 2 -> -2; 128 + 3 saturates.
    inputs: [[-1, 5, -9, -9, -4, 127]],
    expected: [[3, 9, 11, -5, 1, 127]],
  },
  {
    name: 'int16 input with an int8 alpha, scalar alpha',
    build(m) {
      prelu(m, { dtype: 'int16', shape: [4], scale: 1, zeroPoint: 0 },
        { dtype: 'int8', shape: [1], scale: 0.5, zeroPoint: 0, data: [3] },
        { dtype: 'int16', shape: [4], scale: 1, zeroPoint: 0 });
    },
    // negative multiplier 0.5: -32768 * 3 / 2 saturates; -7 * 3 / 2 = -10.5 -> -10 (gemmlowp
    // rounds the negative half toward zero in the high multiply).
    inputs: [[-32768, 100, -7, 32767]],
    expected: [[-32768, 100, -10, 32767]],
  },
  {
    name: 'refuses an int16 alpha with int16 input',
    build(m) {
      prelu(m, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0, data: [1] },
        { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 });
    },
    refused: /PRELU v1 \(operator 0\): alpha dtype int16 is not supported/,
  },
  {
    name: 'refuses int32',
    build(m) { prelu(m, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [1], data: [1] }, { dtype: 'int32', shape: [2] }); },
    refused: /PRELU v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses broadcasting beyond 4 dimensions',
    build(m) {
      prelu(m, { dtype: 'float32', shape: [2, 1, 1, 1, 2] }, { dtype: 'float32', shape: [2, 1, 1, 1, 1], data: [1, 2] },
        { dtype: 'float32', shape: [2, 1, 1, 1, 2] });
    },
    refused: /PRELU v1 \(operator 0\): broadcasting supports up to 4 dimensions/,
  },
];
