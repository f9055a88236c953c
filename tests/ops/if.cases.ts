// IF: the branch picked by the condition runs on copies of the op's inputs; its outputs
// become the op's. Hostile models: bad subgraph indices, recursion, mismatched signatures.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { ifOptions, callOnceOptions } from '../control_flow_models.js';

const X = [1, 2, 3, 4];

/** sg0: t = x + x; y = IF(c, x); z = t + y. then: 3a (via an intermediate); else: a * a. */
function branches(m: ModelBuilder, thenIndex = 1, elseIndex = 2): void {
  const c = m.tensor({ name: 'c', dtype: 'bool', shape: [1] });
  const x = m.tensor({ name: 'x', dtype: 'float32', shape: [4] });
  const t = m.tensor({ dtype: 'float32', shape: [4] });
  const y = m.tensor({ name: 'y', dtype: 'float32', shape: [4] });
  const z = m.tensor({ name: 'z', dtype: 'float32', shape: [4] });
  m.op('ADD', [x, x], [t], options.add());
  m.op('IF', [c, x], [y], ifOptions(thenIndex, elseIndex));
  m.op('ADD', [t, y], [z], options.add());
  m.inputs(c, x).outputs(z, y);
  m.subgraph('then');
  const a = m.tensor({ dtype: 'float32', shape: [4] });
  const b = m.tensor({ dtype: 'float32', shape: [4] });
  const r = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('ADD', [a, a], [b], options.add());
  m.op('ADD', [b, a], [r], options.add());
  m.inputs(a).outputs(r);
  m.subgraph('else');
  const a2 = m.tensor({ dtype: 'float32', shape: [4] });
  const r2 = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('MUL', [a2, a2], [r2], options.mul());
  m.inputs(a2).outputs(r2);
  m.use(0);
}

/** IF(c, x) with a branch subgraph built by `branch` (called for then and else). */
function withBranch(m: ModelBuilder, branch: (m: ModelBuilder) => void, xShape = [4], yShape = [4]): void {
  const c = m.tensor({ dtype: 'bool', shape: [] });
  const x = m.tensor({ dtype: 'float32', shape: xShape });
  const y = m.tensor({ dtype: 'float32', shape: yShape });
  m.op('IF', [c, x], [y], ifOptions(1, 2));
  m.inputs(c, x).outputs(y);
  m.subgraph(); branch(m);
  m.subgraph(); branch(m);
  m.use(0);
}

const passThrough = (m: ModelBuilder) => { const a = m.tensor({ dtype: 'float32', shape: [4] }); m.inputs(a).outputs(a); };

