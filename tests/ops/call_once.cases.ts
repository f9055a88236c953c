// CALL_ONCE: runs its init subgraph at the first invoke only (steps: invokes without reset).
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { callOnceOptions, varHandleOptions } from '../control_flow_models.js';

/**
 * TF's pattern for stateful models: sg0 = CALL_ONCE(init); v = READ(acc); s = v + x;
 * ASSIGN(acc, s); output s. init = ASSIGN(acc, [10, 20, 30, 40]).
 */
export function initialisedAccumulator(m: ModelBuilder, initIndex = 1): void {
  const x = m.tensor({ name: 'x', dtype: 'float32', shape: [4] });
  const h = m.tensor({ dtype: 'resource', shape: [] });
  const v = m.tensor({ dtype: 'float32', shape: [4] });
  const s = m.tensor({ name: 's', dtype: 'float32', shape: [4] });
  m.op('CALL_ONCE', [], [], callOnceOptions(initIndex));
  m.op('VAR_HANDLE', [], [h], varHandleOptions('acc'));
  m.op('READ_VARIABLE', [h], [v]);
  m.op('ADD', [v, x], [s], options.add());
  m.op('ASSIGN_VARIABLE', [h, s], []);
  m.inputs(x).outputs(s);
  m.subgraph('init');
  const h2 = m.tensor({ dtype: 'resource', shape: [] });
  const c = m.constant({ dtype: 'float32', shape: [4], data: [10, 20, 30, 40] });
  m.op('VAR_HANDLE', [], [h2], varHandleOptions('acc'));
  m.op('ASSIGN_VARIABLE', [h2, c], []);
  m.use(0);
}

export const cases: OpCase[] = [
  {
    name: 'the init subgraph runs at the first invoke only',
    build(m) { initialisedAccumulator(m); },
    inputs: [[1, 1, 1, 1]],
    steps: 3,
    expected: [[13, 23, 33, 43]],
  },
  {
    name: 'refuses an init subgraph index out of range',
    build(m) { initialisedAccumulator(m, 2); },
    refused: /CALL_ONCE v1 \(operator 0\): init subgraph index 2 is out of range \(the model has 2 subgraphs\)/,
  },
  {
    name: 'refuses inputs',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('CALL_ONCE', [x], [], callOnceOptions(1));
      m.inputs(x);
      m.subgraph();
      m.use(0);
    },
    refused: /CALL_ONCE v1 \(operator 0\): expects 0 inputs, has 1/,
  },
  {
    name: 'refuses an init subgraph that calls back into subgraph 0',
    build(m) {
      m.op('CALL_ONCE', [], [], callOnceOptions(1));
      m.subgraph();
      m.op('CALL_ONCE', [], [], callOnceOptions(0));
      m.use(0);
    },
    refused: /recursive control flow is not supported: operator 0 \(CALL_ONCE\) of subgraph 1 calls subgraph 0, which is already running/,
  },
];
