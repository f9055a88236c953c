// SELECT_V2: hand-worked cases (same shapes, three-way broadcasting, single elements).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function select(m: ModelBuilder, c: TensorSpec, x: TensorSpec, y: TensorSpec, out: TensorSpec) {
  const a = m.tensor(c);
  const b = m.tensor(x);
  const d = m.tensor(y);
  const z = m.tensor(out);
  m.op('SELECT_V2', [a, b, d], [z]);
  m.inputs(a, b, d).outputs(z);
}

const bool = (shape: number[]): TensorSpec => ({ dtype: 'bool', shape });

export const cases: OpCase[] = [
  {
    name: 'float32, same shapes',
    build(m) { select(m, bool([3]), { dtype: 'float32', shape: [3] }, { dtype: 'float32', shape: [3] }, { dtype: 'float32', shape: [3] }); },
    inputs: [[1, 0, 1], [1, 2, 3], [-1, -2, -3]],
    expected: [[1, -2, 3]],
  },
  {
    name: 'int8: condition [2, 1], x [1, 3], y scalar',
    build(m) {
      const q = { scale: 0.5, zeroPoint: 0 };
      select(m, bool([2, 1]), { dtype: 'int8', shape: [1, 3], ...q }, { dtype: 'int8', shape: [], ...q }, { dtype: 'int8', shape: [2, 3], ...q });
    },
    inputs: [[1, 0], [1, 2, 3], [9]],
    expected: [[1, 2, 3, 9, 9, 9]],
  },
  {
    name: 'int16, 5-D broadcasting',
    build(m) {
      select(m, bool([1, 1, 1, 1, 2]), { dtype: 'int16', shape: [2, 1, 1, 1, 1] }, { dtype: 'int16', shape: [2, 1, 1, 1, 2] },
        { dtype: 'int16', shape: [2, 1, 1, 1, 2] });
    },
    inputs: [[0, 1], [10, 20], [-1, -2, -3, -4]],
    expected: [[-1, 10, -3, 20]],
  },
  {
    name: 'float32, condition broadcast over rows, any non-zero byte is true',
    build(m) { select(m, bool([2]), { dtype: 'float32', shape: [3, 2] }, { dtype: 'float32', shape: [3, 2] }, { dtype: 'float32', shape: [3, 2] }); },
    inputs: [[0, 5], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]],
    expected: [[-1, 2, -3, 4, -5, 6]],
  },
  {
    name: 'single elements of different ranks',
    build(m) { select(m, bool([]), { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [1, 1] }, { dtype: 'float32', shape: [] }); },
    inputs: [[1], [5], [7]],
    expected: [[5]],
  },
  {
    name: 'refuses a non-bool condition',
    build(m) { select(m, { dtype: 'int8', shape: [1], scale: 1, zeroPoint: 0 }, { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [1] }); },
    refused: /SELECT_V2 v1 \(operator 0\): condition dtype int8 is not supported/,
  },
  {
    name: 'refuses int32 values (TFLM: float32, int8, int16)',
    build(m) { select(m, bool([1]), { dtype: 'int32', shape: [1] }, { dtype: 'int32', shape: [1] }, { dtype: 'int32', shape: [1] }); },
    refused: /SELECT_V2 v1 \(operator 0\): input dtype int32 is not supported/,
  },
  {
    name: 'refuses broadcasting beyond 5 dimensions',
    build(m) {
      select(m, bool([2, 1, 1, 1, 1, 1]), { dtype: 'float32', shape: [1] }, { dtype: 'float32', shape: [2, 1, 1, 1, 1, 2] },
        { dtype: 'float32', shape: [2, 1, 1, 1, 1, 2] });
    },
    refused: /SELECT_V2 v1 \(operator 0\): broadcasting supports up to 5 dimensions/,
  },
  {
    name: 'refuses shapes that do not broadcast',
    build(m) { select(m, bool([3]), { dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2] }); },
    refused: /SELECT_V2 v1 \(operator 0\): condition, x and y do not broadcast to the output shape/,
  },
];
