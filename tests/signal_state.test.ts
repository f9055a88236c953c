// The stateful signal custom ops (SignalDelay, SignalFramer, SignalStacker, SignalOverlapAdd)
// over a sequence of different inputs, then after reset() (state as right after load).
// Expectations are hand-worked from TFLM's buffer semantics (signal/src/circular_buffer.cc).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';
import { ModelBuilder } from './builder/tflite_builder.js';
import { engineFor, VARIANTS } from './helpers.js';

type Step = { input: number[]; expected: number[][] } | 'reset';

async function run(build: (m: ModelBuilder) => void, steps: Step[]) {
  const m = new ModelBuilder();
  build(m);
  const bytes = m.finish();
  for (const variant of VARIANTS) {
    const model = (await engineFor(variant)).load(bytes);
    steps.forEach((s, k) => {
      if (s === 'reset') { model.reset(); return; }
      model.inputs[0].set(s.input);
      model.invoke();
      s.expected.forEach((want, i) => assert.deepEqual(Array.from(model.outputs[i].data as ArrayLike<number>, Number), want, `${variant}: step ${k} output ${i}`));
    });
    model.dispose();
  }
}

test('SignalStacker: context, step, reset', async () => {
  await run((m) => {
    const x = m.tensor({ dtype: 'int16', shape: [1] });
    const y = m.tensor({ dtype: 'int16', shape: [3] });
    const v = m.tensor({ dtype: 'bool', shape: [] });
    m.customOp('SignalStacker', [x], [y, v], encode({ num_channels: 1, stacker_left_context: 1, stacker_right_context: 1, stacker_step: 1 }));
    m.inputs(x).outputs(y, v);
  }, [
    { input: [1], expected: [[0, 0, 0], [0]] },   // holds 1 1
    { input: [2], expected: [[1, 1, 2], [1]] },   // keeps 1 2
    { input: [3], expected: [[1, 2, 3], [1]] },
    { input: [4], expected: [[2, 3, 4], [1]] },
    'reset',
    { input: [9], expected: [[0, 0, 0], [0]] },   // the first frame is repeated again
    { input: [8], expected: [[9, 9, 8], [1]] },
  ]);
});

test('SignalFramer: frames across invokes, reset', async () => {
  await run((m) => {
    const x = m.tensor({ dtype: 'int16', shape: [1] });
    const y = m.tensor({ dtype: 'int16', shape: [1, 3] });
    const v = m.tensor({ dtype: 'bool', shape: [] });
    m.customOp('SignalFramer', [x], [y, v], encode({ frame_size: 3, frame_step: 1, prefill: false }));
    m.inputs(x).outputs(y, v);
  }, [
    { input: [1], expected: [[0, 0, 0], [0]] },
    { input: [2], expected: [[0, 0, 0], [0]] },
    { input: [3], expected: [[1, 2, 3], [1]] },
    { input: [4], expected: [[2, 3, 4], [1]] },
    'reset',
    { input: [7], expected: [[0, 0, 0], [0]] },
  ]);
});

test('SignalDelay: delay 2 across invokes, reset', async () => {
  await run((m) => {
    const x = m.tensor({ dtype: 'int16', shape: [1] });
    const y = m.tensor({ dtype: 'int16', shape: [1] });
    m.customOp('SignalDelay', [x], [y], encode({ delay_length: 2 }));
    m.inputs(x).outputs(y);
  }, [
    { input: [1], expected: [[0]] },
    { input: [2], expected: [[0]] },
    { input: [3], expected: [[1]] },
    'reset',
    { input: [5], expected: [[0]] },
  ]);
});

test('SignalOverlapAdd: overlap across invokes, reset', async () => {
  await run((m) => {
    const x = m.tensor({ dtype: 'int16', shape: [1, 2] });
    const y = m.tensor({ dtype: 'int16', shape: [1] });
    m.customOp('SignalOverlapAdd', [x], [y], encode({ T: 7, frame_step: 1 }));
    m.inputs(x).outputs(y);
  }, [
    { input: [1, 2], expected: [[1]] },   // keeps 2 0
    { input: [3, 4], expected: [[5]] },   // keeps 4 0
    'reset',
    { input: [10, 20], expected: [[10]] },
  ]);
});
