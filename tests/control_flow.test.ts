// Control flow and state across subgraphs, through the JS API and the per-subgraph exports:
// the memory plan never lets buffers alive together overlap (random nested models checked
// against an independent lifetime reckoning and a JS reference), CALL_ONCE and resource
// variables across invokes and reset, the WHILE cap, early-ended invokes, hostile nesting.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Microlite, Model, MicroliteError } from '../bindings/index.js';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { engineFor, VARIANTS, TestVariant } from './helpers.js';
import {
  RecordingBuilder, nestedLifetimes, randomNestedModel, tensorCountsOf, whileOptions, ifOptions, callOnceOptions,
  varHandleOptions, SubgraphShape, neverEndingWhile,
} from './control_flow_models.js';
import { initialisedAccumulator } from './ops/call_once.cases.js';
import { rng } from './planner_models.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

interface SubgraphExports {
  ml_set_while_limit(n: number): number;
  ml_invoke_aborted(): number;
  ml_subgraph_count(h: number): number;
  ml_subgraph_tensor_count(h: number, s: number): number;
  ml_subgraph_tensor_offset(h: number, s: number, t: number): number;
  ml_subgraph_tensor_bytes(h: number, s: number, t: number): number;
  ml_plan_configure(mask: number): void;
}
const ex = (engine: Microlite) => engine.abi.exports as unknown as SubgraphExports;

// ml_plan_configure masks (see tests/planner.test.ts).
const MASKS: Array<[string, number]> = [['all', 0x1ff], ['tflm_greedy', 0x001], ['no sharing', 0x0ff]];

interface Placed { s: number; t: number; offset: number; bytes: number; first: number; last: number }

/**
 * Every planned tensor of every subgraph, with its lifetime from the independent reckoning;
 * asserts that no two alive at one step share a byte (an op's input and output 0 sharing one
 * buffer in place excepted: same subgraph, same offset, one op reading one and writing the other).
 */
function assertNoOverlap(engine: Microlite, model: Model, shapes: SubgraphShape[], counts: number[], what: string): Placed[] {
  const e = ex(engine);
  const h = model.id;
  assert.equal(e.ml_subgraph_count(h), shapes.length);
  const life = nestedLifetimes(shapes, counts);
  const placed: Placed[] = [];
  for (let s = 0; s < shapes.length; s++) {
    for (let t = 0; t < counts[s]; t++) {
      const offset = e.ml_subgraph_tensor_offset(h, s, t);
      if (offset < 0) continue;
      const [first, last] = life[s][t];
      assert.ok(first >= 0, `${what}: tensor ${t} of subgraph ${s} is planned but never used`);
      placed.push({ s, t, offset, bytes: e.ml_subgraph_tensor_bytes(h, s, t), first, last });
    }
  }
  const inPlace = (a: Placed, b: Placed) => a.s === b.s && a.offset === b.offset &&
    shapes[a.s].ops.some((op) => (op.inputs.includes(a.t) && op.outputs[0] === b.t) || (op.inputs.includes(b.t) && op.outputs[0] === a.t));
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i], b = placed[j];
      if (a.last < b.first || b.last < a.first || a.bytes === 0 || b.bytes === 0) continue;
      if (a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes && !inPlace(a, b)) {
        assert.fail(`${what}: subgraph ${a.s} tensor ${a.t} [${a.offset}, +${a.bytes}) alive ${a.first}..${a.last} and subgraph ${b.s} tensor ${b.t} [${b.offset}, +${b.bytes}) alive ${b.first}..${b.last} overlap`);
      }
    }
  }
  return placed;
}

function close(got: ArrayLike<number>, want: number[], what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= 1e-5 * Math.max(1, Math.abs(want[i])), `${what}[${i}] = ${got[i]}, expected ${want[i]}`);
  }
}

