// `microlite inspect` on models with several subgraphs: every subgraph's ops and tensors, and
// the whole plan with the planner's nested lifetimes (checked against the independent
// reckoning of tests/control_flow_models.ts), and the same plan as before for one subgraph.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeModel, modelPlan, plannedBuffers, PlannedBuffer } from '../bindings/inspect.js';
import { buildSineModel } from './builder/example_model.js';
import { randomNestedModel, nestedLifetimes } from './control_flow_models.js';
import { residualModel } from './planner_models.js';
import { engineFor, repoRoot } from './helpers.js';

const key = (b: PlannedBuffer) => `${b.subgraph}/${b.tensor}/${b.scratch}`;

test('inspect: every subgraph of nested IF/WHILE models, lifetimes as the planner nests them', async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const r = randomNestedModel(seed);
    const engine = await engineFor('scalar');
    const model = engine.load(r.bytes);
    const e = engine.abi.exports;
    const d = describeModel(engine, model, `seed ${seed}`);
    assert.equal(d.subgraphs.length, r.shapes.length, `seed ${seed}: subgraphs`);
    const life = nestedLifetimes(r.shapes, r.tensorCounts);
    let planned = 0;
    d.subgraphs.forEach((sg, s) => {
      assert.equal(sg.ops.length, e.ml_subgraph_op_count(model.id, s), `seed ${seed} sg${s}: ops`);
      assert.equal(sg.tensors.length, e.ml_subgraph_tensor_count(model.id, s), `seed ${seed} sg${s}: tensors`);
      assert.deepEqual(sg.calls, r.shapes[s].ops.map((op) => op.calls), `seed ${seed} sg${s}: called subgraphs`);
      assert.deepEqual(sg.inputs, r.shapes[s].inputs);
      sg.tensors.forEach((t) => { if (e.ml_subgraph_tensor_offset(model.id, s, t.index) >= 0) planned++; });
    });
    const tensors = d.plan.filter((b) => b.tensor >= 0);
    assert.equal(tensors.length, planned, `seed ${seed}: every planned tensor of every subgraph is in the plan`);
    for (const b of tensors) {
      assert.deepEqual([b.first, b.last], life[b.subgraph][b.tensor], `seed ${seed}: lifetime of sg${b.subgraph} t${b.tensor}`);
      assert.equal(b.offset, e.ml_subgraph_tensor_offset(model.id, b.subgraph, b.tensor));
    }
    assert.equal(d.scopes.length, 1 + Math.max(...tensors.map((b) => b.last)), `seed ${seed}: one scope label per scope`);
    model.dispose();
  }
});

test('inspect: for one subgraph, the whole plan is the subgraph-0 plan', async () => {
  for (const bytes of [buildSineModel(), residualModel(12)]) {
    const engine = await engineFor('scalar');
    const model = engine.load(bytes);
    const whole = modelPlan(engine, model).plan.sort((a, b) => key(a).localeCompare(key(b)));
    const main = plannedBuffers(engine, model).sort((a, b) => key(a).localeCompare(key(b)));
    assert.deepEqual(whole, main);
    model.dispose();
  }
});

test('inspect --plan (CLI) prints each subgraph and the nested scopes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microlite-inspect-'));
  try {
    const file = join(dir, 'nested.tflite');
    writeFileSync(file, randomNestedModel(3).bytes);
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'bindings', 'cli.js'), 'inspect', file, '--plan'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\d+ subgraphs \(/);
    assert.match(r.stdout, /\nsubgraph 1: inputs /);
    assert.match(r.stdout, /WHILE v1 .* calls sg\d+, sg\d+/);
    assert.match(r.stdout, /enter sg\d+ \((cond|body|then|else) of /);
    assert.match(r.stdout, /legend: .*sg1:t\d/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
