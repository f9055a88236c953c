// CUMSUM: float32 running sums and TFLM's int8 arithmetic (expectations worked in integers,
// including TFLM's start of each int8 sum at -input_zero_point).
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';

const cumsum = (exclusive = false, reverse = false) => options.raw(102, [[0, 'bool', exclusive], [1, 'bool', reverse]]);

function model(dtype: DTypeName, shape: number[], axis: number, opts: ReturnType<typeof cumsum>,
               inQ?: { scale: number; zeroPoint: number }, outQ?: { scale: number; zeroPoint: number }) {
  return (m: ModelBuilder) => {
    const x = m.tensor({ dtype, shape, ...(inQ ?? {}) });
    const a = m.constant({ dtype: 'int32', shape: [], data: [axis] });
    const y = m.tensor({ dtype, shape, ...(outQ ?? inQ ?? {}) });
    m.op('CUMSUM', [x, a], [y], opts);
    m.inputs(x).outputs(y);
  };
}

export const cases: OpCase[] = [
  {
    name: 'float32 inclusive, exclusive, reverse, both',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const a = m.constant({ dtype: 'int32', shape: [1], data: [0] });
      const ys = [cumsum(), cumsum(true), cumsum(false, true), cumsum(true, true)].map((o) => {
        const y = m.tensor({ dtype: 'float32', shape: [4] });
        m.op('CUMSUM', [x, a], [y], o);
        return y;
      });
      m.inputs(x).outputs(...ys);
    },
    inputs: [[1, 2, 3, 4]],
    expected: [[1, 3, 6, 10], [0, 1, 3, 6], [10, 9, 7, 4], [9, 7, 4, 0]],
  },
  {
    name: 'float32 along axis 0 of a 2-D input',
    build: model('float32', [3, 2], -2, cumsum()),
    inputs: [[1, 10, 2, 20, 3, 30]],
    expected: [[1, 10, 3, 30, 6, 60]],
  },
  {
    name: 'int8 with an input zero point: sums start at -zero_point (as TFLM)',
    build: model('int8', [3], 0, cumsum(), { scale: 0.5, zeroPoint: 2 }, { scale: 0.5, zeroPoint: -1 }),
    // x - zp = [1, 2, 3], running [1, 3, 6]; TFLM adds the offset -2 once: [-1, 1, 4]; + (-1)
    inputs: [[3, 4, 5]],
    expected: [[-2, 0, 3]],
  },
  {
    name: 'int8 exclusive with an input zero point',
    build: model('int8', [3], 0, cumsum(true), { scale: 0.5, zeroPoint: 2 }, { scale: 0.5, zeroPoint: -1 }),
    // [0, 1, 3] - 2 - 1
    inputs: [[3, 4, 5]],
    expected: [[-3, -2, 0]],
  },
  {
    name: 'int8 halving output scale rounds half away from zero',
    build: model('int8', [3], 0, cumsum(false, true), { scale: 1, zeroPoint: 0 }, { scale: 2, zeroPoint: 0 }),
    // reversed sums [-2, -5, 1] / 2 = [-1, -2.5, 0.5] -> [-1, -3, 1]
    inputs: [[3, -6, 1]],
    expected: [[-1, -3, 1]],
  },
  {
    name: 'int8 saturates',
    build: model('int8', [3], 0, cumsum(), { scale: 1, zeroPoint: 0 }),
    inputs: [[100, 100, -50]],
    expected: [[100, 127, 127]],
  },
  {
    name: 'refuses int16 (TFLM: float32, int8)',
    build: model('int16', [3], 0, cumsum(), { scale: 1, zeroPoint: 0 }),
    refused: /CUMSUM v1 \(operator 0\): input dtype int16 is not supported/,
  },
  {
    name: 'refuses an axis out of range',
    build: model('float32', [3], 1, cumsum()),
    refused: /axis is out of range/,
  },
];
