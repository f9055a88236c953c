// WHILE: the body runs while the cond subgraph says so, the loop state carried through the
// op's outputs. Hostile models: mismatched signatures, a loop that never ends.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { whileOptions, ifOptions } from '../control_flow_models.js';

/**
 * State (i [1], acc [4], k [2]): cond i < limit; body i + 1, acc + acc, k unchanged (the body
 * returns its input). `bodyExtra` may add to the body before its outputs are set.
 */
function doubling(m: ModelBuilder, limit: number, bodyExtra?: (m: ModelBuilder, acc: number) => number): void {
  const i = m.tensor({ name: 'i', dtype: 'float32', shape: [1] });
  const acc = m.tensor({ name: 'acc', dtype: 'float32', shape: [4] });
  const k = m.tensor({ name: 'k', dtype: 'float32', shape: [2] });
  const oi = m.tensor({ dtype: 'float32', shape: [1] });
  const oacc = m.tensor({ dtype: 'float32', shape: [4] });
  const ok = m.tensor({ dtype: 'float32', shape: [2] });
  m.op('WHILE', [i, acc, k], [oi, oacc, ok], whileOptions(1, 2));
  m.inputs(i, acc, k).outputs(oi, oacc, ok);
  m.subgraph('cond');
  const ci = m.tensor({ dtype: 'float32', shape: [1] });
  const cacc = m.tensor({ dtype: 'float32', shape: [4] });
  const ck = m.tensor({ dtype: 'float32', shape: [2] });
  const lim = m.constant({ dtype: 'float32', shape: [1], data: [limit] });
  const c = m.tensor({ dtype: 'bool', shape: [1] });
  m.op('LESS', [ci, lim], [c]);
  m.inputs(ci, cacc, ck).outputs(c);
  m.subgraph('body');
  const bi = m.tensor({ dtype: 'float32', shape: [1] });
  const bacc = m.tensor({ dtype: 'float32', shape: [4] });
  const bk = m.tensor({ dtype: 'float32', shape: [2] });
  const one = m.constant({ dtype: 'float32', shape: [1], data: [1] });
  const ni = m.tensor({ dtype: 'float32', shape: [1] });
  const nacc = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('ADD', [bi, one], [ni], options.add());
  m.op('ADD', [bacc, bacc], [nacc], options.add());
  const out = bodyExtra ? bodyExtra(m, nacc) : nacc;
  m.inputs(bi, bacc, bk).outputs(ni, out, bk);
  m.use(0);
}

const X = [1, 2, 3, 4];

export const cases: OpCase[] = [
  {
    name: 'iterates while the condition holds, carrying the state (5 doublings)',
    build(m) { doubling(m, 5); },
    inputs: [[0], X, [7, 8]],
    expected: [[5], [32, 64, 96, 128], [7, 8]],
  },
  {
    name: 'a condition false at once leaves the state as given',
    build(m) { doubling(m, 5); },
    inputs: [[9], X, [7, 8]],
    expected: [[9], X, [7, 8]],
  },
  {
    name: 'the body may call subgraphs itself (IF inside WHILE)',
    build(m) {
      // After doubling, the body adds 1 through an IF whose condition is always true.
      doubling(m, 3, (m, acc) => {
        const body = 2;
        const yes = m.constant({ dtype: 'bool', shape: [] , data: [1] });
        const r = m.tensor({ dtype: 'float32', shape: [4] });
        m.op('IF', [yes, acc], [r], ifOptions(3, 3));
        m.subgraph('plus one');
        const a = m.tensor({ dtype: 'float32', shape: [4] });
        const one = m.constant({ dtype: 'float32', shape: [4], data: [1, 1, 1, 1] });
        const b = m.tensor({ dtype: 'float32', shape: [4] });
        m.op('ADD', [a, one], [b], options.add());
        m.inputs(a).outputs(b);
        m.use(body);
        return r;
      });
    },
    // acc -> 2 acc + 1, three times: 8x + 7.
    inputs: [[0], X, [0, 0]],
    expected: [[3], [15, 23, 31, 39], [0, 0]],
  },
  {
    name: 'refuses a cond subgraph whose output is not a bool',
    build(m) {
      doubling(m, 2);
      m.use(1);
      m.outputs(0);
      m.use(0);
    },
    refused: /cond subgraph 1 must have a single bool as output 0/,
  },
  {
    name: 'refuses a body with a different number of outputs',
    build(m) {
      doubling(m, 2);
      m.use(2);
      m.outputs(0, 1);
      m.use(0);
    },
    refused: /body subgraph 2 has 2 outputs, the op passes 3/,
  },
  {
    name: 'refuses a body output of another size than the loop state',
    build(m) {
      doubling(m, 2);
      m.use(2);
      m.outputs(0, 1, 0);
      m.use(0);
    },
    refused: /WHILE v1 \(operator 0\): output 2 \(float32, 8 bytes\) does not match body subgraph 2's tensor 0 \(float32, 4 bytes\)/,
  },
  {
    name: 'refuses outputs that do not match the inputs one for one',
    build(m) {
      const s = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('WHILE', [s], [], whileOptions(1, 1));
      m.inputs(s);
      m.subgraph();
      m.use(0);
    },
    refused: /WHILE v1 \(operator 0\): needs as many outputs as inputs/,
  },
  {
    name: 'refuses a body index out of range',
    build(m) {
      const s = m.tensor({ dtype: 'float32', shape: [1] });
      const o = m.tensor({ dtype: 'float32', shape: [1] });
      m.op('WHILE', [s], [o], whileOptions(1, -1));
      m.inputs(s).outputs(o);
      m.subgraph();
      m.use(0);
    },
    refused: /body subgraph index -1 is out of range \(the model has 2 subgraphs\)/,
  },
];