for (const variant of VARIANTS) {
  test(`${variant}: random nested IF/WHILE models: no live buffers overlap, outputs match a JS reference`, async () => {
    let subgraphs = 0, planned = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rm = randomNestedModel(seed);
      const random = rng(1000 + seed);
      const inputs = rm.inLens.map((n) => Array.from({ length: n }, () => Math.floor(random() * 7) - 3));
      const want = rm.reference(inputs);
      for (const [name, mask] of MASKS) {
        const engine = await engineFor(variant);
        ex(engine).ml_plan_configure(mask);
        const model = engine.load(rm.bytes);
        const placed = assertNoOverlap(engine, model, rm.shapes, rm.tensorCounts, `seed ${seed} / ${name}`);
        inputs.forEach((v, i) => model.inputs[i].set(v));
        model.invoke();
        model.outputs.forEach((o, i) => close(o.data as Float32Array, want[i], `seed ${seed} / ${name} output ${i}`));
        // Invoking again from the same inputs gives the same outputs (nothing stale is read).
        inputs.forEach((v, i) => model.inputs[i].set(v));
        model.invoke();
        model.outputs.forEach((o, i) => close(o.data as Float32Array, want[i], `seed ${seed} / ${name} second invoke output ${i}`));
        subgraphs += rm.shapes.length; planned += placed.length;
      }
    }
    assert.ok(subgraphs > 200 && planned > 1000, `the generator makes nested models (${subgraphs} subgraphs, ${planned} buffers)`);
  });
}

test('a subgraph called from several places lives from its first call to its last', async () => {
  // sg0: a = IF(c, x) -> sg1; b = big tensor alive from before the first call to after the
  // second; d = IF(c, a) -> sg1 again. sg1's tensors must avoid b throughout.
  const m = new RecordingBuilder();
  const c = m.tensor({ dtype: 'bool', shape: [1] });
  const x = m.tensor({ dtype: 'float32', shape: [8] });
  const big = m.tensor({ dtype: 'float32', shape: [64] });
  const w = m.constant({ dtype: 'float32', shape: [64, 8], data: Array.from({ length: 512 }, (_, i) => (i % 3) - 1) });
  const a = m.tensor({ dtype: 'float32', shape: [8] });
  const d = m.tensor({ dtype: 'float32', shape: [8] });
  const w2 = m.constant({ dtype: 'float32', shape: [8, 64], data: Array.from({ length: 512 }, (_, i) => (i % 5) - 2) });
  const e = m.tensor({ dtype: 'float32', shape: [8] });
  const y = m.tensor({ dtype: 'float32', shape: [8] });
  m.op('FULLY_CONNECTED', [x, w, -1], [big], options.fullyConnected());
  m.op('IF', [c, x], [a], ifOptions(1, 1));
  m.op('IF', [c, a], [d], ifOptions(1, 1));
  m.op('FULLY_CONNECTED', [big, w2, -1], [e], options.fullyConnected());
  m.op('ADD', [d, e], [y], options.add());
  m.inputs(c, x).outputs(y);
  m.subgraph();
  const i0 = m.tensor({ dtype: 'float32', shape: [8] });
  const t1 = m.tensor({ dtype: 'float32', shape: [8] });
  const t2 = m.tensor({ dtype: 'float32', shape: [8] });
  m.op('ADD', [i0, i0], [t1], options.add());
  m.op('ADD', [t1, i0], [t2], options.add());
  m.inputs(i0).outputs(t2);
  m.use(0);
  const bytes = m.finish();
  const xs = [1, -2, 3, 0, 2, -1, 1, 1];
  const bigv = Array.from({ length: 64 }, (_, j) => xs.reduce((s, v, i) => s + ((j * 8 + i) % 3 - 1) * v, 0));
  const ev = Array.from({ length: 8 }, (_, j) => bigv.reduce((s, v, i) => s + ((j * 64 + i) % 5 - 2) * v, 0));
  const want = xs.map((v, i) => 9 * v + ev[i]);
  for (const variant of VARIANTS) {
    for (const [name, mask] of MASKS) {
      const engine = await engineFor(variant);
      ex(engine).ml_plan_configure(mask);
      const model = engine.load(bytes);
      assertNoOverlap(engine, model, m.shapes, tensorCountsOf(m), `${variant} / ${name}`);
      model.inputs[0].set([1]);
      model.inputs[1].set(xs);
      model.invoke();
      close(model.outputs[0].data as Float32Array, want, `${variant} / ${name}`);
    }
  }
});

