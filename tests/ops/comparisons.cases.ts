// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL: hand-worked cases (NaN,
// broadcasting, quantized inputs with different scales and zero points compared by real value).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, TensorSpec } from '../builder/tflite_builder.js';

function compare(m: ModelBuilder, op: string, a: TensorSpec, b: TensorSpec, outShape: number[]) {
  const x = m.tensor(a);
  const y = m.tensor(b);
  const z = m.tensor({ dtype: 'bool', shape: outShape });
  m.op(op, [x, y], [z]);
  m.inputs(x, y).outputs(z);
}

// int8 a: scale 0.5 zp 0 -> [1, 2, -1.5]; b: scale 0.25 zp 10 -> [1, 1.75, -1.5].
const QA: TensorSpec = { dtype: 'int8', shape: [3], scale: 0.5, zeroPoint: 0 };
const QB: TensorSpec = { dtype: 'int8', shape: [3], scale: 0.25, zeroPoint: 10 };
const QA_VALUES = [2, 4, -3];
const QB_VALUES = [14, 17, 4];

export const cases: OpCase[] = [
  {
    name: 'EQUAL float32 with a broadcast row and NaN',
    build(m) { compare(m, 'EQUAL', { dtype: 'float32', shape: [2, 2] }, { dtype: 'float32', shape: [2] }, [2, 2]); },
    inputs: [[1, 2, 3, NaN], [1, NaN]],
    expected: [[1, 0, 0, 0]],
  },
  {
    name: 'NOT_EQUAL float32: NaN differs from everything',
    build(m) { compare(m, 'NOT_EQUAL', { dtype: 'float32', shape: [3] }, { dtype: 'float32', shape: [3] }, [3]); },
    inputs: [[NaN, 1, -0], [NaN, 1, 0]],
    expected: [[1, 0, 0]],
  },
  {
    name: 'GREATER int32 against a scalar',
    build(m) { compare(m, 'GREATER', { dtype: 'int32', shape: [3] }, { dtype: 'int32', shape: [] }, [3]); },
    inputs: [[-5, 0, 5], [0]],
    expected: [[0, 0, 1]],
  },
  {
    name: 'GREATER_EQUAL int64',
    build(m) { compare(m, 'GREATER_EQUAL', { dtype: 'int64', shape: [3] }, { dtype: 'int64', shape: [1] }, [3]); },
    inputs: [[-5n, 0n, 5n], [0n]],
    expected: [[0, 1, 1]],
  },
  {
    name: 'LESS float32 with NaN on either side',
    build(m) { compare(m, 'LESS', { dtype: 'float32', shape: [3] }, { dtype: 'float32', shape: [3] }, [3]); },
    inputs: [[1, NaN, 3], [2, 2, NaN]],
    expected: [[1, 0, 0]],
  },
  {
    name: 'LESS_EQUAL int32, [2, 1] against [1, 3]',
    build(m) { compare(m, 'LESS_EQUAL', { dtype: 'int32', shape: [2, 1] }, { dtype: 'int32', shape: [1, 3] }, [2, 3]); },
    inputs: [[1, 5], [0, 1, 5]],
    expected: [[0, 1, 1, 0, 0, 1]],
  },
  {
    name: 'EQUAL bool',
    build(m) { compare(m, 'EQUAL', { dtype: 'bool', shape: [4] }, { dtype: 'bool', shape: [4] }, [4]); },
    inputs: [[1, 0, 1, 0], [1, 1, 0, 0]],
    expected: [[1, 0, 0, 1]],
  },
  {
    name: 'EQUAL int8 compares real values across scales and zero points',
    build(m) { compare(m, 'EQUAL', QA, QB, [3]); },
    inputs: [QA_VALUES, QB_VALUES],
    expected: [[1, 0, 1]],
  },
  {
    name: 'NOT_EQUAL int8',
    build(m) { compare(m, 'NOT_EQUAL', QA, QB, [3]); },
    inputs: [QA_VALUES, QB_VALUES],
    expected: [[0, 1, 0]],
  },
  {
    name: 'GREATER int8',
    build(m) { compare(m, 'GREATER', QA, QB, [3]); },
    inputs: [QA_VALUES, QB_VALUES],
    expected: [[0, 1, 0]],
  },
  {
    name: 'GREATER_EQUAL int8',
    build(m) { compare(m, 'GREATER_EQUAL', QA, QB, [3]); },
    inputs: [QA_VALUES, QB_VALUES],
    expected: [[1, 1, 1]],
  },
  {
    name: 'LESS int8',
    build(m) { compare(m, 'LESS', QA, QB, [3]); },
    inputs: [QA_VALUES, QB_VALUES],
    expected: [[0, 0, 0]],
  },
  {
    name: 'LESS_EQUAL int8 with the second input broadcast',
    build(m) { compare(m, 'LESS_EQUAL', QA, { ...QB, shape: [1] }, [3]); },
    // b = (14 - 10) * 0.25 = 1: a = [1, 2, -1.5] <= 1
    inputs: [QA_VALUES, [14]],
    expected: [[1, 0, 1]],
  },
  {
    name: 'GREATER int16 (the only comparison TFLM runs on int16)',
    build(m) {
      compare(m, 'GREATER', { dtype: 'int16', shape: [3], scale: 0.5, zeroPoint: 0 }, { dtype: 'int16', shape: [], scale: 0.25, zeroPoint: 0 }, [3]);
    },
    // b = 200 * 0.25 = 50; a = [50.5, 50, -50]
    inputs: [[101, 100, -100], [200]],
    expected: [[1, 0, 0]],
  },
  {
    name: 'refuses LESS on int16',
    build(m) { compare(m, 'LESS', { dtype: 'int16', shape: [2], scale: 0.5, zeroPoint: 0 }, { dtype: 'int16', shape: [2], scale: 0.5, zeroPoint: 0 }, [2]); },
    refused: /LESS v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses GREATER on bool',
    build(m) { compare(m, 'GREATER', { dtype: 'bool', shape: [2] }, { dtype: 'bool', shape: [2] }, [2]); },
    refused: /GREATER v1 \(operator 0\): input dtype bool is not supported/,
  },
  {
    name: 'refuses a non-bool output',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const z = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('EQUAL', [x, x], [z]);
      m.inputs(x).outputs(z);
    },
    refused: /EQUAL v1 \(operator 0\): output dtype float32 is not supported/,
  },
  {
    name: 'refuses int8 scales of 1 or more (TFLM aborts on them)',
    build(m) { compare(m, 'EQUAL', { dtype: 'int8', shape: [3], scale: 1, zeroPoint: 0 }, QB, [3]); },
    refused: /EQUAL v1 \(operator 0\): quantized input scales must be in \(0, 1\)/,
  },
  {
    name: 'refuses inputs of different dtypes',
    build(m) { compare(m, 'EQUAL', { dtype: 'int32', shape: [2] }, { dtype: 'float32', shape: [2] }, [2]); },
    refused: /EQUAL v1 \(operator 0\): inputs have different dtypes/,
  },
  {
    name: 'refuses broadcasting beyond 4 dimensions',
    build(m) { compare(m, 'EQUAL', { dtype: 'int32', shape: [2, 1, 1, 1, 2] }, { dtype: 'int32', shape: [2] }, [2, 1, 1, 1, 2]); },
    refused: /EQUAL v1 \(operator 0\): broadcasting supports up to 4 dimensions/,
  },
];
