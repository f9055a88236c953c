// PAD / PADV2: hand-worked cases (pad values per dtype, 2-D to 5-D, refusals).
import type { OpCase } from './op_case.js';
import { options } from '../builder/options.js';
import type { ModelBuilder, TensorSpec, DTypeName } from '../builder/tflite_builder.js';

const PAD_OPTIONS = 22;
const PADV2_OPTIONS = 43;

/** PAD (or PADV2 with a constant pad value) of an `x` input; paddings as [before, after] pairs. */
function pad(m: ModelBuilder, x: TensorSpec, y: TensorSpec, paddings: number[][],
             o: { value?: TensorSpec & { data: number[] }; paddingsType?: DTypeName; paddingsInput?: boolean } = {}) {
  const a = m.tensor(x);
  const flat = paddings.flat();
  const pSpec = { dtype: o.paddingsType ?? 'int32' as DTypeName, shape: [paddings.length, 2] };
  const p = o.paddingsInput ? m.tensor(pSpec) : m.constant({ ...pSpec, data: flat });
  const b = m.tensor(y);
  if (o.value) {
    const v = m.constant(o.value);
    m.op('PADV2', [a, p, v], [b], options.raw(PADV2_OPTIONS, []));
  } else {
    m.op('PAD', [a, p], [b], options.raw(PAD_OPTIONS, []));
  }
  if (o.paddingsInput) m.inputs(a, p); else m.inputs(a);
  m.outputs(b);
}

export const cases: OpCase[] = [
  {
    name: 'int16 2-D pads with 0',
    build(m) { pad(m, { dtype: 'int16', shape: [2, 3], scale: 1, zeroPoint: 0 }, { dtype: 'int16', shape: [3, 5], scale: 1, zeroPoint: 0 }, [[1, 0], [0, 2]]); },
    inputs: [[1, 2, 3, 4, 5, 6]],
    expected: [[0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0]],
  },
  {
    name: 'int8 4-D pads with the output zero point',
    build(m) { pad(m, { dtype: 'int8', shape: [1, 2, 2, 1], scale: 0.5, zeroPoint: -5 }, { dtype: 'int8', shape: [1, 4, 3, 1], scale: 0.5, zeroPoint: -5 }, [[0, 0], [1, 1], [0, 1], [0, 0]]); },
    inputs: [[1, 2, 3, 4]],
    expected: [[-5, -5, -5, 1, 2, -5, 3, 4, -5, -5, -5, -5]],
  },
  {
    name: 'PADV2 float32 with a constant value',
    build(m) { pad(m, { dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [5] }, [[2, 1]], { value: { dtype: 'float32', shape: [1], data: [7.5] } }); },
    inputs: [[1.5, -2]],
    expected: [[7.5, 7.5, 1.5, -2, 7.5]],
  },
  {
    name: 'PADV2 int8 with a constant value (same quantization as the output)',
    build(m) {
      pad(m, { dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 3 }, { dtype: 'int8', shape: [2, 3], scale: 0.5, zeroPoint: 3 }, [[1, 0], [0, 1]],
        { value: { dtype: 'int8', shape: [], data: [-100], scale: 0.5, zeroPoint: 3 } });
    },
    inputs: [[9, -9]],
    expected: [[-100, -100, -100, 9, -9, -100]],
  },
  {
    name: 'int32 5-D',
    build(m) { pad(m, { dtype: 'int32', shape: [1, 1, 1, 1, 2] }, { dtype: 'int32', shape: [2, 1, 1, 1, 4] }, [[0, 1], [0, 0], [0, 0], [0, 0], [1, 1]]); },
    inputs: [[-7, 70000]],
    expected: [[0, -7, 70000, 0, 0, 0, 0, 0]],
  },
  {
    name: 'zero paddings copy the input',
    build(m) { pad(m, { dtype: 'float32', shape: [2, 2] }, { dtype: 'float32', shape: [2, 2] }, [[0, 0], [0, 0]]); },
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 2, 3, 4]],
  },
  {
    name: 'refuses an output shape that is not input + paddings',
    build(m) { pad(m, { dtype: 'int16', shape: [2, 3] }, { dtype: 'int16', shape: [3, 6] }, [[1, 0], [0, 2]]); },
    refused: /PAD v1 \(operator 0\): output dimension 1 is 6, input 3 padded by 0 and 2 gives 5/,
  },
  {
    name: 'refuses negative paddings',
    build(m) { pad(m, { dtype: 'int16', shape: [3] }, { dtype: 'int16', shape: [3] }, [[-1, 1]]); },
    refused: /paddings of dimension 0 are negative/,
  },
  {
    name: 'refuses non-constant paddings (as TFLM)',
    build(m) { pad(m, { dtype: 'int16', shape: [3] }, { dtype: 'int16', shape: [4] }, [[1, 0]], { paddingsInput: true }); },
    refused: /non-constant paddings are not supported/,
  },
  {
    name: 'refuses int64 paddings (TFLM reads paddings as int32)',
    build(m) { pad(m, { dtype: 'int16', shape: [3] }, { dtype: 'int16', shape: [4] }, [[1, 0]], { paddingsType: 'int64' }); },
    refused: /paddings dtype int64 is not supported/,
  },
  {
    name: 'refuses an int8 pad value quantized differently from the output',
    build(m) {
      pad(m, { dtype: 'int8', shape: [2], scale: 0.5, zeroPoint: 0 }, { dtype: 'int8', shape: [3], scale: 0.5, zeroPoint: 0 }, [[1, 0]],
        { value: { dtype: 'int8', shape: [1], data: [1], scale: 0.5, zeroPoint: 1 } });
    },
    refused: /PADV2 v1 \(operator 0\): the pad value's scale and zero point differ/,
  },
  {
    name: 'refuses a pad value of another dtype',
    build(m) { pad(m, { dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [3] }, [[1, 0]], { value: { dtype: 'int32', shape: [1], data: [1] } }); },
    refused: /pad value's dtype differs/,
  },
];
