// CONCATENATION: hand-worked cases.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

export const cases: OpCase[] = [
  {
    name: 'float32 along axis 1',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [2, 1] });
      const b = m.tensor({ dtype: 'float32', shape: [2, 2] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 3] });
      m.op('CONCATENATION', [a, b], [y], options.concatenation({ axis: 1 }));
      m.inputs(a, b).outputs(y);
    },
    inputs: [[1, 2], [3, 4, 5, 6]],
    expected: [[1, 3, 4, 2, 5, 6]],
  },
  {
    name: 'int8, three inputs (one constant), axis -1, quantized values copied unchanged',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 1 });
      const b = m.constant({ dtype: 'int8', shape: [1, 1], data: [-7], scale: 0.5, zeroPoint: 1 });
      const c = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 1 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 5], scale: 0.5, zeroPoint: 1 });
      m.op('CONCATENATION', [a, b, c], [y], options.concatenation({ axis: -1 }));
      m.inputs(a, c).outputs(y);
    },
    inputs: [[1, 2], [3, 4]],
    expected: [[1, 2, -7, 3, 4]],
  },
  {
    name: 'refuses inputs that differ outside the axis',
    build(m) {
      const a = m.tensor({ dtype: 'int32', shape: [2, 1] });
      const b = m.tensor({ dtype: 'int32', shape: [3, 1] });
      const y = m.tensor({ dtype: 'int32', shape: [2, 2] });
      m.op('CONCATENATION', [a, b], [y], options.concatenation({ axis: 1 }));
      m.inputs(a, b).outputs(y);
    },
    refused: /differs from the output outside the axis/,
  },
  {
    name: 'refuses a fused activation',
    build(m) {
      const a = m.tensor({ dtype: 'float32', shape: [1] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('CONCATENATION', [a, a], [y], options.concatenation({ axis: 0, activation: 'RELU' }));
      m.inputs(a).outputs(y);
    },
    refused: /fused activations are not supported/,
  },
  {
    name: 'refuses uint8 (not in TFLM\'s set)',
    build(m) {
      const a = m.tensor({ dtype: 'uint8', shape: [1, 2] });
      const b = m.tensor({ dtype: 'uint8', shape: [1, 2] });
      const y = m.tensor({ dtype: 'uint8', shape: [1, 4] });
      m.op('CONCATENATION', [a, b], [y], options.concatenation({ axis: 1 }));
      m.inputs(a, b).outputs(y);
    },
    refused: /output dtype uint8 is not supported/,
  },
  {
    name: 'refuses more than 10 inputs, as TFLM',
    build(m) {
      const xs = Array.from({ length: 11 }, () => m.tensor({ dtype: 'int8', shape: [1] }));
      const y = m.tensor({ dtype: 'int8', shape: [11] });
      m.op('CONCATENATION', xs, [y], options.concatenation({ axis: 0 }));
      m.inputs(...xs).outputs(y);
    },
    refused: /more than 10 inputs/,
  },
  {
    name: 'refuses two outputs, saying how many it has',
    build(m) {
      const a = m.tensor({ dtype: 'int8', shape: [2] });
      const y = m.tensor({ dtype: 'int8', shape: [2] });
      const z = m.tensor({ dtype: 'int8', shape: [2] });
      m.op('CONCATENATION', [a], [y, z], options.concatenation({ axis: 0 }));
      m.inputs(a).outputs(y, z);
    },
    refused: /CONCATENATION v1 \(operator 0\): expects 1 to 10 inputs and 1 output, has 1 inputs and 2 outputs/,
  },
];
