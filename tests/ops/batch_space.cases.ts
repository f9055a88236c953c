// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND: hand-worked block moves, padding and cropping.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const s2b = options.raw(25, []);
const b2s = options.raw(24, []);

export const cases: OpCase[] = [
  {
    name: 'SPACE_TO_BATCH_ND float32 2x2 block over 2x2',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      const block = m.constant({ dtype: 'int32', shape: [2], data: [2, 2] });
      const pads = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [4, 1, 1, 1] });
      m.op('SPACE_TO_BATCH_ND', [x, block, pads], [y], s2b);
      m.inputs(x).outputs(y);
    },
    // output batch b takes offset (b / 2, b % 2) of each block
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 2, 3, 4]],
  },
  {
    name: 'SPACE_TO_BATCH_ND int8 pads with the output zero point',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 1, 3, 1], scale: 0.5, zeroPoint: 5 });
      const block = m.constant({ dtype: 'int32', shape: [2], data: [1, 2] });
      const pads = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 1] });
      const y = m.tensor({ dtype: 'int8', shape: [2, 1, 2, 1], scale: 0.5, zeroPoint: 5 });
      m.op('SPACE_TO_BATCH_ND', [x, block, pads], [y], s2b);
      m.inputs(x).outputs(y);
    },
    // padded row [a, b, c, pad]; batch 0 takes even columns (a, c), batch 1 odd (b, pad = 5)
    inputs: [[-1, -2, -3]],
    expected: [[-1, -3, -2, 5]],
  },
  {
    name: 'SPACE_TO_BATCH_ND 3-D input (NHC) with top padding',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3, 2] });
      const block = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const pads = m.constant({ dtype: 'int32', shape: [1, 2], data: [1, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [2, 2, 2] });
      m.op('SPACE_TO_BATCH_ND', [x, block, pads], [y], s2b);
      m.inputs(x).outputs(y);
    },
    // padded rows [pad, r0, r1, r2]: batch 0 rows 0 and 2 (pad, r1); batch 1 rows 1 and 3 (r0, r2)
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[0, 0, 3, 4, 1, 2, 5, 6]],
  },
  {
    name: 'BATCH_TO_SPACE_ND float32 inverts the 2x2 block',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4, 1, 1, 1] });
      const block = m.constant({ dtype: 'int32', shape: [2], data: [2, 2] });
      const crops = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      m.op('BATCH_TO_SPACE_ND', [x, block, crops], [y], b2s);
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 2, 3, 4]],
  },
  {
    name: 'BATCH_TO_SPACE_ND int8 3-D with a crop',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 2, 1], scale: 1, zeroPoint: 0 });
      const block = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const crops = m.constant({ dtype: 'int32', shape: [1, 2], data: [0, 1] });
      const y = m.tensor({ dtype: 'int8', shape: [1, 3, 1], scale: 1, zeroPoint: 0 });
      m.op('BATCH_TO_SPACE_ND', [x, block, crops], [y], b2s);
      m.inputs(x).outputs(y);
    },
    // interleave batches: [a0, b0, a1, b1], crop 1 at the bottom
    inputs: [[10, 11, 20, 21]],
    expected: [[10, 20, 11]],
  },
  {
    name: 'refuses non-constant block_shape',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4, 1, 1, 1] });
      const block = m.tensor({ dtype: 'int32', shape: [2] });
      const crops = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      m.op('BATCH_TO_SPACE_ND', [x, block, crops], [y], b2s);
      m.inputs(x, block).outputs(y);
    },
    refused: /BATCH_TO_SPACE_ND v1 \(operator 0\): block_shape must be a constant tensor/,
  },
  {
    name: 'refuses a padded size not divisible by the block',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3, 2, 1] });
      const block = m.constant({ dtype: 'int32', shape: [2], data: [2, 2] });
      const pads = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [4, 1, 1, 1] });
      m.op('SPACE_TO_BATCH_ND', [x, block, pads], [y], s2b);
      m.inputs(x).outputs(y);
    },
    refused: /padded sizes must be multiples of block_shape/,
  },
  {
    name: 'refuses 5-D input',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 1, 2, 2, 1] });
      const block = m.constant({ dtype: 'int32', shape: [2], data: [1, 1] });
      const pads = m.constant({ dtype: 'int32', shape: [2, 2], data: [0, 0, 0, 0] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1, 2, 2, 1] });
      m.op('SPACE_TO_BATCH_ND', [x, block, pads], [y], s2b);
      m.inputs(x).outputs(y);
    },
    refused: /input and output need 3 or 4 dimensions/,
  },
];
