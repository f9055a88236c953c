// MAXIMUM / MINIMUM: hand-worked cases with broadcasting.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';

function binary(m: ModelBuilder, op: string, dtype: DTypeName, aShape: number[], bShape: number[], outShape: number[]) {
  const a = m.tensor({ dtype, shape: aShape });
  const b = m.tensor({ dtype, shape: bShape });
  const y = m.tensor({ dtype, shape: outShape });
  m.op(op, [a, b], [y]);
  m.inputs(a, b).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'MAXIMUM int8 with a broadcast row',
    build(m) { binary(m, 'MAXIMUM', 'int8', [2, 3], [3], [2, 3]); },
    inputs: [[1, -5, 3, 7, 0, -2], [0, 0, 5]],
    expected: [[1, 0, 5, 7, 0, 5]],
  },
  {
    name: 'MINIMUM int8 with a broadcast row',
    build(m) { binary(m, 'MINIMUM', 'int8', [2, 3], [3], [2, 3]); },
    inputs: [[1, -5, 3, 7, 0, -2], [0, 0, 5]],
    expected: [[0, -5, 3, 0, 0, -2]],
  },
  {
    name: 'MAXIMUM float32 with a broadcast column',
    build(m) { binary(m, 'MAXIMUM', 'float32', [2, 1], [2, 2], [2, 2]); },
    inputs: [[0.5, -1], [0.25, 1, -2, -0.5]],
    expected: [[0.5, 1, -1, -0.5]],
  },
  {
    name: 'MINIMUM int32 scalar',
    build(m) { binary(m, 'MINIMUM', 'int32', [3], [], [3]); },
    inputs: [[-200, 127, 500], [127]],
    expected: [[-200, 127, 127]],
  },
];
