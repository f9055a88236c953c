// STRIDED_SLICE: hand-worked cases (masks, negative strides, ellipsis, new axis, offset).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';

const STRIDED_SLICE_OPTIONS = 32;
function sliceOptions(o: { begin?: number; end?: number; ellipsis?: number; newAxis?: number; shrink?: number; offset?: boolean } = {}) {
  return options.raw(STRIDED_SLICE_OPTIONS, [[0, 'int32', o.begin ?? 0], [1, 'int32', o.end ?? 0], [2, 'int32', o.ellipsis ?? 0],
    [3, 'int32', o.newAxis ?? 0], [4, 'int32', o.shrink ?? 0], [5, 'bool', o.offset ?? false]]);
}
function slice(m: ModelBuilder, dtype: DTypeName, inShape: number[], outShape: number[], begin: number[], end: number[], strides: number[],
               opts: Parameters<typeof sliceOptions>[0] = {}) {
  const x = m.tensor({ dtype, shape: inShape });
  const b = m.constant({ dtype: 'int32', shape: [begin.length], data: begin });
  const e = m.constant({ dtype: 'int32', shape: [end.length], data: end });
  const s = m.constant({ dtype: 'int32', shape: [strides.length], data: strides });
  const y = m.tensor({ dtype, shape: outShape });
  m.op('STRIDED_SLICE', [x, b, e, s], [y], sliceOptions(opts));
  m.inputs(x).outputs(y);
}
const iota = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

export const cases: OpCase[] = [
  {
    name: 'int8 3-D with a negative begin and end',
    build(m) { slice(m, 'int8', [2, 3, 4], [2, 2, 2], [0, 1, -3], [2, 3, -1], [1, 1, 1]); },
    // element (a, b, c) = 12a + 4b + c; b in {1, 2}, c in {1, 2}
    inputs: [iota(24)],
    expected: [[5, 6, 9, 10, 17, 18, 21, 22]],
  },
  {
    name: 'float32 reversed with stride -2 and both masks',
    build(m) { slice(m, 'float32', [5], [3], [0], [0], [-2], { begin: 1, end: 1 }); },
    inputs: [[0, 1, 2, 3, 4]],
    expected: [[4, 2, 0]],
  },
  {
    name: 'int16 shrink axis 0',
    build(m) { slice(m, 'int16', [3, 4], [4], [1, 0], [2, 4], [1, 1], { shrink: 1 }); },
    inputs: [iota(12)],
    expected: [[4, 5, 6, 7]],
  },
  {
    name: 'int32 ellipsis then a strided last axis',
    build(m) { slice(m, 'int32', [2, 3, 4], [2, 3, 1], [0, 1], [0, 3], [1, 2], { ellipsis: 1 }); },
    inputs: [iota(24)],
    expected: [[1, 5, 9, 13, 17, 21]],
  },
  {
    name: 'int8 new axis in the middle',
    build(m) { slice(m, 'int8', [2, 3], [2, 1, 2], [0, 0, 1], [0, 0, 3], [1, 1, 1], { begin: 1, end: 1, newAxis: 2 }); },
    inputs: [iota(6)],
    expected: [[1, 2, 4, 5]],
  },
  {
    name: 'int8 offset: end is a size relative to begin',
    build(m) { slice(m, 'int8', [6], [3], [2], [3], [1], { offset: true }); },
    inputs: [iota(6, 10)],
    expected: [[12, 13, 14]],
  },
  {
    name: 'refuses a zero stride',
    build(m) { slice(m, 'int8', [4], [2], [0], [2], [0]); },
    refused: /stride value has to be non-zero/,
  },
  {
    name: 'refuses an output shape that does not match the slice',
    build(m) { slice(m, 'int8', [4], [3], [0], [2], [1]); },
    refused: /output shape does not match/,
  },
  {
    name: 'refuses a non-constant begin',
    build(m) {
      const x = m.tensor({ dtype: 'int8', shape: [4] });
      const b = m.tensor({ dtype: 'int32', shape: [1] });
      const e = m.constant({ dtype: 'int32', shape: [1], data: [2] });
      const s = m.constant({ dtype: 'int32', shape: [1], data: [1] });
      const y = m.tensor({ dtype: 'int8', shape: [2] });
      m.op('STRIDED_SLICE', [x, b, e, s], [y], sliceOptions());
      m.inputs(x, b).outputs(y);
    },
    refused: /begin must be a constant tensor/,
  },
  {
    name: 'refuses uint8 (not in TFLM\'s set)',
    build(m) { slice(m, 'uint8', [4], [2], [0], [2], [1]); },
    refused: /input dtype uint8 is not supported/,
  },
];
