// Isolation: two models loaded into one engine and invoked interleaved (step by step, stateful
// models included) give exactly the outputs each gives alone, with an automatically sized arena
// and with a fixed one. Conformance models (golden inputs) when present, plus builder models.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Microlite, MicroliteError, Model } from '../bindings/index.js';
import { engineFor, VARIANTS, conformanceDir, TestVariant } from './helpers.js';
import { builderSeeds } from './fuzz/seeds.js';
import { Rng } from './fuzz/rng.js';

/** A model and its cases: per case, per step, the inputs' bytes back to back. */
interface Subject { name: string; bytes: Uint8Array; cases: Uint8Array[][]; }

function conformanceSubjects(): Subject[] {
  const dir = conformanceDir();
  if (!dir) return [];
  const index = JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string; goldens: string; cases: string[]; supported_by_tflm: boolean }>;
  const out: Subject[] = [];
  for (const e of index) {
    if (!e.supported_by_tflm || !existsSync(join(dir, e.model))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, e.goldens, 'manifest.json'), 'utf8')) as { goldens: Array<{ name: string; input: string; steps?: number }> };
    const cases = manifest.goldens.slice(0, 2).map((g) => {
      const all = new Uint8Array(readFileSync(join(dir, e.goldens, g.input)));
      const steps = g.steps ?? 1;
      const per = all.length / steps;
      return Array.from({ length: steps }, (_, s) => all.subarray(s * per, (s + 1) * per));
    });
    out.push({ name: e.name, bytes: new Uint8Array(readFileSync(join(dir, e.model))), cases });
  }
  return out;
}

function builderSubjects(): Subject[] {
  // Stateful seeds get several steps per case (their state must survive the other model's invokes).
  const stateful = new Set(['lstm_float', 'variable_state', 'signal_spectral_subtraction', 'graph_kws_int8', 'conv_int8', 'softmax_int16']);
  return builderSeeds().filter((s) => stateful.has(s.name)).map((s) => {
    const r = new Rng(11, s.bytes.length);
    return { name: `builder/${s.name}`, bytes: s.bytes, cases: [0, 1].map(() => [0, 1, 2].map(() => r.bytes(4096))) };
  });
}

/** Sets the inputs from `bytes` (truncated builder bytes: each input takes what it needs). */
function setInputs(model: Model, bytes: Uint8Array): void {
  let at = 0;
  for (const t of model.inputs) {
    t.set(bytes.subarray(at, at + t.bytes));
    at += t.bytes;
  }
}

function outputBytes(model: Model): string {
  return model.outputs.map((t) => { const d = t.data; return Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex'); }).join('|');
}

/** Outputs of every step of every case, the model alone in its engine. */
async function alone(variant: TestVariant, s: Subject): Promise<string[][] | null> {
  const engine = await engineFor(variant);
  let model: Model;
  try { model = engine.load(s.bytes); } catch (err) { assert.ok(err instanceof MicroliteError); return null; }
  return s.cases.map((steps) => {
    model.reset();
    return steps.map((input) => { setInputs(model, input); model.invoke(); return outputBytes(model); });
  });
}

/** Both models in one engine, their steps interleaved; returns each one's outputs. */
function together(engine: Microlite, a: Subject, b: Subject): [string[][], string[][]] {
  const ma = engine.load(a.bytes);
  const mb = engine.load(b.bytes);
  const outs: [string[][], string[][]] = [a.cases.map(() => []), b.cases.map(() => [])];
  const cases = Math.max(a.cases.length, b.cases.length);
  for (let c = 0; c < cases; c++) {
    const steps = Math.max(a.cases[c]?.length ?? 0, b.cases[c]?.length ?? 0);
    for (let s = 0; s < steps; s++) {
      for (const [k, m, subject] of [[0, ma, a], [1, mb, b]] as const) {
        const input = subject.cases[c]?.[s];
        if (!input) continue;
        if (s === 0) m.reset();
        setInputs(m, input);
        m.invoke();
        outs[k][c].push(outputBytes(m));
      }
    }
  }
  ma.dispose();
  mb.dispose();
  return outs;
}

const subjects = [...conformanceSubjects(), ...builderSubjects()];

for (const variant of VARIANTS) {
  test(`isolation (${variant}): interleaved models give what they give alone`, async () => {
    const runnable: Array<{ s: Subject; want: string[][]; arena: number }> = [];
    for (const s of subjects) {
      const want = await alone(variant, s);
      if (!want) continue;
      const probe = await engineFor(variant);
      probe.load(s.bytes);
      runnable.push({ s, want, arena: probe.arena.total });
    }
    assert.ok(runnable.length >= 5, 'too few models load');
    // Each model with the next one (a ring): every model is once first and once second.
    for (let i = 0; i < runnable.length; i++) {
      const a = runnable[i], b = runnable[(i + 1) % runnable.length];
      const auto = await engineFor(variant);
      const [ga, gb] = together(auto, a.s, b.s);
      assert.deepEqual(ga, a.want, `${a.s.name} differs when interleaved with ${b.s.name}`);
      assert.deepEqual(gb, b.want, `${b.s.name} differs when interleaved with ${a.s.name}`);
      if (i % 4 === 0) {
        // A fixed arena holding both (plans overlap: the larger one plus both persistent areas).
        const fixed = await engineFor(variant, a.arena + b.arena);
        const [fa, fb] = together(fixed, a.s, b.s);
        assert.deepEqual(fa, a.want, `${a.s.name} differs (fixed arena) when interleaved with ${b.s.name}`);
        assert.deepEqual(fb, b.want, `${b.s.name} differs (fixed arena) when interleaved with ${a.s.name}`);
      }
    }
  });
}
