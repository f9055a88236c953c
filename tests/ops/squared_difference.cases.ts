// SQUARED_DIFFERENCE: hand-worked cases, including TFLM's quantized arithmetic (inputs brought
// to twice the larger input scale; int16 halves each input with rounding before the difference).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function binary(m: ModelBuilder, a: TensorSpec, b: TensorSpec, out: TensorSpec) {
  const x = m.tensor(a);
  const y = m.tensor(b);
  const z = m.tensor(out);
  m.op('SQUARED_DIFFERENCE', [x, y], [z]);
  m.inputs(x, y).outputs(z);
}

export const cases: OpCase[] = [
  {
    name: 'float32 with a broadcast scalar',
    build(m) { binary(m, { dtype: 'float32', shape: [3] }, { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [3] }); },
    inputs: [[1, 2, 3.5], [4]],
    expected: [[9, 4, 0.25]],
  },
  {
    name: 'int32 wraps as C++ int arithmetic',
    build(m) { binary(m, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [2] }, { dtype: 'int32', shape: [2] }); },
    // 100000^2 = 10^10 = 1410065408 mod 2^32
    inputs: [[100000, -3], [0, 4]],
    expected: [[1410065408, 49]],
  },
  {
    name: 'int8, equal scales 0.5 -> 1, output zero point -128, saturation',
    build(m) {
      binary(m, { dtype: 'int8', shape: [5], scale: 0.5, zeroPoint: 0 }, { dtype: 'int8', shape: [5], scale: 0.5, zeroPoint: 0 },
        { dtype: 'int8', shape: [5], scale: 1, zeroPoint: -128 });
    },
    // (0.5 d)^2 = d^2 / 4: 16/4 = 4; 9/4 -> 2; 1/4 -> 0; 200^2/4 saturates
    inputs: [[4, 3, 0, 100, -100], [0, 0, 1, -100, 100]],
    expected: [[-124, -126, -128, 127, 127]],
  },
  {
    name: 'int8, scales 1 and 0.5 with a broadcast row',
    build(m) {
      binary(m, { dtype: 'int8', shape: [2, 2], scale: 1, zeroPoint: 0 }, { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 0 },
        { dtype: 'int8', shape: [2, 2], scale: 1, zeroPoint: 0 });
    },
    // (a - b/2)^2: (3 - 0.5)^2 = 6.25 -> 6; (-2 - 2.5)^2 = 20.25 -> 20; (0 - 0.5)^2 -> 0; (10 - 2.5)^2 = 56.25 -> 56
    inputs: [[3, -2, 0, 10], [1, 5]],
    expected: [[6, 20, 0, 56]],
  },
  {
    name: 'int8 with zero points',
    build(m) {
      binary(m, { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 10 }, { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: -10 },
        { dtype: 'int8', shape: [2], scale: 1, zeroPoint: 5 });
    },
    // real a = [(14 - 10) / 2, (30 - 10) / 2] = [2, 10]; b = [(-6 + 10) / 2, (-10 + 10) / 2] = [2, 0]
    inputs: [[14, 30], [-6, -10]],
    expected: [[5, 105]],
  },
  {
    name: 'int16: each input is halved (rounded) before the difference, as TFLM',
    build(m) {
      binary(m, { dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [3], scale: 1, zeroPoint: 0 },
        { dtype: 'int16', shape: [3], scale: 4, zeroPoint: 0 });
    },
    // halves: [5, 2, 150] - [2, 0, -150] = [3, 2, 300]; squared, output multiplier 1
    // (3 - 0: the exact (3/2)^2 = 2.25 would round to 2, TFLM gives 4).
    inputs: [[10, 3, 300], [4, 0, -300]],
    expected: [[9, 4, 32767]],
  },
  {
    name: 'refuses int16 with a zero point',
    build(m) {
      binary(m, { dtype: 'int16', shape: [1], scale: 1, zeroPoint: 2 }, { dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0 },
        { dtype: 'int16', shape: [1], scale: 1, zeroPoint: 0 });
    },
    refused: /SQUARED_DIFFERENCE v1 \(operator 0\): int16 needs zero points 0/,
  },
  {
    name: 'refuses int64',
    build(m) { binary(m, { dtype: 'int64', shape: [1] }, { dtype: 'int64', shape: [1] }, { dtype: 'int64', shape: [1] }); },
    refused: /SQUARED_DIFFERENCE v1 \(operator 0\): input dtype int64 is not supported/,
  },
];
