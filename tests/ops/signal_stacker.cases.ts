// SignalStacker (TFLM signal custom op): hand-worked stacking; steps invoke without reset
// (inputs repeat). Until enough frames are held the output is zeros with valid = false.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

function stacker(m: ModelBuilder, channels: number, left: number, right: number, step: number, outSize = channels * (left + right + 1)) {
  const x = m.tensor({ dtype: 'int16', shape: [channels] });
  const y = m.tensor({ dtype: 'int16', shape: [outSize] });
  const v = m.tensor({ dtype: 'bool', shape: [] });
  m.customOp('SignalStacker', [x], [y, v], encode({
    num_channels: channels, stacker_left_context: left, stacker_right_context: right, stacker_step: step,
  }));
  m.inputs(x).outputs(y, v);
}

export const cases: OpCase[] = [
  {
    name: 'left 1 right 1: the first frame (held twice) is not enough',
    build(m) { stacker(m, 2, 1, 1, 1); },
    inputs: [[1, -2]],
    expected: [[0, 0, 0, 0, 0, 0], [0]],
  },
  {
    name: 'left 1 right 1: the second invoke stacks three frames',
    build(m) { stacker(m, 2, 1, 1, 1); },
    steps: 2,
    inputs: [[1, -2]],
    expected: [[1, -2, 1, -2, 1, -2], [1]],
  },
  {
    name: 'left 2 right 0: the first frame repeated fills the stack at once',
    build(m) { stacker(m, 1, 2, 0, 1); },
    inputs: [[7]],
    expected: [[7, 7, 7], [1]],
  },
  {
    name: 'no context passes each frame through',
    build(m) { stacker(m, 3, 0, 0, 1); },
    steps: 3,
    inputs: [[1, 2, 3]],
    expected: [[1, 2, 3], [1]],
  },
  {
    name: 'step 2 of 2 frames: ready every second invoke (third invoke: not ready)',
    build(m) { stacker(m, 1, 0, 1, 2); },
    steps: 3,
    inputs: [[5]],
    expected: [[0, 0], [0]],
  },
  {
    name: 'refuses stacker_step 0 (TFLM\'s buffer would overflow)',
    build(m) { stacker(m, 2, 1, 1, 0); },
    refused: /custom option 'stacker_step' = 0 is outside \[1, 3\]/,
  },
  {
    name: 'refuses an output of the wrong size',
    build(m) { stacker(m, 2, 1, 1, 1, 5); },
    refused: /output must hold num_channels x/,
  },
];
