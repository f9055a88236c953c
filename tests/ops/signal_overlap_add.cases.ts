// SignalOverlapAdd (TFLM signal custom op): hand-worked overlap-adds, int16 (saturating)
// and float32; steps invoke without reset (inputs repeat).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

const T = { int16: 7, float32: 0, int32: 2 } as Record<string, number>;

function overlapAdd(m: ModelBuilder, dtype: DTypeName, shape: number[], outShape: number[], step: number, t = T[dtype]) {
  const x = m.tensor({ dtype, shape });
  const y = m.tensor({ dtype, shape: outShape });
  m.customOp('SignalOverlapAdd', [x], [y], encode({ T: t, frame_step: step }));
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'int16 two frames of 4, step 2',
    build(m) { overlapAdd(m, 'int16', [1, 2, 4], [1, 4], 2); },
    // buffer 1 2 3 4 -> out 1 2, keeps 3 4 0 0; + 10 20 30 40 -> out 13 24, keeps 30 40 0 0
    inputs: [[1, 2, 3, 4, 10, 20, 30, 40]],
    expected: [[1, 2, 13, 24]],
  },
  {
    name: 'int16 second invoke adds the held tail',
    build(m) { overlapAdd(m, 'int16', [1, 2, 4], [1, 4], 2); },
    steps: 2,
    inputs: [[1, 2, 3, 4, 10, 20, 30, 40]],
    expected: [[31, 42, 13, 24]],
  },
  {
    name: 'int16 saturates both ways',
    build(m) { overlapAdd(m, 'int16', [2, 2, 2], [2, 2], 1); },
    // row 0: 20000 20000 -> out 20000, keeps 20000 0; + 20000 20000 -> 32767
    inputs: [[20000, 20000, 20000, 20000, -20000, -20000, -20000, -20000]],
    expected: [[20000, 32767, -20000, -32768]],
  },
  {
    name: 'float32 frames of 2, step 1',
    build(m) { overlapAdd(m, 'float32', [2, 2], [2], 1); },
    inputs: [[0.5, 0.25, 1, 2]],
    expected: [[0.5, 1.25]],
  },
  {
    name: 'refuses T = int32 (TFLM: int16 or float32)',
    build(m) { overlapAdd(m, 'int32', [2, 2], [2], 1); },
    refused: /custom option 'T' = 2 is not int16 or float32/,
  },
  {
    name: 'refuses an input whose dtype is not T',
    build(m) { overlapAdd(m, 'int16', [2, 2], [2], 1, T.float32); },
    refused: /input dtype int16 is not supported/,
  },
  {
    name: 'refuses frame_step larger than frame_size',
    build(m) { overlapAdd(m, 'int16', [2, 2], [6], 3); },
    refused: /custom option 'frame_step' = 3 is outside \[0, 2\]/,
  },
];
