// One fuzz case: mutate a seed, load it into a fresh engine, and when it loads, invoke it with
// random inputs a few times (and again after reset), checking after each invoke that nothing
// outside the model's live arena ranges changed and that the model bytes are intact. Then the
// same engine must still load and run a known model. Success or a MicroliteError with a
// message are fine; a trap, any other exception, a guard violation or a broken engine fail.

import { Microlite, MicroliteError, Model } from '../../bindings/index.js';
import { ModelBuilder } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { Rng } from './rng.js';
import { mapModel, ModelMap } from './walk.js';
import { mutate } from './mutate.js';
import { arenaLayout, fillGaps, checkGaps, modelBytes, checkModelBytes, describeAddress } from './guards.js';
import type { Seed } from './seeds.js';

export type Variant = 'scalar' | 'simd';

export interface CaseResult {
  index: number;
  seed: string;
  variant: Variant;
  steps: string[];
  /** loaded: the mutated model loaded; invoked: at least one invoke succeeded. */
  outcome: 'refused' | 'loaded' | 'invoked' | 'failure';
  /** The engine's message (refusals) or what went wrong (failures). */
  message: string;
}

export interface PreparedSeed extends Seed { map: ModelMap; weight: number; }

export function prepareSeeds(seeds: Seed[]): PreparedSeed[] {
  // Big models cost more per case: they are drawn less often.
  return seeds.map((s) => ({ ...s, map: mapModel(s.bytes), weight: s.bytes.length > 100_000 ? 0.15 : s.bytes.length > 30_000 ? 0.5 : 1 }));
}

/** The sentinel: a tiny model whose output the engine must still give after any case. */
function sentinelModel(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'int8', shape: [1, 4], scale: 0.1, zeroPoint: 0 });
  const w = m.constant({ dtype: 'int8', shape: [3, 4], data: [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12], scale: 0.05, zeroPoint: 0 });
  const y = m.tensor({ dtype: 'int8', shape: [1, 3], scale: 0.02, zeroPoint: 3 });
  m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  return m.finish();
}
const SENTINEL = sentinelModel();
const SENTINEL_INPUT = new Int8Array([10, -20, 30, 40]);
const sentinelWant = new Map<WebAssembly.Module, number[]>();

function runSentinel(engine: Microlite): number[] {
  const model = engine.load(SENTINEL);
  model.inputs[0].set(SENTINEL_INPUT);
  model.invoke();
  const out = Array.from(model.outputs[0].data as Int8Array);
  model.dispose();
  return out;
}

/** Fills every input with random bytes, or with ordinary values of its dtype (huge inputs: a tiled block). */
export function randomInputs(model: Model, r: Rng): void {
  const BLOCK = 4096;
  for (const t of model.inputs) {
    const data = t.data;
    if (t.bytes === 0 || data.byteLength === 0) continue;
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const head = Math.min(raw.length, BLOCK);
    if (r.chance(0.4) || !(data instanceof Float32Array)) raw.set(r.bytes(head));
    else {
      const specials = [NaN, Infinity, -Infinity, 0, -0, 1e30, -1e30, 1e-40];
      for (let i = 0; i < head >> 2; i++) data[i] = r.chance(0.02) ? r.pick(specials) : (r.float() * 2 - 1) * r.pick([1, 4, 100]);
    }
    for (let filled = head; filled < raw.length; filled *= 2) raw.copyWithin(filled, 0, Math.min(filled, raw.length - filled));
  }
}

function isEngineMessage(err: unknown): err is MicroliteError {
  return err instanceof MicroliteError && err.message.length > 0 && !err.message.startsWith('internal engine error');
}

