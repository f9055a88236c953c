// SignalDelay (TFLM signal custom op): hand-worked delays; steps invoke without reset.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

function delay(m: ModelBuilder, shape: number[], delayLength: number, outShape = shape) {
  const x = m.tensor({ dtype: 'int16', shape });
  const y = m.tensor({ dtype: 'int16', shape: outShape });
  m.customOp('SignalDelay', [x], [y], encode({ delay_length: delayLength }));
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'two rows delayed by 2 (first invoke: zeros first)',
    build(m) { delay(m, [2, 3], 2); },
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[0, 0, 1, 0, 0, 4]],
  },
  {
    name: 'two rows delayed by 2, second invoke takes the held samples',
    build(m) { delay(m, [2, 3], 2); },
    steps: 2,
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[2, 3, 1, 5, 6, 4]],
  },
  {
    name: 'delay longer than a frame: stream 0 0 0 1 2 1 2 ..., third frame',
    build(m) { delay(m, [2], 3); },
    steps: 3,
    inputs: [[1, 2]],
    expected: [[2, 1]],
  },
  {
    name: 'delay 0 copies',
    build(m) { delay(m, [3], 0); },
    inputs: [[-7, 0, 32767]],
    expected: [[-7, 0, 32767]],
  },
  {
    name: 'refuses float32 (TFLM: int16 only)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      m.customOp('SignalDelay', [x], [y], encode({ delay_length: 1 }));
      m.inputs(x).outputs(y);
    },
    refused: /input dtype float32 is not supported/,
  },
  {
    name: 'refuses an output shape that differs',
    build(m) { delay(m, [4], 1, [2, 2]); },
    refused: /input and output shapes differ/,
  },
  {
    name: 'refuses a negative delay_length',
    build(m) { delay(m, [4], -1); },
    refused: /custom option 'delay_length' = -1 is outside/,
  },
];
