// Canary test: a full run of every conformance model (and every fuzz seed built with the test-model
// builder) writes nothing outside its planned tensors, scratch buffers and persistent area, and
// leaves the model bytes (weights read in place) unchanged. A second run, with everything in the
// head except the inputs overwritten by another pattern, must give the same outputs: no kernel
// reads arena bytes it did not write in this invoke.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Microlite, MicroliteError, Model } from '../bindings/index.js';
import { engineFor, VARIANTS, conformanceDir, TestVariant } from './helpers.js';
import { arenaLayout, fillGaps, checkGaps, modelBytes, checkModelBytes, describeAddress, guardExports, Range } from './fuzz/guards.js';
import { builderSeeds } from './fuzz/seeds.js';
import { Rng } from './fuzz/rng.js';

interface CanaryModel { name: string; bytes: Uint8Array; input: (model: Model) => Uint8Array[]; }

function conformanceModels(): CanaryModel[] {
  const dir = conformanceDir();
  if (!dir) return [];
  const index = JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string; goldens: string; cases: string[] }>;
  return index.filter((e) => existsSync(join(dir, e.model))).map((e) => ({
    name: e.name,
    bytes: new Uint8Array(readFileSync(join(dir, e.model))),
    input: (model: Model) => {
      // The first step of the first case: the inputs' bytes back to back.
      const all = new Uint8Array(readFileSync(join(dir, e.goldens, `${e.cases[0]}.input.bin`)));
      let at = 0;
      return model.inputs.map((t) => { const b = all.subarray(at, at + t.bytes); at += t.bytes; return b; });
    },
  }));
}

function builtModels(): CanaryModel[] {
  return builderSeeds().map((s) => ({
    name: `builder/${s.name}`,
    bytes: s.bytes,
    input: (model: Model) => { const r = new Rng(7, s.bytes.length); return model.inputs.map((t) => r.bytes(t.bytes)); },
  }));
}

function setInputs(model: Model, inputs: Uint8Array[]): void {
  model.inputs.forEach((t, i) => t.set(inputs[i]));
}

function outputs(model: Model): number[][] {
  return model.outputs.map((t) => { const d = t.data; return Array.from(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)); });
}

/** Fills [base, tail) except the inputs' bytes with a pattern (a second, hostile start state). */
function clobberHead(engine: Microlite, model: Model): void {
  const e = guardExports(engine);
  const mem = new Uint8Array(e.memory.buffer);
  const keep: Range[] = model.inputs.map((t) => { const d = t.data; return [d.byteOffset, d.byteOffset + d.byteLength] as Range; }).sort((a, b) => a[0] - b[0]);
  let at = e.ml_arena_base();
  const end = e.ml_arena_tail();
  for (const [s, t] of [...keep, [end, end] as Range]) {
    for (let p = at; p < Math.min(s, end); p++) mem[p] = (p * 7 + 0x5a) & 0xff;
    at = Math.max(at, t);
  }
}

async function canary(variant: TestVariant, m: CanaryModel): Promise<void> {
  // Size the arena with room to spare, so a write past the plan lands in a guarded gap.
  let needed: number;
  try {
    const probe = await engineFor(variant);
    probe.load(m.bytes);
    needed = probe.arena.total;
  } catch (err) {
    assert.ok(err instanceof MicroliteError, `${m.name}: ${String(err)}`);
    return; // refused models are the conformance suite's business
  }
  const engine = await engineFor(variant, needed + 8192);
  const model = engine.load(m.bytes);
  const inputs = m.input(model);
  const snapshot = modelBytes(engine, model);
  setInputs(model, inputs);
  const layout = arenaLayout(engine, model);
  const mem = new Uint8Array(engine.abi.exports.memory.buffer);
  fillGaps(mem, layout, 0x3c);
  model.invoke();
  const bad = checkGaps(new Uint8Array(engine.abi.exports.memory.buffer), layout, 0x3c);
  assert.equal(bad, -1, `${m.name} (${variant}): invoke wrote outside its live arena ranges at ${describeAddress(layout, bad)}`);
  const changed = checkModelBytes(engine, snapshot);
  assert.equal(changed, -1, `${m.name} (${variant}): invoke changed the model bytes at offset ${changed}`);
  const first = outputs(model);

  model.reset();
  setInputs(model, inputs);
  clobberHead(engine, model);
  fillGaps(new Uint8Array(engine.abi.exports.memory.buffer), layout, 0xa7);
  model.invoke();
  assert.equal(checkGaps(new Uint8Array(engine.abi.exports.memory.buffer), layout, 0xa7), -1, `${m.name} (${variant}): second invoke wrote outside its live ranges`);
  assert.deepEqual(outputs(model), first, `${m.name} (${variant}): outputs depend on arena bytes the invoke did not write`);
  model.dispose();
}

const models = [...conformanceModels(), ...builtModels()];
for (const variant of VARIANTS) {
  test(`canary (${variant}): no model writes outside its planned tensors, scratch and persistent data`, async () => {
    for (const m of models) await canary(variant, m);
  });
}

test('the canary sees a byte written into a gap', async () => {
  const m = builtModels().find((x) => x.name === 'builder/conv_int8')!;
  const engine = await engineFor('scalar', 64 * 1024);
  const model = engine.load(m.bytes);
  const layout = arenaLayout(engine, model);
  const mem = new Uint8Array(engine.abi.exports.memory.buffer);
  fillGaps(mem, layout, 1);
  assert.equal(checkGaps(mem, layout, 1), -1);
  const [s, t] = layout.gaps.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  const p = (s + t) >> 1;
  mem[p] ^= 1;
  assert.equal(checkGaps(mem, layout, 1), p);
  const snapshot = modelBytes(engine, model);
  mem[snapshot.ptr + 10] ^= 1;
  assert.equal(checkModelBytes(engine, snapshot), 10);
});
