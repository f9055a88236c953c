// RELU and RELU6: hand-worked cases (float edge values, quantized rescaling, zero points,
// saturation; long enough inputs for the SIMD vectors and tails).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function unary(m: ModelBuilder, op: string, x: TensorSpec, y: TensorSpec = x) {
  const a = m.tensor(x);
  const b = m.tensor(y);
  m.op(op, [a], [b]);
  m.inputs(a).outputs(b);
}

const INT8_RAMP = [-128, -21, -20, -19, 0, 39, 40, 41, 127, -1, 1, 100, -100, 5, -5, 50, 60];

export const cases: OpCase[] = [
  {
    name: 'RELU float32 (-0 stays -0, as x < 0 ? 0 : x)',
    build(m) { unary(m, 'RELU', { dtype: 'float32', shape: [9] }); },
    inputs: [[-1, 0, 2.5, -0, 1e-20, -1e-20, 7, -7, 0.5]],
    expected: [[0, 0, 2.5, -0, Math.fround(1e-20), 0, 7, 0, 0.5]],
  },
  {
    name: 'RELU6 float32',
    build(m) { unary(m, 'RELU6', { dtype: 'float32', shape: [9] }); },
    inputs: [[-1, 3, 6, 7, 6.5, -0, 0.1, 100, -100]],
    expected: [[0, 3, 6, 6, 6, -0, Math.fround(0.1), 6, 0]],
  },
  {
    name: 'RELU int8, equal scales and zero points: max(q, zp)',
    build(m) { unary(m, 'RELU', { dtype: 'int8', shape: [17], scale: 0.1, zeroPoint: -20 }); },
    inputs: [INT8_RAMP],
    expected: [INT8_RAMP.map((q) => Math.max(q, -20))],
  },
  {
    name: 'RELU int8, equal scales, zero points 5 -> -5',
    build(m) { unary(m, 'RELU', { dtype: 'int8', shape: [5], scale: 1, zeroPoint: 5 }, { dtype: 'int8', shape: [5], scale: 1, zeroPoint: -5 }); },
    // -5 + (q - 5), clamped below at the output zero point -5
    inputs: [[5, 0, 127, -128, 20]],
    expected: [[-5, -5, 117, -5, 10]],
  },
  {
    name: 'RELU int8, scale ratio 2, output zero point -128',
    build(m) { unary(m, 'RELU', { dtype: 'int8', shape: [5], scale: 0.5, zeroPoint: 0 }, { dtype: 'int8', shape: [5], scale: 0.25, zeroPoint: -128 }); },
    inputs: [[-5, 0, 10, 100, 127]],
    expected: [[-128, -128, -108, 72, 126]],
  },
  {
    name: 'RELU int16, scale ratio 2 with saturation',
    build(m) { unary(m, 'RELU', { dtype: 'int16', shape: [9], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [9], scale: 0.5, zeroPoint: 0 }); },
    inputs: [[-100, 100, 20000, 0, -32768, 32767, 1, -1, 16383]],
    expected: [[0, 200, 32767, 0, 0, 32767, 2, 0, 32766]],
  },
  {
    name: 'RELU int16, equal scales: max(x, 0)',
    build(m) { unary(m, 'RELU', { dtype: 'int16', shape: [9], scale: 0.01, zeroPoint: 0 }); },
    inputs: [[-32768, -1, 0, 1, 32767, -300, 300, 7, -7]],
    expected: [[0, 0, 0, 1, 32767, 0, 300, 7, 0]],
  },
  {
    name: 'RELU6 int8: clamps the raw input to [zp, zp + round(6 / scale)]',
    build(m) { unary(m, 'RELU6', { dtype: 'int8', shape: [17], scale: 0.1, zeroPoint: -20 }); },
    // six = round(6 / 0.1f) - 20 = 40
    inputs: [INT8_RAMP],
    expected: [INT8_RAMP.map((q) => Math.min(Math.max(q, -20), 40))],
  },
  {
    name: 'RELU6 int8 ignores the output quantization, as TFLM',
    build(m) { unary(m, 'RELU6', { dtype: 'int8', shape: [4], scale: 0.5, zeroPoint: 0 }, { dtype: 'int8', shape: [4], scale: 0.25, zeroPoint: 7 }); },
    inputs: [[-3, 5, 12, 13]],
    expected: [[0, 5, 12, 12]],
  },
  {
    name: 'RELU6 int16, six = round(6 / 0.001f) = 6000',
    build(m) { unary(m, 'RELU6', { dtype: 'int16', shape: [9], scale: 0.001, zeroPoint: 0 }); },
    inputs: [[-5, 0, 5999, 6000, 6001, 32767, -32768, 100, 3]],
    expected: [[0, 0, 5999, 6000, 6000, 6000, 0, 100, 3]],
  },
  {
    name: 'refuses RELU on int32',
    build(m) { unary(m, 'RELU', { dtype: 'int32', shape: [2] }); },
    refused: /RELU v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses int16 RELU with a zero point',
    build(m) { unary(m, 'RELU', { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 1 }, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /RELU v1 \(operator 0\): int16 needs zero points 0/,
  },
  {
    name: 'refuses RELU6 with different input and output dtypes',
    build(m) { unary(m, 'RELU6', { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /RELU6 v1 \(operator 0\): input and output dtypes differ/,
  },
  {
    name: 'refuses quantized RELU without a scale',
    build(m) { unary(m, 'RELU', { dtype: 'int8', shape: [2] }); },
    refused: /RELU v1 \(operator 0\): quantized tensors need scale and zero point/,
  },
];
