// SVDF: hand-worked cases over several invokes (the state is a variable tensor kept across
// invokes), int8 with int16 and int8 state, float32, refusals.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';
import type { ModelBuilder, DTypeName, TensorSpec } from '../builder/tflite_builder.js';

const SVDF_OPTIONS = 6;
const ACT: Record<string, number> = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4 };

interface Spec {
  batch: number; inputSize: number; filters: number; memory: number; rank: number;
  activation?: keyof typeof ACT;
  input: Omit<TensorSpec, 'shape'>;
  featureWeights: { data: number[] } & Omit<TensorSpec, 'shape'>;
  timeWeights: { data: number[] } & Omit<TensorSpec, 'shape'>;
  bias?: { data: number[] } & Omit<TensorSpec, 'shape'>;
  state: Omit<TensorSpec, 'shape'>;
  output: Omit<TensorSpec, 'shape'>;
  stateVariable?: boolean;
}

function svdf(m: ModelBuilder, s: Spec) {
  const units = s.filters / s.rank;
  const x = m.tensor({ ...s.input, shape: [s.batch, s.inputSize] });
  const wf = m.constant({ ...s.featureWeights, shape: [s.filters, s.inputSize] });
  const wt = m.constant({ ...s.timeWeights, shape: [s.filters, s.memory] });
  const b = s.bias ? m.constant({ ...s.bias, shape: [units] }) : -1;
  const state = m.tensor({ ...s.state, shape: [s.batch, s.memory * s.filters], isVariable: s.stateVariable ?? true });
  const y = m.tensor({ ...s.output, shape: [s.batch, units] });
  m.op('SVDF', [x, wf, wt, b, state], [y], options.raw(SVDF_OPTIONS, [[0, 'int32', s.rank], [1, 'int8', ACT[s.activation ?? 'NONE']]]));
  m.inputs(x).outputs(y);
}

const q = (dtype: DTypeName, scale: number, zeroPoint = 0) => ({ dtype, scale, zeroPoint });

// float32: one filter, memory 3: the newest activation meets time weight 2, older ones 1, 0.5.
const floatSpec: Spec = {
  batch: 1, inputSize: 2, filters: 1, memory: 3, rank: 1,
  input: { dtype: 'float32' },
  featureWeights: { dtype: 'float32', data: [1, 2] },
  timeWeights: { dtype: 'float32', data: [0.5, 1, 2] },
  bias: { dtype: 'float32', data: [0.25] },
  state: { dtype: 'float32' },
  output: { dtype: 'float32' },
};

// int8 input, int16 state, rank 2 (two filters per unit), all scales 1 (multipliers exactly 1).
const int16StateSpec: Spec = {
  batch: 1, inputSize: 2, filters: 2, memory: 2, rank: 2,
  input: q('int8', 1),
  featureWeights: { ...q('int8', 1), data: [1, 1, 2, -1] },
  timeWeights: { ...q('int16', 1), data: [1, 2, 3, 4] },
  bias: { ...q('int32', 1), data: [5] },
  state: q('int16', 1),
  output: q('int8', 1),
};

// int8 input (zp -1), int8 state (zp 10): feature multiplier 0.5 * 0.25 / 0.125 = 1,
// output multiplier 0.125 * 1 / 0.5 = 0.25, bias scale 0.125. RELU is set but TFLM's integer
// kernel applies no activation.
const int8StateSpec = (bias: number): Spec => ({
  batch: 1, inputSize: 2, filters: 1, memory: 2, rank: 1, activation: 'RELU',
  input: q('int8', 0.5, -1),
  featureWeights: { ...q('int8', 0.25), data: [2, -3] },
  timeWeights: { ...q('int8', 1), data: [4, 8] },
  bias: { ...q('int32', 0.125), data: [bias] },
  state: q('int8', 0.125, 10),
  output: q('int8', 0.5, -3),
});

export const cases: OpCase[] = [
  {
    name: 'float32, first invoke',
    build(m) { svdf(m, floatSpec); },
    // feature 1 + 2 = 3 in the newest slot: 0.25 + 3 x 2
    inputs: [[1, 1]],
    expected: [[6.25]],
  },
  {
    name: 'float32, third invoke (state kept across invokes)',
    build(m) { svdf(m, floatSpec); },
    // state [3, 3, 3]: 0.25 + 1.5 + 3 + 6
    inputs: [[1, 1]],
    steps: 3,
    expected: [[10.75]],
  },
  {
    name: 'float32 RELU applies (float kernel only)',
    build(m) { svdf(m, { ...floatSpec, bias: { dtype: 'float32', data: [-20] }, activation: 'RELU' }); },
    inputs: [[1, 1]],
    expected: [[0]],
  },
  {
    name: 'int8 with int16 state, rank 2, second invoke',
    build(m) { svdf(m, int16StateSpec); },
    // features: f0 = 10 + 20 = 30, f1 = 20 - 20 = 0. Invoke 1 state f0 [0, 30], f1 [0, 0];
    // invoke 2: f0 [30, 30] -> 5 + (1 x 30 + 2 x 30) + 0 = 95
    inputs: [[10, 20]],
    steps: 2,
    expected: [[95]],
  },
  {
    name: 'int8 with int16 state saturates the output',
    build(m) { svdf(m, int16StateSpec); },
    // f0 = 127, f1 = 2 x 100 - 27 = 173: 5 + 2 x 127 + 4 x 173 = 951 -> 127
    inputs: [[100, 27]],
    expected: [[127]],
  },
  {
    name: 'int8 with int8 state: zero points; the fused RELU is not applied',
    build(m) { svdf(m, int8StateSpec(-100)); },
    // x - zp = [6, 2]: feature 12 - 6 = 6 (x 1) -> stored 6 + 10 = 16; state (reset to 10) [10, 16]
    // time: 4 x 0 + 8 x 6 = 48, + bias -100 = -52, x 0.25 = -13, - 3 = -16 (real -6.5: no RELU)
    inputs: [[5, 1]],
    expected: [[-16]],
  },
  {
    name: 'int8 state: saturated activation then zero point, narrowed to int8 (TFLM reference order)',
    build(m) { svdf(m, int8StateSpec(12)); },
    // x - zp = [128, -127]: feature 256 + 381 = 637 -> saturates to 127, + zp 10 = 137 stored as
    // int8 -119. time: 8 x (-119 - 10) = -1032, + 12 = -1020, x 0.25 = -255, - 3 -> -128.
    // (TFLM's svdf_common.cc adds the zero point after the clamp; see tflite-micro issue #2721.)
    inputs: [[127, -128]],
    expected: [[-128]],
  },
  {
    name: 'refuses a state that is not a variable tensor',
    build(m) { svdf(m, { ...floatSpec, stateVariable: false }); },
    refused: /SVDF v1 \(operator 0\): state \(input 4\) must be a variable tensor/,
  },
  {
    name: 'refuses int8 without a bias',
    build(m) { svdf(m, { ...int16StateSpec, bias: undefined }); },
    refused: /int8 SVDF needs a bias/,
  },
  {
    name: 'refuses a filter count that is not a multiple of the rank',
    build(m) { svdf(m, { ...floatSpec, filters: 3, rank: 2, featureWeights: { dtype: 'float32', data: [1, 2, 3, 4, 5, 6] },
      timeWeights: { dtype: 'float32', data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, bias: undefined }); },
    refused: /filter count 3 is not a multiple of the rank 2/,
  },
  {
    name: 'refuses time weights and state of different dtypes',
    build(m) { svdf(m, { ...int16StateSpec, state: q('int8', 1) }); },
    refused: /time weights and state dtypes differ/,
  },
];
