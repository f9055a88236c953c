// SignalWindow (a TFLM signal custom op) and the custom-options reader.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

function window(m: ModelBuilder, custom: Uint8Array | undefined) {
  const x = m.tensor({ dtype: 'int16', shape: [1, 4] });
  const w = m.constant({ dtype: 'int16', shape: [4], data: [4096, 4096, 8192, 16384] });
  const y = m.tensor({ dtype: 'int16', shape: [1, 4] });
  m.customOp('SignalWindow', [x, w], [y], custom);
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'windows, shifts and saturates',
    build(m) { window(m, encode({ shift: 12 })); },
    // (x * w) >> 12: 1000, -1000, 65534 -> 32767, 16
    inputs: [[1000, -1000, 32767, 4]],
    expected: [[1000, -1000, 32767, 16]],
  },
  {
    name: 'refuses custom options that are not a FlexBuffer map',
    build(m) { window(m, new Uint8Array([0xff, 0x7f, 0x24, 0x08])); },
    refused: /custom options are not a well-formed FlexBuffer map/,
  },
  {
    name: 'refuses a missing option',
    build(m) { window(m, encode({ other: 1 })); },
    refused: /custom option 'shift' is missing/,
  },
  {
    name: 'refuses missing custom options',
    build(m) { window(m, undefined); },
    refused: /custom options are missing/,
  },
];
