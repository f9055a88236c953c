// CAST: static_cast semantics (integers wrap, floats truncate toward zero).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';

function cast(m: ModelBuilder, from: DTypeName, to: DTypeName, shape: number[]) {
  const x = m.tensor({ dtype: from, shape });
  const y = m.tensor({ dtype: to, shape });
  m.op('CAST', [x], [y]);
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'int32 to int8 wraps',
    build(m) { cast(m, 'int32', 'int8', [5]); },
    inputs: [[300, -129, 127, -128, 5]],
    expected: [[44, 127, 127, -128, 5]],
  },
  {
    name: 'float32 to int32 truncates toward zero',
    build(m) { cast(m, 'float32', 'int32', [4]); },
    inputs: [[1.9, -1.9, 0.5, 100.99]],
    expected: [[1, -1, 0, 100]],
  },
  {
    name: 'uint32 to int32 reinterprets',
    build(m) { cast(m, 'uint32', 'int32', [2]); },
    inputs: [[4294967295, 5]],
    expected: [[-1, 5]],
  },
  {
    name: 'int16 to float32',
    build(m) { cast(m, 'int16', 'float32', [2]); },
    inputs: [[-32768, 7]],
    expected: [[-32768, 7]],
  },
  {
    name: 'int32 to uint32',
    build(m) { cast(m, 'int32', 'uint32', [2]); },
    inputs: [[-1, 7]],
    expected: [[4294967295, 7]],
  },
  {
    name: 'refuses a float16 input',
    build(m) { cast(m, 'float16', 'int32', [2]); },
    refused: /input dtype float16 is not supported/,
  },
];
