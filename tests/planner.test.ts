// The memory planner through the JS API: lower bounds, every strategy's plan valid and
// bit-exact, ours never above TFLM's greedy, in-place sharing, offline plans mixed with
// online buffers, multi-tenancy, planning time, and the conformance models' arenas.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Microlite, Model } from '../bindings/index.js';
import { planExports, planReport, plannedBuffers, lifetimes, PlannedBuffer, PlanReport } from '../bindings/inspect.js';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { engineFor, VARIANTS, TestVariant, conformanceDir } from './helpers.js';
import { chainModel, residualModel, inPlaceModel, rng, VWW_WIDTHS } from './planner_models.js';

// ml_plan_configure masks: bit s enables strategy s (TFLM's greedy always runs); bit 8 in-place sharing.
const ALL = 0x1ff;
const TFLM_ONLY = 0x001;
const NO_SHARING = 0x0ff;
const STRATEGY_MASKS: Array<[string, number]> = [['tflm_greedy', 0x001], ['size_best_fit', 0x003], ['breadth', 0x005], ['search', 0x009], ['all', ALL]];

interface Loaded { engine: Microlite; model: Model; report: PlanReport; plan: PlannedBuffer[] }

async function load(bytes: Uint8Array, mask = ALL, variant: TestVariant = 'scalar', arenaBytes?: number): Promise<Loaded> {
  const engine = await engineFor(variant, arenaBytes);
  planExports(engine).ml_plan_configure(mask);
  const model = engine.load(bytes);
  return { engine, model, report: planReport(engine), plan: plannedBuffers(engine, model) };
}

/** Buffers alive in a common scope share no byte (a tensor and the input it shares in place excepted). */
function assertValid(plan: PlannedBuffer[], what: string): void {
  for (let i = 0; i < plan.length; i++) {
    for (let j = i + 1; j < plan.length; j++) {
      const a = plan[i], b = plan[j];
      if (a.last < b.first || b.last < a.first) continue;
      if ((a.tensor >= 0 && b.sharesWith === a.tensor) || (b.tensor >= 0 && a.sharesWith === b.tensor)) continue;
      const overlap = a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes;
      assert.ok(!overlap, `${what}: ${a.name || a.tensor} [${a.offset}, +${a.bytes}) and ${b.name || b.tensor} [${b.offset}, +${b.bytes}) overlap while both alive`);
    }
  }
}

/** Runs the model on seeded random inputs; returns every output's bytes. */
function run(model: Model, seed = 1): number[][] {
  const random = rng(seed);
  for (const t of model.inputs) t.set(Uint8Array.from({ length: t.bytes }, () => Math.floor(random() * 256)));
  model.invoke();
  return model.outputs.map((t) => Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.bytes)));
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

test('the lower bound is the most bytes alive at one op', async () => {
  // x [16,3] (48 B) -> h [16,7] (112 B) -> y [16,2] (32 B): scope 1 holds x and h.
  const { report } = await load(chainModel([3, 7, 2], 16));
  assert.equal(report.lower_bound_without_sharing, 160);
  assert.equal(report.lower_bound, 160);
  assert.equal(report.planned_bytes, 160);
  // On a larger model the engine's bound is the JS one computed from the tensors' lifetimes.
  const { model, report: r2, plan } = await load(residualModel(12), NO_SHARING);
  const scopes = model.ops.length + 1;
  let bound = 0;
  for (let s = 0; s < scopes; s++) bound = Math.max(bound, plan.filter((b) => b.first <= s && s <= b.last).reduce((sum, b) => sum + align16(b.bytes), 0));
  assert.equal(r2.lower_bound, bound);
  assert.equal(r2.lower_bound_without_sharing, bound);
  assert.ok(r2.planned_bytes >= bound);
});

test('lifetimes follow TFLM: inputs from scope 0, op k at scope k + 1, outputs to the end', async () => {
  const { model } = await load(chainModel([3, 7, 2], 16));
  const life = lifetimes(model.ops, model.inputs.map((t) => t.index), model.outputs.map((t) => t.index), model.tensors.length);
  const [x, h, y] = [model.inputs[0].index, model.ops[0].outputs[0], model.outputs[0].index];
  assert.deepEqual([life[x], life[h], life[y]], [[0, 1], [1, 2], [2, 2]]);
});

