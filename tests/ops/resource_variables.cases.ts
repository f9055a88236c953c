// VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE: resource variables named by (container,
// shared_name), sized at the first ASSIGN_VARIABLE's prepare, kept across invokes.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { varHandleOptions } from '../control_flow_models.js';

/** v = READ(name); s = v + x; ASSIGN(name, s); output s (a running sum across invokes). */
function accumulator(m: ModelBuilder, x: number, name: string, container?: string): number {
  const h = m.tensor({ dtype: 'resource', shape: [] });
  const v = m.tensor({ dtype: 'float32', shape: [4] });
  const s = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('VAR_HANDLE', [], [h], varHandleOptions(name, container));
  m.op('READ_VARIABLE', [h], [v]);
  m.op('ADD', [v, x], [s], options.add());
  m.op('ASSIGN_VARIABLE', [h, s], []);
  return s;
}

/** Reads the variable before assigning x to it: the first invoke shows its initial value. */
function readThenAssign(m: ModelBuilder, dtype: DTypeName, zeroPoint?: number): void {
  const quant = zeroPoint === undefined ? {} : { scale: 0.5, zeroPoint };
  const x = m.tensor({ dtype, shape: [3], ...quant });
  const h = m.tensor({ dtype: 'resource', shape: [] });
  const v = m.tensor({ dtype, shape: [3], ...quant });
  m.op('VAR_HANDLE', [], [h], varHandleOptions('v'));
  m.op('READ_VARIABLE', [h], [v]);
  m.op('ASSIGN_VARIABLE', [h, x], []);
  m.inputs(x).outputs(v);
}

export const cases: OpCase[] = [
  {
    name: 'a variable starts at zero and keeps its value across invokes',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      m.inputs(x).outputs(accumulator(m, x, 'sum'));
    },
    inputs: [[1, 2, 3, 4]],
    steps: 3,
    expected: [[3, 6, 9, 12]],
  },
  {
    name: 'a quantized variable starts at its zero point (TFLM fills it with the value\'s zero point)',
    build(m) { readThenAssign(m, 'int8', -5); },
    inputs: [[1, 2, 3]],
    expected: [[-5, -5, -5]],
  },
  {
    name: 'the next invoke reads what the last one assigned',
    build(m) { readThenAssign(m, 'int8', -5); },
    inputs: [[1, 2, 3]],
    steps: 2,
    expected: [[1, 2, 3]],
  },
  {
    name: 'different shared names are different variables; the same name is one variable',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const a = accumulator(m, x, 'a');
      const b = accumulator(m, x, 'b');
      const a2 = accumulator(m, x, 'a');
      m.inputs(x).outputs(a, b, a2);
    },
    inputs: [[1, 1, 1, 1]],
    steps: 2,
    // Per invoke: a += x twice, b += x once.
    expected: [[3, 3, 3, 3], [2, 2, 2, 2], [4, 4, 4, 4]],
  },
  {
    name: 'containers tell variables apart; a handle without a container matches any (as TFLM)',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const p = accumulator(m, x, 'v', 'p');
      const q = accumulator(m, x, 'v', 'q');
      const any = accumulator(m, x, 'v');
      m.inputs(x).outputs(p, q, any);
    },
    inputs: [[1, 1, 1, 1]],
    expected: [[1, 1, 1, 1], [1, 1, 1, 1], [2, 2, 2, 2]],
  },
  {
    name: 'refuses an assignment of another size than the variable\'s first',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const y = m.tensor({ dtype: 'float32', shape: [2] });
      const h = m.tensor({ dtype: 'resource', shape: [] });
      m.op('VAR_HANDLE', [], [h], varHandleOptions('v'));
      m.op('ASSIGN_VARIABLE', [h, x], []);
      m.op('ASSIGN_VARIABLE', [h, y], []);
      m.inputs(x, y);
    },
    refused: /ASSIGN_VARIABLE v1 \(operator 2\): value has 8 bytes, resource variable 0 has 16/,
  },
  {
    name: 'refuses a VAR_HANDLE whose output is not a resource id',
    build(m) {
      const h = m.tensor({ dtype: 'float32', shape: [4] });
      m.op('VAR_HANDLE', [], [h], varHandleOptions('v'));
      m.outputs(h);
    },
    refused: /VAR_HANDLE v1 \(operator 0\): output must be a single resource \(or int32\) id/,
  },
  {
    name: 'refuses a READ_VARIABLE of something that is not a resource id',
    build(m) {
      const h = m.tensor({ dtype: 'float32', shape: [] });
      const v = m.tensor({ dtype: 'float32', shape: [4] });
      m.op('READ_VARIABLE', [h], [v]);
      m.inputs(h).outputs(v);
    },
    refused: /READ_VARIABLE v1 \(operator 0\): input 0 must be a single resource id/,
  },
];
