// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: hand-worked interpolation.
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';

const bilinear = (align = false, half = false) => options.raw(15, [[2, 'bool', align], [3, 'bool', half]]);
const nearest = (align = false, half = false) => options.raw(74, [[0, 'bool', align], [1, 'bool', half]]);

function resize(op: string, dtype: 'float32' | 'int8' | 'int16', inHW: [number, number], outHW: [number, number], opts: ReturnType<typeof bilinear>) {
  return (m: import('../builder/tflite_builder.js').ModelBuilder) => {
    const q = dtype === 'float32' ? {} : { scale: 1, zeroPoint: 0 };
    const x = m.tensor({ dtype, shape: [1, inHW[0], inHW[1], 1], ...q });
    const size = m.constant({ dtype: 'int32', shape: [2], data: outHW });
    const y = m.tensor({ dtype, shape: [1, outHW[0], outHW[1], 1], ...q });
    m.op(op, [x, size], [y], opts);
    m.inputs(x).outputs(y);
  };
}

export const cases: OpCase[] = [
  {
    name: 'BILINEAR float32 2x2 -> 3x3',
    build: resize('RESIZE_BILINEAR', 'float32', [2, 2], [3, 3], bilinear()),
    // scale 2/3: source rows 0, 2/3, 4/3 (clamped to row 1); the centre mixes all four
    // corners with weights 1/9, 2/9, 2/9, 4/9: (1 + 2*2 + 2*3 + 4*4) / 9 = 3
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 5 / 3, 2, 7 / 3, 3, 10 / 3, 3, 11 / 3, 4]],
    tolerance: 1e-5,
  },
  {
    name: 'BILINEAR int8 2x2 -> 3x3 in 10-bit fixed point',
    build: resize('RESIZE_BILINEAR', 'int8', [2, 2], [3, 3], bilinear()),
    // scale_10 = (2048 + 1) / 3 = 683; row/column weights (1024, 0), (341, 683), (682, 342)
    // on source indices (0, 0), (0, 1), (1, 1). E.g. (0, 1): (10*341 + 20*683) * 1024 = 17479680
    // -> (17479680 + 2^19) / 2^20 = 17; centre: 31467520 -> 30; (1, 2): 34959360 -> 33.
    inputs: [[10, 20, 30, 40]],
    expected: [[10, 17, 20, 23, 30, 33, 30, 37, 40]],
  },
  {
    name: 'BILINEAR float32 half_pixel_centers 1x2 -> 1x4',
    build: resize('RESIZE_BILINEAR', 'float32', [1, 2], [1, 4], bilinear(false, true)),
    // source x = (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 (edges clamp)
    inputs: [[0, 4]],
    expected: [[0, 1, 3, 4]],
    tolerance: 1e-5,
  },
  {
    name: 'BILINEAR float32 align_corners 1x3 -> 1x5',
    build: resize('RESIZE_BILINEAR', 'float32', [1, 3], [1, 5], bilinear(true, false)),
    inputs: [[0, 10, 20]],
    expected: [[0, 5, 10, 15, 20]],
    tolerance: 1e-5,
  },
  {
    name: 'BILINEAR int8 negative values round half away from zero',
    build: resize('RESIZE_BILINEAR', 'int8', [1, 2], [1, 4], bilinear(true, false)),
    // align_corners: scale_10 = (1024 + 1) / 3 = 341; x = 341, 682 -> weights 683/341, 342/682
    // -3*683 + -6*341 = -4095 (x1024): -4193280 -> (-4193280 - 2^19) / 2^20 = -4.49.. -> -4
    // -3*342 + -6*682 = -5118: -5240832 -> -5.49.. -> -5
    inputs: [[-3, -6]],
    expected: [[-3, -4, -5, -6]],
  },
  {
    name: 'NEAREST int8 3 -> 2: plain, half_pixel_centers, align_corners',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [1, 1, 3, 1], scale: 1, zeroPoint: 0 });
      const size = m.constant({ dtype: 'int32', shape: [2], data: [1, 2] });
      const ys = [nearest(), nearest(false, true), nearest(true, false)].map((o) => {
        const y = m.tensor({ dtype: 'int8', shape: [1, 1, 2, 1], scale: 1, zeroPoint: 0 });
        m.op('RESIZE_NEAREST_NEIGHBOR', [x, size], [y], o);
        return y;
      });
      m.inputs(x).outputs(...ys);
    },
    // scale 1.5: floor(0), floor(1.5) -> a, b; half pixel: floor(0.75), floor(2.25) -> a, c;
    // align corners: scale 2, round(0), round(2) -> a, c
    inputs: [[7, 8, 9]],
    expected: [[7, 8], [7, 9], [7, 9]],
  },
  {
    name: 'NEAREST float32 2x2 -> 4x4 (channels of 2)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 2] });
      const size = m.constant({ dtype: 'int32', shape: [2], data: [4, 4] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 4, 4, 2] });
      m.op('RESIZE_NEAREST_NEIGHBOR', [x, size], [y], nearest());
      m.inputs(x).outputs(y);
    },
    inputs: [[1, -1, 2, -2, 3, -3, 4, -4]],
    expected: [[
      1, -1, 1, -1, 2, -2, 2, -2, 1, -1, 1, -1, 2, -2, 2, -2,
      3, -3, 3, -3, 4, -4, 4, -4, 3, -3, 3, -3, 4, -4, 4, -4,
    ]],
  },
  {
    name: 'NEAREST int16 upsample 1x2 -> 1x3',
    build: resize('RESIZE_NEAREST_NEIGHBOR', 'int16', [1, 2], [1, 3], nearest()),
    // scale 2/3: floor(0), floor(0.67), floor(1.33) -> a, a, b
    inputs: [[-1000, 1000]],
    expected: [[-1000, -1000, 1000]],
  },
  {
    name: 'refuses BILINEAR with both align_corners and half_pixel_centers',
    build: resize('RESIZE_BILINEAR', 'float32', [2, 2], [3, 3], bilinear(true, true)),
    refused: /RESIZE_BILINEAR v1 \(operator 0\): half_pixel_centers and align_corners are both set/,
  },
  {
    name: 'refuses BILINEAR int16 (TFLM: float32, int8)',
    build: resize('RESIZE_BILINEAR', 'int16', [2, 2], [3, 3], bilinear()),
    refused: /input dtype int16 is not supported/,
  },
  {
    name: 'refuses a size that does not match the output',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      const size = m.constant({ dtype: 'int32', shape: [2], data: [3, 3] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 4, 4, 1] });
      m.op('RESIZE_NEAREST_NEIGHBOR', [x, size], [y], nearest());
      m.inputs(x).outputs(y);
    },
    refused: /output shape does not match the inputs/,
  },
  {
    name: 'refuses a non-constant size (as TFLM)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 2, 2, 1] });
      const size = m.tensor({ dtype: 'int32', shape: [2] });
      const y = m.tensor({ dtype: 'float32', shape: [1, 4, 4, 1] });
      m.op('RESIZE_BILINEAR', [x, size], [y], bilinear());
      m.inputs(x, size).outputs(y);
    },
    refused: /size must be a constant tensor/,
  },
];
