// Load time grows near-linearly with model size: 20,000-op models load or are refused with a
// message naming the limit they exceed, the large-model planning algorithms give the same
// plans as the small ones, and hostile shapes (thousands of inputs and outputs on one op)
// are checked without quadratic loops. Times are not asserted here: bench/load_scale.ts
// measures them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { planExports, planReport, plannedBuffers } from '../bindings/inspect.js';
import { engineFor, conformanceDir } from './helpers.js';
import {
  chainModel, residualModel, inPlaceModel, longChainModel, wideModel, manyOutputsModel, manyCallsModel, wideOpModel, VWW_WIDTHS, rng,
} from './planner_models.js';
import { randomNestedModel } from './control_flow_models.js';

// ml_plan_configure: bits 0-3 strategies, bit 8 in-place sharing, bit 9 large-model algorithms at every size.
const ALL = 0x1ff;
const TFLM_ONLY = 0x001;
const FORCE_LARGE = 0x200;
const LIMIT = /too many buffers alive at the same time to plan: more than 4,000,000 pairs of the model's [\d,]+ activation and scratch buffers have overlapping lifetimes/;

async function loadWith(bytes: Uint8Array, mask: number) {
  const engine = await engineFor('scalar');
  planExports(engine).ml_plan_configure(mask);
  const model = engine.load(bytes);
  return { engine, model, report: planReport(engine), plan: plannedBuffers(engine, model) };
}

/** The first buffers alive at the same time that share bytes, or null. */
function overlap(plan: ReturnType<typeof plannedBuffers>): string | null {
  // Sweep by first scope; enough for chains (few buffers alive at once).
  const byFirst = [...plan].sort((a, b) => a.first - b.first);
  const alive: typeof plan = [];
  for (const b of byFirst) {
    for (let i = alive.length - 1; i >= 0; i--) if (alive[i].last < b.first) alive.splice(i, 1);
    for (const a of alive) {
      if (b.sharesWith === a.tensor || a.sharesWith === b.tensor) continue;
      if (a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes) return `${a.tensor} and ${b.tensor}`;
    }
    alive.push(b);
  }
  return null;
}

test('a 20,000-op chain loads (TFLM greedy plan, near-linear planning) and runs', async () => {
  const bytes = longChainModel(20_000);
  const { model, report, plan } = await loadWith(bytes, ALL);
  assert.equal(model.ops.length, 20_000);
  assert.equal(report.buffers, 20_001);
  assert.equal(overlap(plan), null);
  assert.ok(report.planned_bytes >= report.lower_bound && report.planned_bytes <= report.tflm_greedy_without_sharing);
  model.inputs[0].set(new Int8Array(model.inputs[0].bytes).fill(3));
  model.invoke();
});

test('a 5,000-op residual network loads; 20,000-op wide models are refused naming the limit', async () => {
  const residual = await loadWith(residualModel(1_500, 4), ALL);
  assert.ok(residual.model.ops.length > 5_000);
  assert.equal(overlap(residual.plan), null);
  const engine = await engineFor('scalar');
  // 10,000 buffers alive at once: 50 million overlapping pairs.
  assert.throws(() => engine.load(wideModel(20_000)), LIMIT);
  assert.throws(() => engine.load(manyOutputsModel(20_000)), LIMIT);
  // Below the limit the same shapes load.
  engine.load(wideModel(2_000)).dispose();
  const outs = engine.load(manyOutputsModel(1_000));
  assert.equal(outs.outputs.length, 1_000);
  const tensors = outs.tensors;
  assert.ok(tensors[0].isInput && !tensors[0].isOutput);
  assert.ok(tensors.slice(1).every((t) => t.isOutput && !t.isInput));
});

test('control flow expanding to a million steps loads', async () => {
  const { model, report } = await loadWith(manyCallsModel(500, 1_000), ALL);
  assert.equal(model.ops.length, 500);
  assert.ok(report.planned_bytes > 0);
  model.inputs[0].set([0]);
  model.inputs[1].set([1, -2, 3, -4]);
  model.invoke();
  assert.deepEqual(Array.from(model.outputs[0].data as Float32Array), [1, 0, 3, 0]);
});

test('an operator with 20,000 inputs and outputs is checked without pairing every input with every output', async () => {
  const engine = await engineFor('scalar');
  assert.throws(() => engine.load(wideOpModel(20_000, true)), /malformed model: operator 0 reads its own output tensor 30000/);
  assert.throws(() => engine.load(wideOpModel(20_000)), /CONCATENATION/);
});

test('the large-model algorithms give the same plans as the small ones', async () => {
  const random = rng(11);
  const choices = [1, 2, 4, 8, 16, 24, 32];
  const models: Array<[string, Uint8Array, number[]?]> = [
    ['vww chain', chainModel()],
    ['chain of 300', chainModel(Array.from({ length: 301 }, () => choices[Math.floor(random() * choices.length)]), 96)],
    ['residual', residualModel(40, 64)],
    ['in place', inPlaceModel()],
    ['offline', chainModel(VWW_WIDTHS, 96, (count) => Array.from({ length: count }, (_, i) => (i === 0 ? 4096 : i === 8 ? 0 : -1)))],
    ['wide', wideModel(400)],
  ];
  for (let seed = 1; seed <= 12; seed++) models.push([`nested ${seed}`, randomNestedModel(seed, 3).bytes]);
  const dir = conformanceDir();
  if (dir) {
    const index = JSON.parse(readFileSync(resolve(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string }>;
    for (const e of index.filter((e) => !e.name.startsWith('seanet/'))) models.push([e.name, readFileSync(resolve(dir, e.model)), [ALL]]);
  }
  for (const [name, bytes, masks] of models) {
    for (const mask of masks ?? [ALL, TFLM_ONLY, ALL & ~0x100]) {
      let small;
      try {
        small = await loadWith(bytes, mask);
      } catch {
        continue; // refused (an op TFLM does not support either): nothing to compare
      }
      const large = await loadWith(bytes, mask | FORCE_LARGE);
      assert.deepEqual(large.report, small.report, `${name} (mask ${mask}): report`);
      assert.deepEqual(large.plan, small.plan, `${name} (mask ${mask}): plan`);
    }
  }
});