export const cases: OpCase[] = [
  {
    name: 'a true condition runs the then branch; caller tensors alive across the call survive',
    build(m) { branches(m); },
    inputs: [[1], X],
    expected: [[5, 10, 15, 20], [3, 6, 9, 12]],
  },
  {
    name: 'a false condition runs the else branch',
    build(m) { branches(m); },
    inputs: [[0], X],
    expected: [[3, 8, 15, 24], [1, 4, 9, 16]],
  },
  {
    name: 'the same subgraph may serve as both branches',
    build(m) { branches(m, 2, 2); },
    inputs: [[1], X],
    expected: [[3, 8, 15, 24], [1, 4, 9, 16]],
  },
  {
    name: 'several inputs and outputs, and a branch that returns an input unchanged',
    build(m) {
      const c = m.tensor({ dtype: 'bool', shape: [1] });
      const x = m.tensor({ dtype: 'float32', shape: [2] });
      const w = m.tensor({ dtype: 'float32', shape: [2] });
      const s = m.tensor({ dtype: 'float32', shape: [2] });
      const p = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('IF', [c, x, w], [s, p], ifOptions(1, 2));
      m.inputs(c, x, w).outputs(s, p);
      m.subgraph();
      const a = m.tensor({ dtype: 'float32', shape: [2] });
      const b = m.tensor({ dtype: 'float32', shape: [2] });
      const sum = m.tensor({ dtype: 'float32', shape: [2] });
      const prod = m.tensor({ dtype: 'float32', shape: [2] });
      m.op('ADD', [a, b], [sum], options.add());
      m.op('MUL', [a, b], [prod], options.mul());
      m.inputs(a, b).outputs(sum, prod);
      m.subgraph();
      const a2 = m.tensor({ dtype: 'float32', shape: [2] });
      const b2 = m.tensor({ dtype: 'float32', shape: [2] });
      m.inputs(a2, b2).outputs(b2, a2);
    },
    inputs: [[0], [1, 2], [5, 7]],
    expected: [[5, 7], [1, 2]],
  },
  {
    name: 'an empty branch passes its input through',
    build(m) { withBranch(m, passThrough); },
    inputs: [[1], X],
    expected: [X],
  },
  {
    name: 'refuses a branch index out of range',
    build(m) { branches(m, 1, 7); },
    refused: /IF v1 \(operator 1\): else subgraph index 7 is out of range \(the model has 3 subgraphs\)/,
  },
  {
    name: 'refuses an IF that calls its own subgraph',
    build(m) {
      // Signatures match (subgraph 0 takes and returns one float32 [4]), so only recursion is wrong.
      const c = m.constant({ dtype: 'bool', shape: [1], data: [0] });
      const x = m.tensor({ dtype: 'float32', shape: [4] });
      const t = m.tensor({ dtype: 'float32', shape: [4] });
      const y = m.tensor({ dtype: 'float32', shape: [4] });
      m.op('ADD', [x, x], [t], options.add());
      m.op('IF', [c, t], [y], ifOptions(0, 1));
      m.inputs(x).outputs(y);
      m.subgraph();
      passThrough(m);
      m.use(0);
    },
    refused: /recursive control flow is not supported: operator 1 \(IF\) of subgraph 0 calls subgraph 0, itself/,
  },
  {
    name: 'refuses recursion through other subgraphs (IF -> CALL_ONCE -> IF)',
    build(m) {
      const c = m.tensor({ dtype: 'bool', shape: [1] });
      m.op('IF', [c], [], ifOptions(1, 1));
      m.inputs(c);
      m.subgraph();
      m.op('CALL_ONCE', [], [], callOnceOptions(2));
      m.subgraph();
      const c2 = m.constant({ dtype: 'bool', shape: [1], data: [1] });
      m.op('IF', [c2], [], ifOptions(1, 1));
      m.use(0);
    },
    refused: /recursive control flow is not supported: operator 0 \(IF\) of subgraph 2 calls subgraph 1, which is already running/,
  },
  {
    name: 'refuses a branch with a different number of inputs',
    build(m) { withBranch(m, (m) => { const a = m.tensor({ dtype: 'float32', shape: [4] }); const b = m.tensor({ dtype: 'float32', shape: [4] }); m.inputs(a, b).outputs(a); }); },
    refused: /then subgraph 1 has 2 inputs, the op passes 1/,
  },
  {
    name: 'refuses a branch input of another dtype',
    build(m) { withBranch(m, (m) => { const a = m.tensor({ dtype: 'int32', shape: [4] }); const o = m.tensor({ dtype: 'float32', shape: [4] }); m.inputs(a).outputs(o); }); },
    refused: /input 1 \(float32, 16 bytes\) does not match then subgraph 1's tensor 0 \(int32, 16 bytes\)/,
  },
  {
    name: 'refuses a branch output of another size',
    build(m) { withBranch(m, passThrough, [4], [3]); },
    refused: /output 0 \(float32, 12 bytes\) does not match then subgraph 1's tensor 0 \(float32, 16 bytes\)/,
  },
  {
    name: 'refuses an else branch with a different number of outputs',
    build(m) {
      withBranch(m, passThrough);
      m.use(2);
      const extra = m.tensor({ dtype: 'float32', shape: [1] });
      m.outputs(0, extra);
      m.use(0);
    },
    refused: /else subgraph 2 has 2 outputs, the op passes 1/,
  },
  {
    name: 'refuses a condition that is not a single bool',
    build(m) {
      const c = m.tensor({ dtype: 'bool', shape: [2] });
      m.op('IF', [c], [], ifOptions(1, 1));
      m.inputs(c);
      m.subgraph();
      m.use(0);
    },
    refused: /condition \(input 0\) must be a single bool/,
  },
];