test('a subgraph no op calls gets no storage', async () => {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'float32', shape: [4] });
  const y = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('ADD', [x, x], [y], options.add());
  m.inputs(x).outputs(y);
  m.subgraph('never called');
  const a = m.tensor({ dtype: 'float32', shape: [1000] });
  const b = m.tensor({ dtype: 'float32', shape: [1000] });
  m.op('ADD', [a, a], [b], options.add());
  m.inputs(a).outputs(b);
  m.use(0);
  const engine = await engineFor('scalar');
  const model = engine.load(m.finish());
  assert.equal(ex(engine).ml_subgraph_tensor_offset(model.id, 1, 0), -1);
  assert.equal(ex(engine).ml_subgraph_tensor_offset(model.id, 1, 1), -1);
  assert.ok(engine.arena.planned < 1000);
  model.inputs[0].set([1, 2, 3, 4]);
  model.invoke();
  assert.deepEqual(Array.from(model.outputs[0].data as Float32Array), [2, 4, 6, 8]);
});

for (const variant of VARIANTS) {
  test(`${variant}: CALL_ONCE runs once; variables persist across invokes; reset restores both as after load`, async () => {
    const m = new ModelBuilder();
    initialisedAccumulator(m);
    const engine = await engineFor(variant);
    const model = engine.load(m.finish());
    const step = () => { model.inputs[0].set([1, 1, 1, 1]); model.invoke(); return Array.from(model.outputs[0].data as Float32Array); };
    assert.deepEqual(step(), [11, 21, 31, 41]);
    assert.deepEqual(step(), [12, 22, 32, 42]);
    model.reset();
    // TFLM's CALL_ONCE has no reset: it would not run init again, leaving the variable 0.
    assert.deepEqual(step(), [11, 21, 31, 41]);
    assert.deepEqual(step(), [12, 22, 32, 42]);
  });
}

test('variables are per model: two loaded copies keep separate state', async () => {
  const m = new ModelBuilder();
  initialisedAccumulator(m);
  const bytes = m.finish();
  const engine = await engineFor('scalar');
  const a = engine.load(bytes);
  const b = engine.load(bytes);
  const step = (model: Model) => { model.inputs[0].set([1, 1, 1, 1]); model.invoke(); return (model.outputs[0].data as Float32Array)[0]; };
  assert.equal(step(a), 11);
  assert.equal(step(a), 12);
  assert.equal(step(b), 11);
  assert.equal(step(a), 13);
});

test('reading a variable nothing assigns fails the invoke with a message', async () => {
  const m = new ModelBuilder();
  const h = m.tensor({ dtype: 'resource', shape: [] });
  const v = m.tensor({ dtype: 'float32', shape: [4] });
  m.op('VAR_HANDLE', [], [h], varHandleOptions('orphan'));
  m.op('READ_VARIABLE', [h], [v]);
  m.outputs(v);
  const engine = await engineFor('scalar');
  const model = engine.load(m.finish());
  assert.throws(() => model.invoke(), /READ_VARIABLE v1 \(operator \d+\): resource id 0 was never given storage: no ASSIGN_VARIABLE of the model sets it/);
});

/** WHILE counting i from 0 to `limit` (float32 [1]); the body adds 1. */
function counter(limit: number): Uint8Array {
  const m = new ModelBuilder();
  const i = m.tensor({ dtype: 'float32', shape: [1] });
  const o = m.tensor({ dtype: 'float32', shape: [1] });
  m.op('WHILE', [i], [o], whileOptions(1, 2));
  m.inputs(i).outputs(o);
  m.subgraph();
  const ci = m.tensor({ dtype: 'float32', shape: [1] });
  const lim = m.constant({ dtype: 'float32', shape: [1], data: [limit] });
  const c = m.tensor({ dtype: 'bool', shape: [1] });
  m.op('LESS', [ci, lim], [c]);
  m.inputs(ci).outputs(c);
  m.subgraph();
  const bi = m.tensor({ dtype: 'float32', shape: [1] });
  const one = m.constant({ dtype: 'float32', shape: [1], data: [1] });
  const bo = m.tensor({ dtype: 'float32', shape: [1] });
  m.op('ADD', [bi, one], [bo], options.add());
  m.inputs(bi).outputs(bo);
  m.use(0);
  return m.finish();
}

