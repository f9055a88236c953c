// HARD_SWISH: float32 exactly as x * min(6, max(0, x + 3)) / 6 in float32; int8 hand-worked
// through TFLM's 16-bit fixed point (input and output scale 1/32: output multiplier 2^-7 ->
// Q15 16384, exponent -6; reluish multiplier 8/3 -> Q15 21845, exponent 2).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function hardSwish(m: ModelBuilder, x: TensorSpec, y: TensorSpec = x) {
  const a = m.tensor(x);
  const b = m.tensor(y);
  m.op('HARD_SWISH', [a], [b]);
  m.inputs(a).outputs(b);
}

const f = Math.fround;

export const cases: OpCase[] = [
  {
    name: 'float32',
    build(m) { hardSwish(m, { dtype: 'float32', shape: [7] }); },
    inputs: [[-4, -3, -1, 0, 1, 3, 4]],
    expected: [[-0, -0, f(-2 / 6), 0, f(4 / 6), 3, 4]],
  },
  {
    name: 'int8, scale 1/32, zero points 0',
    build(m) { hardSwish(m, { dtype: 'int8', shape: [9], scale: 1 / 32, zeroPoint: 0 }); },
    // x = q/32: hswish(1) = 0.667 -> 21; hswish(-1) = -0.333 -> -11; hswish(3) = 3 -> 96;
    // hswish(0.5) = 0.292 -> 9; hswish(-0.5) = -0.208 -> -7 (worked through the fixed point:
    // q=32: reluish 21845, preshift 1365, 1365 / 64 -> 21; q=-16: reluish 13654, preshift -426 -> -7).
    inputs: [[0, 32, -32, 96, 127, -96, -128, 16, -16]],
    expected: [[0, 21, -11, 96, 127, 0, 0, 9, -7]],
  },
  {
    name: 'int8 with zero points 10 -> -20',
    build(m) { hardSwish(m, { dtype: 'int8', shape: [4], scale: 1 / 32, zeroPoint: 10 }, { dtype: 'int8', shape: [4], scale: 1 / 32, zeroPoint: -20 }); },
    inputs: [[10, 42, -22, 106]],
    expected: [[-20, 1, -31, 76]],
  },
  {
    name: 'refuses an output multiplier above 1 (TFLM requires exponent <= 0)',
    build(m) { hardSwish(m, { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 0 }, { dtype: 'int8', shape: [2], scale: 1 / 1024, zeroPoint: 0 }); },
    refused: /HARD_SWISH v1 \(operator 0\): input scale \/ \(128 x output scale\) must be below 1/,
  },
  {
    name: 'refuses int16 (TFLM: float32 and int8)',
    build(m) { hardSwish(m, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /HARD_SWISH v1 \(operator 0\): input dtype int16 is not supported/,
  },
];
