// CIRCULAR_BUFFER (TFLM custom op): each invoke shifts the (variable) output one slot and
// appends the input; "ready" every cycles_max invokes (steps: invokes without reset).
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

function circular(m: ModelBuilder, slots: number, custom?: Uint8Array, ready = true, inShape = [1, 1, 1, 2]): void {
  const x = m.tensor({ dtype: 'int8', shape: inShape, scale: 1, zeroPoint: 0 });
  const y = m.tensor({ dtype: 'int8', shape: [1, slots, 1, 2], scale: 1, zeroPoint: 0, isVariable: true });
  const outs = [y];
  if (ready) outs.push(m.tensor({ dtype: 'bool', shape: [1] }));
  m.customOp('CIRCULAR_BUFFER', [x], outs, custom);
  m.inputs(x).outputs(...outs);
}

export const cases: OpCase[] = [
  {
    name: 'appends the input each invoke; ready every cycles_max (2) invokes',
    build(m) { circular(m, 3, encode({ cycles_max: 2 })); },
    inputs: [[1, 2]],
    steps: 3,
    // Slots after 3 invokes: the input three times; ready at invoke 2, not at 3.
    expected: [[1, 2, 1, 2, 1, 2], [0]],
  },
  {
    name: 'ready at the cycles_max-th invoke',
    build(m) { circular(m, 3, encode({ cycles_max: 2 })); },
    inputs: [[-3, 4]],
    steps: 2,
    expected: [[0, 0, -3, 4, -3, 4], [1]],
  },
  {
    name: 'without options, TFLM\'s shape rule: 5 slots run every invoke',
    build(m) { circular(m, 5); },
    inputs: [[7, 7]],
    expected: [[0, 0, 0, 0, 0, 0, 0, 0, 7, 7], [1]],
  },
  {
    name: 'without options, other shapes run every 2nd invoke',
    build(m) { circular(m, 4); },
    inputs: [[7, 7]],
    expected: [[0, 0, 0, 0, 0, 0, 7, 7], [0]],
  },
  {
    name: 'refuses an input with more than one slot',
    build(m) { circular(m, 3, undefined, true, [1, 2, 1, 2]); },
    refused: /custom op CIRCULAR_BUFFER v1 \(operator 0\): input must be \[b, 1, h, d\] and output \[b, slots, h, d\]/,
  },
  {
    name: 'refuses int16',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [1, 1, 1, 2] });
      const y = m.tensor({ dtype: 'int16', shape: [1, 2, 1, 2], isVariable: true });
      m.customOp('CIRCULAR_BUFFER', [x], [y]);
      m.inputs(x).outputs(y);
    },
    refused: /CIRCULAR_BUFFER v1 \(operator 0\): input dtype int16 is not supported/,
  },
];