for (const variant of VARIANTS) {
  test(`${variant}: every strategy gives a valid plan and bit-identical outputs`, async () => {
    const models: Array<[string, Uint8Array]> = [['vww chain', chainModel()], ['residual', residualModel(12, 64)], ['in place', inPlaceModel()]];
    for (const [name, bytes] of models) {
      const reference = run((await load(bytes, TFLM_ONLY & NO_SHARING, variant)).model);
      for (const [strategy, mask] of STRATEGY_MASKS) {
        const { model, report, plan } = await load(bytes, mask, variant);
        assertValid(plan, `${name} / ${strategy}`);
        const ran = Object.entries(report.strategies).filter(([, b]) => b !== null).map(([, b]) => b as number);
        assert.equal(report.planned_bytes, Math.min(...ran), `${name} / ${strategy}: keeps the smallest plan`);
        assert.deepEqual(run(model), reference, `${name} / ${strategy}: outputs`);
      }
    }
  });
}

test('ours is never above TFLM\'s greedy; on the VWW-shaped chain it reaches the lower bound', async () => {
  const { report } = await load(chainModel());
  assert.equal(report.strategies.tflm_greedy, 64 * 96);
  assert.equal(report.lower_bound, 48 * 96);
  assert.equal(report.planned_bytes, report.lower_bound);
  assert.notEqual(report.chosen, 'tflm_greedy');
  for (const bytes of [residualModel(12, 64), residualModel(30), inPlaceModel(), chainModel(VWW_WIDTHS.slice(0, 9), 32)]) {
    const { report: r } = await load(bytes);
    assert.ok(r.planned_bytes <= (r.strategies.tflm_greedy ?? Infinity));
    assert.ok(r.planned_bytes <= r.tflm_greedy_without_sharing);
    assert.ok(r.planned_bytes >= r.lower_bound);
  }
});

for (const variant of VARIANTS) {
  test(`${variant}: in-place sharing (RESHAPE, ADD) saves bytes and keeps results bit-exact`, async () => {
    for (const bytes of [inPlaceModel(), residualModel(16, 64)]) {
      const shared = await load(bytes, ALL, variant);
      const unshared = await load(bytes, NO_SHARING, variant);
      assert.ok(shared.report.shared_tensors > 0);
      assert.equal(unshared.report.shared_tensors, 0);
      assert.ok(shared.report.planned_bytes <= unshared.report.planned_bytes);
      assertValid(shared.plan, 'shared');
      for (const seed of [1, 2, 3]) assert.deepEqual(run(shared.model, seed), run(unshared.model, seed));
    }
    // In inPlaceModel, FC -> RESHAPE -> ADD(r, r) -> RESHAPE all use the FC output's buffer.
    const { model, plan, report } = await load(inPlaceModel(), ALL, variant);
    assert.equal(report.shared_tensors, 3);
    assert.ok(report.planned_bytes < report.lower_bound_without_sharing);
    const offsetOf = (t: number) => plan.find((b) => b.tensor === t)!.offset;
    const chainOps = model.ops.slice(1, 4);
    for (const op of chainOps) assert.equal(offsetOf(op.outputs[0]), offsetOf(op.inputs[0]), `${op.op} in place`);
  });
}

test('model inputs and outputs never share, so the input survives invoke', async () => {
  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'int8', shape: [4, 16], scale: 0.1, zeroPoint: 0 });
  const r = m.tensor({ dtype: 'int8', shape: [64], scale: 0.1, zeroPoint: 0 });
  const y = m.tensor({ name: 'y', dtype: 'int8', shape: [64], scale: 0.2, zeroPoint: 0 });
  m.op('RESHAPE', [x], [r], options.reshape([64]));
  m.op('ADD', [r, r], [y], options.add());
  m.inputs(x).outputs(y);
  const { model, report } = await load(m.finish());
  assert.equal(report.shared_tensors, 1); // only ADD's output joins RESHAPE's output
  const input = Array.from({ length: 64 }, (_, i) => i - 32);
  model.inputs[0].set(input);
  model.invoke();
  assert.deepEqual(Array.from(model.inputs[0].data as Int8Array), input);
});

test('offline offsets are kept and the other buffers planned around them', async () => {
  // Tensors: x, then (weights, activation) per op. Fix x at 4096 and the 4th activation at 0.
  const offline = (count: number) => Array.from({ length: count }, (_, i) => (i === 0 ? 4096 : i === 8 ? 0 : -1));
  const bytes = chainModel(VWW_WIDTHS, 96, offline);
  const { model, report, plan } = await load(bytes);
  const tensors = model.tensors;
  assert.equal(tensors[0].planOffset, 4096);
  assert.equal(tensors[8].planOffset, 0);
  assert.equal(tensors[1].planOffset, -1); // a constant
  assertValid(plan, 'offline');
  assert.ok(report.planned_bytes >= 4096 + 24 * 96);
  const reference = await load(chainModel(), TFLM_ONLY);
  assert.deepEqual(run(model), run(reference.model));
});