test('a WHILE that never ends fails after the iteration cap (default 1,000,000; settable, 0 = none)', async () => {
  const engine = await engineFor('scalar');
  const model = engine.load(neverEndingWhile());
  assert.throws(() => model.invoke(), /WHILE v1 \(operator \d+\): the loop did not end after 1,000,000 iterations \(the limit set by ml_set_while_limit; 0 removes it\)/);
  const e = ex(engine);
  assert.equal(e.ml_set_while_limit(10), 1_000_000);
  const ten = engine.load(counter(10));
  ten.inputs[0].set([0]);
  ten.invoke();
  assert.deepEqual(Array.from(ten.outputs[0].data as Float32Array), [10]);
  const eleven = engine.load(counter(11));
  eleven.inputs[0].set([0]);
  assert.throws(() => eleven.invoke(), /did not end after 10 iterations/);
  e.ml_set_while_limit(0);
  eleven.invoke();
  assert.deepEqual(Array.from(eleven.outputs[0].data as Float32Array), [11]);
  e.ml_set_while_limit(1_000_000);
});

test('CIRCULAR_BUFFER without a ready output ends the invoke early between runs (TFLM kTfLiteAbort)', async () => {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'int8', shape: [1, 1, 1, 2], scale: 1, zeroPoint: 0 });
  const y = m.tensor({ dtype: 'int8', shape: [1, 2, 1, 2], scale: 1, zeroPoint: 0, isVariable: true });
  const z = m.tensor({ dtype: 'int8', shape: [1, 2, 1, 2], scale: 1, zeroPoint: 0 });
  m.customOp('CIRCULAR_BUFFER', [x], [y], encode({ cycles_max: 2 }));
  m.op('ADD', [y, y], [z], options.add());
  m.inputs(x).outputs(z);
  const engine = await engineFor('scalar');
  const model = engine.load(m.finish());
  model.inputs[0].set([1, 2]);
  // Not an error: invoke() reports that the outputs were not updated this time.
  assert.equal(model.invoke(), false);
  assert.equal(ex(engine).ml_invoke_aborted(), 1);
  model.inputs[0].set([3, 4]);
  model.invoke();
  assert.equal(ex(engine).ml_invoke_aborted(), 0);
  assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), [2, 4, 6, 8]);
});

test('refuses calls nested deeper than 64 subgraphs, and walks that expand past 2^20 steps', async () => {
  const engine = await engineFor('scalar');
  const chain = (levels: number) => {
    const m = new ModelBuilder();
    for (let s = 0; s < levels; s++) {
      if (s > 0) m.subgraph();
      if (s < levels - 1) m.op('CALL_ONCE', [], [], callOnceOptions(s + 1));
    }
    m.use(0);
    return m.finish();
  };
  engine.load(chain(65)).dispose(); // 64 calls deep: accepted
  assert.throws(() => engine.load(chain(66)), /control flow nests subgraph calls more than 64 deep/);
  // Each level calls the next from 8 ops: 8^7 steps.
  const m = new ModelBuilder();
  for (let s = 0; s < 8; s++) {
    if (s > 0) m.subgraph();
    for (let k = 0; k < 8 && s < 7; k++) m.op('CALL_ONCE', [], [], callOnceOptions(s + 1));
  }
  m.use(0);
  assert.throws(() => engine.load(m.finish()), /control flow expands to more than 1,048,576 operator steps/);
});

test('several subgraphs and an offline plan: offsets are indexed over all subgraphs\' tensors', async () => {
  const build = (count: number) => {
    const m = new ModelBuilder();
    const c = m.tensor({ dtype: 'bool', shape: [1] });
    const x = m.tensor({ dtype: 'float32', shape: [4] });
    const y = m.tensor({ dtype: 'float32', shape: [4] });
    m.op('IF', [c, x], [y], ifOptions(1, 1));
    m.inputs(c, x).outputs(y);
    m.subgraph();
    const a = m.tensor({ dtype: 'float32', shape: [4] });
    const b = m.tensor({ dtype: 'float32', shape: [4] });
    m.op('ADD', [a, a], [b], options.add());
    m.inputs(a).outputs(b);
    m.use(0);
    m.addMetadata('OfflineMemoryAllocation', new Uint8Array(Int32Array.from([1, 0, count, ...Array(count).fill(-1)]).buffer));
    return m.finish();
  };
  const engine = await engineFor('scalar');
  assert.throws(() => engine.load(build(3)), /OfflineMemoryAllocation has 3 offsets, the model's subgraphs have 5 tensors/);
  const model = engine.load(build(5));
  model.inputs[0].set([1]);
  model.inputs[1].set([1, 2, 3, 4]);
  model.invoke();
  assert.deepEqual(Array.from(model.outputs[0].data as Float32Array), [2, 4, 6, 8]);
});

export type { TestVariant };
