// SPACE_TO_DEPTH and DEPTH_TO_SPACE: hand-worked block moves (NHWC).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const s2d = (bs: number) => options.raw(19, [[0, 'int32', bs]]);
const d2s = (bs: number) => options.raw(94, [[0, 'int32', bs]]);

export const cases: OpCase[] = [
  {
    name: 'SPACE_TO_DEPTH float32 4x4x1, block 2',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 4, 4, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 4] });
      m.op('SPACE_TO_DEPTH', [x], [y], s2d(2));
      m.inputs(x).outputs(y);
    },
    // x[h][w] = 4h + w. Output pixel (oh, ow) holds the 2x2 block in (h%2, w%2) order:
    // (0,0): 0,1,4,5  (0,1): 2,3,6,7  (1,0): 8,9,12,13  (1,1): 10,11,14,15
    inputs: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
    expected: [[0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]],
  },
  {
    name: 'SPACE_TO_DEPTH int8 with depth 2',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 2, 2, 2], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [1, 1, 1, 8], scale: 1, zeroPoint: 0 });
      m.op('SPACE_TO_DEPTH', [x], [y], s2d(2));
      m.inputs(x).outputs(y);
    },
    // one block: pixels in (h, w) order, each with its 2 channels: the input order
    inputs: [[1, -1, 2, -2, 3, -3, 4, -4]],
    expected: [[1, -1, 2, -2, 3, -3, 4, -4]],
  },
  {
    name: 'DEPTH_TO_SPACE float32 inverts SPACE_TO_DEPTH',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 4] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 4, 4, 1] });
      m.op('DEPTH_TO_SPACE', [x], [y], d2s(2));
      m.inputs(x).outputs(y);
    },
    inputs: [[0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]],
    expected: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
  },
  {
    name: 'DEPTH_TO_SPACE int8, 2 batches, output depth 2',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [2, 1, 1, 8], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int8', shape: [2, 2, 2, 2], scale: 1, zeroPoint: 0 });
      m.op('DEPTH_TO_SPACE', [x], [y], d2s(2));
      m.inputs(x).outputs(y);
    },
    inputs: [[1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8]],
    expected: [[1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8]],
  },
  {
    name: 'refuses SPACE_TO_DEPTH of a height not divisible by the block',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 3, 2, 1] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 4] });
      m.op('SPACE_TO_DEPTH', [x], [y], s2d(2));
      m.inputs(x).outputs(y);
    },
    refused: /SPACE_TO_DEPTH v1 \(operator 0\): height and width must be multiples of block_size/,
  },
  {
    name: 'refuses DEPTH_TO_SPACE depth not divisible by block squared',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 1, 1, 6] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      m.op('DEPTH_TO_SPACE', [x], [y], d2s(2));
      m.inputs(x).outputs(y);
    },
    refused: /depth must be a multiple of block_size squared/,
  },
  {
    name: 'refuses int16 (TFLM: float32, int8)',
    build(m) {
      const x = m.tensor({ dtype: 'int16', shape: [1, 2, 2, 1], scale: 1, zeroPoint: 0 });
      const y = m.tensor({ dtype: 'int16', shape: [1, 1, 1, 4], scale: 1, zeroPoint: 0 });
      m.op('SPACE_TO_DEPTH', [x], [y], s2d(2));
      m.inputs(x).outputs(y);
    },
    refused: /input dtype int16 is not supported/,
  },
];
