// Element-wise unary ops (ABS, SIN, COS, LOG, SQRT, RSQRT, SQUARE, NEG, EXP, FLOOR, CEIL, ROUND,
// LOGICAL_NOT): hand-worked cases; transcendental functions against JS Math on float32 values.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function unary(m: ModelBuilder, op: string, x: TensorSpec, y: TensorSpec = x) {
  const a = m.tensor(x);
  const b = m.tensor(y);
  m.op(op, [a], [b]);
  m.inputs(a).outputs(b);
}

const f32 = (n: number): TensorSpec => ({ dtype: 'float32', shape: [n] });
const f = Math.fround;

// Inputs long enough (9) that the SIMD build runs two vectors and a tail.
const MATH_INPUTS = [0.5, -1.25, 2, 3.75, 0.1, 1e-3, 7, 0.75, 12];

export const cases: OpCase[] = [
  {
    name: 'ABS float32',
    build(m) { unary(m, 'ABS', f32(9)); },
    inputs: [[-2.5, 0, 3, -0.125, -0, 5, -7, 1e-30, -1e30]],
    expected: [[2.5, 0, 3, 0.125, 0, 5, 7, f(1e-30), f(1e30)]],
  },
  {
    name: 'NEG float32 (0 becomes -0)',
    build(m) { unary(m, 'NEG', f32(5)); },
    inputs: [[1.5, -2, 0, -0, 3]],
    expected: [[-1.5, 2, -0, 0, -3]],
  },
  {
    name: 'SQUARE float32',
    build(m) { unary(m, 'SQUARE', f32(5)); },
    inputs: [[3, -0.5, 1000, 0, -1]],
    expected: [[9, 0.25, 1e6, 0, 1]],
  },
  {
    name: 'SQRT float32',
    build(m) { unary(m, 'SQRT', f32(5)); },
    inputs: [[4, 2.25, 0, 1, 1e-4]],
    expected: [[2, 1.5, 0, 1, f(Math.sqrt(f(1e-4)))]],
  },
  {
    name: 'RSQRT float32 is 1 / sqrt(x)',
    build(m) { unary(m, 'RSQRT', f32(5)); },
    inputs: [[4, 0.25, 1, 16, 2]],
    expected: [[0.5, 2, 1, 0.25, f(1 / f(Math.sqrt(2)))]],
  },
  {
    name: 'FLOOR float32',
    build(m) { unary(m, 'FLOOR', f32(6)); },
    inputs: [[1.5, -1.5, 2, -0.0001, 0, 1e9]],
    expected: [[1, -2, 2, -1, 0, 1e9]],
  },
  {
    name: 'CEIL float32',
    build(m) { unary(m, 'CEIL', f32(5)); },
    inputs: [[1.5, -1.5, 2, 0.0001, -0.25]],
    expected: [[2, -1, 2, 1, -0]],
  },
  {
    name: 'ROUND float32: halves to even; [-0.5, 0) gives +0 as TFLM (floor + 1)',
    build(m) { unary(m, 'ROUND', f32(9)); },
    inputs: [[0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.6, -0.3, -0]],
    expected: [[0, 2, 2, 0, -2, -2, 3, 0, -0]],
  },
  {
    name: 'SIN float32',
    build(m) { unary(m, 'SIN', f32(9)); },
    inputs: [MATH_INPUTS],
    expected: [MATH_INPUTS.map((x) => Math.sin(f(x)))],
    tolerance: 1e-6,
  },
  {
    name: 'COS float32',
    build(m) { unary(m, 'COS', f32(9)); },
    inputs: [MATH_INPUTS],
    expected: [MATH_INPUTS.map((x) => Math.cos(f(x)))],
    tolerance: 1e-6,
  },
  {
    name: 'LOG float32',
    build(m) { unary(m, 'LOG', f32(9)); },
    inputs: [MATH_INPUTS.map(Math.abs)],
    expected: [MATH_INPUTS.map((x) => Math.log(f(Math.abs(x))))],
    tolerance: 1e-6,
  },
  {
    name: 'EXP float32',
    build(m) { unary(m, 'EXP', f32(9)); },
    inputs: [MATH_INPUTS.map((x) => x / 4)],
    expected: [MATH_INPUTS.map((x) => Math.exp(f(x / 4)))],
    tolerance: 1e-5,
  },
  {
    name: 'LOGICAL_NOT bool (17 elements: a vector and a tail)',
    build(m) { unary(m, 'LOGICAL_NOT', { dtype: 'bool', shape: [17] }); },
    inputs: [[1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0]],
    expected: [[0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1]],
  },
  {
    name: 'ABS int8, equal scales: |q - zp_in| + zp_out, no multiplier',
    build(m) { unary(m, 'ABS', { dtype: 'int8', shape: [4], scale: 0.5, zeroPoint: -10 }, { dtype: 'int8', shape: [4], scale: 0.5, zeroPoint: -128 }); },
    // |q + 10| = [0, 118, 137, 10] -> - 128
    inputs: [[-10, -128, 127, -20]],
    expected: [[-128, -10, 9, -118]],
  },
  {
    name: 'ABS int8, scale ratio 2 with saturation',
    build(m) { unary(m, 'ABS', { dtype: 'int8', shape: [4], scale: 1, zeroPoint: 0 }, { dtype: 'int8', shape: [4], scale: 0.5, zeroPoint: 0 }); },
    inputs: [[-100, 50, -128, 3]],
    expected: [[127, 100, 127, 6]],
  },
  {
    name: 'ABS int8, scale ratio 0.3 / 0.2 (values away from rounding ties)',
    build(m) { unary(m, 'ABS', { dtype: 'int8', shape: [4], scale: 0.3, zeroPoint: 0 }, { dtype: 'int8', shape: [4], scale: 0.2, zeroPoint: 0 }); },
    inputs: [[2, -4, 10, 100]],
    expected: [[3, 6, 15, 127]],
  },
  {
    name: 'ABS int16 quantized, scale ratio 0.5 (round half up)',
    build(m) { unary(m, 'ABS', { dtype: 'int16', shape: [4], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [4], scale: 2, zeroPoint: 0 }); },
    inputs: [[-32768, 5, -6, 32767]],
    expected: [[16384, 3, 3, 16384]],
  },
  {
    name: 'ABS int16 without quantization: plain abs, |-32768| wraps',
    build(m) { unary(m, 'ABS', { dtype: 'int16', shape: [3] }); },
    inputs: [[-32768, -5, 7]],
    expected: [[-32768, 5, 7]],
  },
  {
    name: 'RSQRT int8: 1 / sqrt(real) requantized; 0 gives 127',
    build(m) {
      // input scale 1/4, output scale 1/16, output zero point 10.
      unary(m, 'RSQRT', { dtype: 'int8', shape: [8], scale: 0.25, zeroPoint: 0 }, { dtype: 'int8', shape: [8], scale: 0.0625, zeroPoint: 10 });
    },
    // real x = q / 4: 1/sqrt(1) = 1 -> 16; 1/sqrt(0.25) = 2 -> 32; 0.5 -> 8; 0.25 -> 4;
    // 1/sqrt(25) = 0.2 -> 3.2 -> 3; 1/sqrt(0.5) -> 22.63 -> 23; 1/sqrt(31.75) -> 2.84 -> 3.
    inputs: [[4, 1, 16, 64, 0, 100, 2, 127]],
    expected: [[26, 42, 18, 14, 127, 13, 33, 13]],
  },
  {
    name: 'refuses SIN on int8',
    build(m) { unary(m, 'SIN', { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /SIN v1 \(operator 0\): input dtype int8 is not supported/,
  },
  {
    name: 'refuses RSQRT on int16 (TFLM: float32 and int8 only)',
    build(m) { unary(m, 'RSQRT', { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /RSQRT v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses ABS on int32',
    build(m) { unary(m, 'ABS', { dtype: 'int32', shape: [2] }); },
    refused: /ABS v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses LOGICAL_NOT on float32',
    build(m) { unary(m, 'LOGICAL_NOT', f32(2)); },
    refused: /LOGICAL_NOT v1 \(operator 0\): input dtype float32 is not supported/,
  },
  {
    name: 'refuses quantized int16 ABS with a non-zero zero point',
    build(m) { unary(m, 'ABS', { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 3 }, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /ABS v1 \(operator 0\): int16 needs zero points 0/,
  },
  {
    name: 'refuses int8 ABS without quantization',
    build(m) { unary(m, 'ABS', { dtype: 'int8', shape: [2] }); },
    refused: /ABS v1 \(operator 0\): quantized tensors need scale and zero point/,
  },
  {
    name: 'refuses different input and output dtypes',
    build(m) { unary(m, 'FLOOR', f32(2), { dtype: 'int32', shape: [2] }); },
    refused: /FLOOR v1 \(operator 0\): input and output dtypes differ/,
  },
  {
    name: 'refuses different element counts',
    build(m) { unary(m, 'EXP', f32(2), f32(3)); },
    refused: /EXP v1 \(operator 0\): input and output element counts differ/,
  },
];

// A chain whose inner tensors the planner may run in place (each dies at the next op).
cases.push({
  name: 'ABS -> SQRT -> NEG -> ROUND chain (in-place buffers)',
  build(m) {
    const t = [0, 1, 2, 3, 4].map(() => m.tensor({ dtype: 'float32', shape: [6] }));
    m.op('ABS', [t[0]], [t[1]]);
    m.op('SQRT', [t[1]], [t[2]]);
    m.op('NEG', [t[2]], [t[3]]);
    m.op('ROUND', [t[3]], [t[4]]);
    m.inputs(t[0]).outputs(t[4]);
  },
  inputs: [[-4, 9, -2.25, 0.09, 6.25, 100]],
  // -sqrt(|x|) = [-2, -3, -1.5, -0.3, -2.5, -10] rounded half to even
  expected: [[-2, -3, -2, 0, -2, -10]],
});