test('multi-tenancy: a second model does not grow the head beyond the larger plan', async () => {
  const big = chainModel();
  const small = residualModel(8, 16);
  for (const order of [[big, small], [small, big]]) {
    const engine = await engineFor('scalar');
    const [a, b] = order.map((bytes) => engine.load(bytes));
    assert.equal(engine.arena.planned, Math.max(a.arena.planned, b.arena.planned));
    assert.equal(engine.arena.persistent, a.arena.persistent + b.arena.persistent);
    const alone = await Promise.all(order.map(async (bytes) => run((await load(bytes)).model, 5)));
    for (let k = 0; k < 2; k++) {
      assert.deepEqual(run(a, 5), alone[0]);
      assert.deepEqual(run(b, 5), alone[1]);
    }
  }
});

test('planning a 100+ op model takes well under 5 ms', async (t) => {
  const random = rng(11);
  const choices = [1, 2, 4, 8, 16, 24, 32];
  const chain = chainModel(Array.from({ length: 121 }, () => choices[Math.floor(random() * choices.length)]), 96);
  const models: Array<[string, Uint8Array]> = [['chain of 120 FULLY_CONNECTED', chain], ['residual, 140 ops', residualModel(40, 64)]];
  const dir = conformanceDir();
  if (dir) models.push(['tiny_vww_mobilenetv1_025_int8', readFileSync(resolve(dir, 'models/tiny_vww_mobilenetv1_025_int8.tflite'))]);
  const median = async (bytes: Uint8Array, mask: number) => {
    const times: number[] = [];
    for (let r = 0; r < 9; r++) {
      const engine = await engineFor('scalar', 4 << 20); // fixed arena: one load, no sizing pass
      planExports(engine).ml_plan_configure(mask);
      const t0 = performance.now();
      engine.load(bytes);
      times.push(performance.now() - t0);
    }
    return times.sort((x, y) => x - y)[4];
  };
  for (const [name, bytes] of models) {
    const all = await median(bytes, ALL);
    const tflm = await median(bytes, TFLM_ONLY);
    const { model, report } = await load(bytes);
    t.diagnostic(`${name}: ${model.ops.length} ops, load ${all.toFixed(2)} ms (TFLM greedy only ${tflm.toFixed(2)} ms), plan ${report.planned_bytes} vs TFLM ${report.tflm_greedy_without_sharing}, bound ${report.lower_bound}`);
    assert.ok(model.ops.length >= 30);
    assert.ok(all - tflm < 5, `planning took ${(all - tflm).toFixed(2)} ms more than TFLM's greedy`);
    assert.ok(all < 20, `load took ${all.toFixed(2)} ms`);
  }
});

test('conformance models: the planned area meets the lower bound and never exceeds TFLM\'s greedy', async (t) => {
  const dir = conformanceDir();
  if (!dir) { t.skip('no conformance data'); return; }
  const index = JSON.parse(readFileSync(resolve(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string; supported_by_tflm: boolean; tflm_arena_used_bytes_wasm32: number | null }>;
  for (const entry of index.filter((e) => e.supported_by_tflm)) {
    let loaded: Loaded;
    try {
      loaded = await load(readFileSync(resolve(dir, entry.model)));
    } catch {
      continue; // an op not written yet: the conformance run reports it
    }
    const { report, plan, model } = loaded;
    assertValid(plan, entry.name);
    assert.ok(report.planned_bytes <= report.tflm_greedy_without_sharing, entry.name);
    assert.ok(report.planned_bytes <= report.lower_bound * 1.02, `${entry.name}: ${report.planned_bytes} vs bound ${report.lower_bound}`);
    if (!entry.name.startsWith('seanet/')) t.diagnostic(`${entry.name}: arena ${model.arena.total} vs TFLM ${entry.tflm_arena_used_bytes_wasm32}; plan ${report.planned_bytes} (${report.chosen}), bound ${report.lower_bound}`);
    if (entry.name === 'tiny_vww_mobilenetv1_025_int8') assert.ok(model.arena.total <= 0.9 * entry.tflm_arena_used_bytes_wasm32!);
  }
});
