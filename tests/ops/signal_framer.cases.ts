// SignalFramer (TFLM signal custom op): hand-worked framing; steps invoke without reset
// (inputs repeat). Incomplete frames come out as zeros with valid = false.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

function framer(m: ModelBuilder, shape: number[], outShape: number[], frameSize: number, frameStep: number, prefill: boolean) {
  const x = m.tensor({ dtype: 'int16', shape });
  const y = m.tensor({ dtype: 'int16', shape: outShape });
  const v = m.tensor({ dtype: 'bool', shape: [] });
  m.customOp('SignalFramer', [x], [y, v], encode({ frame_size: frameSize, frame_step: frameStep, prefill }));
  m.inputs(x).outputs(y, v);
}

export const cases: OpCase[] = [
  {
    name: 'size 3 step 2 without prefill: first frame incomplete',
    build(m) { framer(m, [1, 4], [1, 2, 3], 3, 2, false); },
    // [1,2] -> 2 held (not enough); [3,4] -> frame 1 2 3, keeps 3 4
    inputs: [[1, 2, 3, 4]],
    expected: [[0, 0, 0, 1, 2, 3], [0]],
  },
  {
    name: 'size 3 step 2 without prefill, second invoke',
    build(m) { framer(m, [1, 4], [1, 2, 3], 3, 2, false); },
    steps: 2,
    // held 3 4; [1,2] -> frame 3 4 1, keeps 1 2; [3,4] -> frame 1 2 3
    inputs: [[1, 2, 3, 4]],
    expected: [[3, 4, 1, 1, 2, 3], [1]],
  },
  {
    name: 'size 3 step 2 with prefill (one zero first)',
    build(m) { framer(m, [4], [2, 3], 3, 2, true); },
    inputs: [[1, 2, 3, 4]],
    expected: [[0, 1, 2, 2, 3, 4], [1]],
  },
  {
    name: 'two rows framed independently, size 4 step 2',
    build(m) { framer(m, [2, 2], [2, 1, 4], 4, 2, false); },
    steps: 2,
    inputs: [[1, 2, 5, 6]],
    expected: [[1, 2, 1, 2, 5, 6, 5, 6], [1]],
  },
  {
    name: 'refuses an input that is not a multiple of frame_step',
    build(m) { framer(m, [5], [2, 3], 3, 2, false); },
    refused: /multiple of frame_step/,
  },
  {
    name: 'refuses an output shape other than [..., frames, frame_size]',
    build(m) { framer(m, [4], [2, 4], 3, 2, false); },
    refused: /output shape must be/,
  },
  {
    name: 'refuses a missing option',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [4] });
      const y = m.tensor({ dtype: 'int16', shape: [2, 3] });
      const v = m.tensor({ dtype: 'bool', shape: [] });
      m.customOp('SignalFramer', [x], [y, v], encode({ frame_size: 3, frame_step: 2 }));
      m.inputs(x).outputs(y, v);
    },
    refused: /custom option 'prefill' is missing/,
  },
];