function describe(err: unknown): string {
  if (err instanceof WebAssembly.RuntimeError) return `wasm trap: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `non-error thrown: ${String(err)}`;
}

/** Builds case `index` of run `seed`: which seed model, which mutations, which variant. */
export function buildCase(seeds: PreparedSeed[], seed: number, index: number, variant: Variant | 'alternate'): { r: Rng; base: PreparedSeed; bytes: Uint8Array; steps: string[]; variant: Variant } {
  const r = new Rng(seed, index);
  const total = seeds.reduce((s, x) => s + x.weight, 0);
  let pick = r.float() * total;
  let base = seeds[seeds.length - 1];
  for (const s of seeds) { pick -= s.weight; if (pick < 0) { base = s; break; } }
  const v: Variant = variant === 'alternate' ? (index % 2 ? 'simd' : 'scalar') : variant;
  if (r.chance(0.03)) return { r, base, bytes: base.bytes, steps: ['unmutated'], variant: v };
  const m = mutate(base.bytes, base.map, r);
  return { r, base, bytes: m.bytes, steps: m.steps, variant: v };
}

/** Runs one case on a fresh instance of `module`. */
export async function runCase(module: WebAssembly.Module, seeds: PreparedSeed[], seed: number, index: number, variant: Variant | 'alternate'): Promise<CaseResult & { bytes: Uint8Array }> {
  const c = buildCase(seeds, seed, index, variant);
  const result = (outcome: CaseResult['outcome'], message: string) => ({ index, seed: c.base.name, variant: c.variant, steps: c.steps, outcome, message, bytes: c.bytes });
  // Half the cases run in a fixed arena (room to spare: writes past the plan hit guarded
  // gaps; too small: the refusal path), half in an automatically sized one.
  const arenaBytes = c.r.chance(0.5) ? c.r.pick([4096, 65536, 262144, 1 << 20, 4 << 20]) : undefined;
  const engine = await Microlite.create({ wasm: module, arenaBytes });
  // Half the cases share the engine with a model loaded first: the hostile one must leave it
  // intact (its persistent data, and its reload when an automatic arena grows).
  let neighbour: Model | null = null;
  if (c.r.chance(0.5)) {
    try { neighbour = engine.load(SENTINEL); } catch (err) { if (!isEngineMessage(err)) return result('failure', `neighbour load: ${describe(err)}`); }
  }
  let model: Model;
  try {
    model = engine.load(c.bytes);
  } catch (err) {
    if (!isEngineMessage(err)) return result('failure', `load: ${describe(err)}`);
    return afterCase(engine, module, result('refused', err.message), neighbour);
  }
  let outcome: CaseResult['outcome'] = 'loaded';
  let message = '';
  try {
    // The host-side views of a hostile model must work too.
    void model.tensors; void model.ops; void model.arena;
    const snapshot = modelBytes(engine, model);
    // A mutated shape can make a legitimately huge model (hundreds of MB, billions of
    // operations): it loads, but invoking it would only measure this machine's speed.
    const invokes = model.arena.planned > 16 << 20 ? -1 : c.r.range(1, 3);
    for (let k = 0; k <= invokes; k++) {
      if (k === invokes) model.reset();
      randomInputs(model, c.r);
      const layout = arenaLayout(engine, model);
      const mem = new Uint8Array(engine.abi.exports.memory.buffer);
      const salt = c.r.int(256);
      fillGaps(mem, layout, salt);
      try {
        // Sometimes op by op (ml_invoke_op, as profilers call it) instead of one invoke.
        if (c.r.chance(0.15)) model.profile(1); else model.invoke();
        outcome = 'invoked';
      } catch (err) {
        if (!isEngineMessage(err)) return result('failure', `invoke ${k}: ${describe(err)}`);
        message = err.message;
      }
      const bad = checkGaps(new Uint8Array(engine.abi.exports.memory.buffer), layout, salt);
      if (bad >= 0) return result('failure', `invoke ${k} wrote outside the live arena ranges at ${describeAddress(layout, bad)}`);
      const changed = checkModelBytes(engine, snapshot);
      if (changed >= 0) return result('failure', `invoke ${k} changed the model bytes at offset ${changed}`);
    }
    model.dispose();
  } catch (err) {
    if (!isEngineMessage(err)) return result('failure', `after load: ${describe(err)}`);
    message = err.message;
  }
  return afterCase(engine, module, result(outcome, message), neighbour);
}

/** The engine must still load and run the sentinel model, with the output a fresh engine gives. */
async function afterCase<T extends CaseResult>(engine: Microlite, module: WebAssembly.Module, r: T, neighbour: Model | null): Promise<T> {
  try {
    let want = sentinelWant.get(module);
    if (!want) { want = runSentinel(await Microlite.create({ wasm: module })); sentinelWant.set(module, want); }
    if (neighbour) {
      neighbour.inputs[0].set(SENTINEL_INPUT);
      neighbour.invoke();
      const seen = Array.from(neighbour.outputs[0].data as Int8Array);
      if (seen.join(',') !== want.join(',')) return { ...r, outcome: 'failure', message: `the model loaded before gives a wrong result after the case: ${seen} vs ${want} (${r.message})` };
      neighbour.dispose();
    }
    const got = runSentinel(engine);
    if (got.join(',') !== want.join(',')) return { ...r, outcome: 'failure', message: `engine gives a wrong result after the case: ${got} vs ${want} (${r.message})` };
  } catch (err) {
    return { ...r, outcome: 'failure', message: `engine unusable after the case: ${describe(err)} (${r.outcome}: ${r.message})` };
  }
  return r;
}
