// ELU: float32 against expm1; int8 against TFLM's table rule computed here in float32:
// out = clamp(round(q_scale_out^-1 * f(in_scale * (q - zp_in))) + zp_out), f(x) = exp(x) - 1 below 0.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function elu(m: ModelBuilder, x: TensorSpec, y: TensorSpec = x) {
  const a = m.tensor(x);
  const b = m.tensor(y);
  m.op('ELU', [a], [b]);
  m.inputs(a).outputs(b);
}

const f = Math.fround;
const roundAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** TFLM's int8 ELU table entry for q, in float32 arithmetic. */
function eluInt8(q: number, inScale: number, inZp: number, outScale: number, outZp: number): number {
  const x = f(f(inScale) * (q - inZp));
  const y = x < 0 ? f(f(Math.exp(x)) - 1) : x;
  const r = f(roundAway(f(y * f(1 / f(outScale)))) + outZp);
  return Math.max(-128, Math.min(127, Math.trunc(r)));
}

const QS = [-128, -100, -50, -20, -10, -3, -1, 0, 1, 5, 12, 13, 127];

export const cases: OpCase[] = [
  {
    name: 'float32: expm1 below zero, identity above',
    build(m) { elu(m, { dtype: 'float32', shape: [5] }); },
    inputs: [[-1, 0, 2, -0.5, -10]],
    expected: [[Math.expm1(-1), 0, 2, Math.expm1(-0.5), Math.expm1(-10)]],
    tolerance: 1e-6,
  },
  {
    name: 'int8 table, scale 0.1 -> 0.01, zero points 0',
    build(m) { elu(m, { dtype: 'int8', shape: [QS.length], scale: 0.1, zeroPoint: 0 }, { dtype: 'int8', shape: [QS.length], scale: 0.01, zeroPoint: 0 }); },
    inputs: [QS],
    // Hand-checked: -10 -> e^-1 - 1 = -0.632 -> -63; 5 -> 50; 13 -> 130 -> 127; -128 -> -100.
    expected: [QS.map((q) => eluInt8(q, 0.1, 0, 0.01, 0))],
  },
  {
    name: 'int8 table with zero points -20 -> 30',
    build(m) { elu(m, { dtype: 'int8', shape: [QS.length], scale: 0.05, zeroPoint: -20 }, { dtype: 'int8', shape: [QS.length], scale: 0.02, zeroPoint: 30 }); },
    inputs: [QS],
    expected: [QS.map((q) => eluInt8(q, 0.05, -20, 0.02, 30))],
  },
  {
    name: 'refuses int16',
    build(m) { elu(m, { dtype: 'int16', shape: [2], scale: 1, zeroPoint: 0 }); },
    refused: /ELU v1 \(operator 0\): input dtype int16 is not supported/,
  },
];
