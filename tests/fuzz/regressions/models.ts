// Regression models: each failure the fuzzer found, minimised into a small model built with the
// test-model builder, with what the engine must now do (refuse it with a message, or run it).
// tests/fuzz.test.ts loads every one on both builds.

import { ModelBuilder } from '../../builder/tflite_builder.js';
import { options } from '../../builder/options.js';

export interface Regression {
  name: string;
  /** What the fuzzer saw before the fix. */
  found: string;
  build(): Uint8Array;
  /** The load must fail with this message; undefined: it loads and invokes. */
  refused?: RegExp;
}

export const regressions: Regression[] = [
  {
    name: 'subgraph input is a constant tensor',
    found: 'writing the input (as any host does) overwrote the model\'s weights (fuzz: tensor index mutation on signal_window, mnist_lstm_int8)',
    build() {
      const m = new ModelBuilder();
      const x = m.tensor({ dtype: 'int16', shape: [8] });
      const w = m.constant({ dtype: 'int16', shape: [8], data: [1, 2, 3, 4, 5, 6, 7, 8] });
      const y = m.tensor({ dtype: 'int16', shape: [8] });
      m.op('ADD', [x, w], [y], options.add());
      m.inputs(w).outputs(y);
      return m.finish();
    },
    refused: /^malformed model: subgraph input 0 is constant tensor 1$/,
  },
  {
    name: 'a 2^31 - 1 byte activation',
    found: 'alignUp(0x7fffffff) wrapped the planner\'s i32 size: a 96-byte plan, then invoke trapped (fuzz: dimRename 10 -> 2147483647 on tanh_int8)',
    build() {
      const m = new ModelBuilder();
      const x = m.tensor({ dtype: 'int8', shape: [0x7fffffff], scale: 0.1, zeroPoint: 3 });
      const y = m.tensor({ dtype: 'int8', shape: [0x7fffffff], scale: 1 / 128, zeroPoint: 0 });
      m.op('TANH', [x], [y]);
      m.inputs(x).outputs(y);
      return m.finish();
    },
    refused: /^the model's activations and scratch buffers need more than 2 GB \(4,294,967,296 bytes\)$/,
  },
  {
    name: 'activations adding up to more than 2 GB',
    found: 'each tensor below 2 GB, their offsets past 2^31 (fuzz: dimRename 4 -> 2147483647 on div_int8)',
    build() {
      const m = new ModelBuilder();
      const a = m.tensor({ dtype: 'int8', shape: [3, 1 << 28], scale: 0.1, zeroPoint: 0 });
      const b = m.tensor({ dtype: 'int8', shape: [3, 1 << 28], scale: 0.1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [3, 1 << 28], scale: 0.2, zeroPoint: 0 });
      m.op('ADD', [a, b], [y], options.add());
      m.inputs(a, b).outputs(y);
      return m.finish();
    },
    refused: /^the model's activations and scratch buffers need more than 2 GB \(2,415,919,104 bytes\)$/,
  },
];
