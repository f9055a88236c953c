#!/usr/bin/env node
// Soak: `npm run soak [-- --invokes N --cycles N --variant scalar|simd|both]`.
// Invokes a small model N times (default 1,000,000) cycling through a few inputs, checking that
// every output equals the first pass's and that linear memory and the arena figures never change;
// then loads, runs and disposes models many times (default 10,000), checking that memory stops
// growing after the first cycle (the engine's block allocator reuses freed model buffers and arenas).

import { Microlite, Model } from '../bindings/index.js';
import { buildSineModel } from '../tests/builder/example_model.js';
import { ModelBuilder } from '../tests/builder/tflite_builder.js';
import { options } from '../tests/builder/options.js';

function parse(argv: string[]) {
  const o = { invokes: 1_000_000, cycles: 10_000, variants: ['scalar', 'simd'] as Array<'scalar' | 'simd'> };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--invokes') { o.invokes = Number(v); i++; }
    else if (argv[i] === '--cycles') { o.cycles = Number(v); i++; }
    else if (argv[i] === '--variant') { o.variants = v === 'both' ? ['scalar', 'simd'] : [v as 'scalar' | 'simd']; i++; }
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

/** A stateful second model (a variable accumulator), loaded and disposed in the cycle phase. */
function accumulatorModel(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'float32', shape: [16] });
  const v = m.tensor({ dtype: 'float32', shape: [16], isVariable: true });
  const y = m.tensor({ dtype: 'float32', shape: [16] });
  m.op('ADD', [x, v], [y], options.add());
  m.inputs(x).outputs(y);
  return m.finish();
}

const INPUTS = [-128, -64, -1, 0, 1, 37, 90, 127].map((q) => new Int8Array([q]));

function out(model: Model): number { return (model.outputs[0].data as Int8Array)[0]; }

async function soakInvokes(variant: 'scalar' | 'simd', invokes: number): Promise<string> {
  const engine = await Microlite.create({ variant });
  const model = engine.load(buildSineModel());
  const want = INPUTS.map((x) => { model.inputs[0].set(x); model.invoke(); return out(model); });
  const memory = engine.memoryBytes;
  const arena = JSON.stringify(engine.arena);
  const input = model.inputs[0].data as Int8Array;
  const output = model.outputs[0].data as Int8Array;
  const t0 = performance.now();
  for (let i = 0; i < invokes; i++) {
    const k = i % INPUTS.length;
    input[0] = INPUTS[k][0];
    model.invoke();
    if (output[0] !== want[k]) throw new Error(`${variant}: invoke ${i}: output ${output[0]}, expected ${want[k]}`);
    if ((i & 0xffff) === 0 && engine.memoryBytes !== memory) throw new Error(`${variant}: linear memory grew from ${memory} to ${engine.memoryBytes} bytes by invoke ${i}`);
    if (i % 100_000 === 99_999) model.reset();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (engine.memoryBytes !== memory) throw new Error(`${variant}: linear memory grew from ${memory} to ${engine.memoryBytes} bytes`);
  if (JSON.stringify(engine.arena) !== arena) throw new Error(`${variant}: arena figures changed: ${arena} -> ${JSON.stringify(engine.arena)}`);
  return `${variant}: ${invokes.toLocaleString('en-US')} invokes in ${seconds.toFixed(1)} s (${(seconds * 1e6 / invokes).toFixed(2)} µs each): ` +
    `outputs identical, linear memory ${memory.toLocaleString('en-US')} bytes throughout, arena unchanged`;
}

async function soakCycles(variant: 'scalar' | 'simd', cycles: number): Promise<string> {
  const engine = await Microlite.create({ variant });
  const sine = buildSineModel();
  const acc = accumulatorModel();
  let memoryAfterFirst = 0;
  let wantSine = 0;
  const t0 = performance.now();
  for (let i = 0; i < cycles; i++) {
    const a = engine.load(sine);
    const b = engine.load(acc);
    a.inputs[0].set(INPUTS[5]);
    a.invoke();
    b.inputs[0].set(new Float32Array(16).fill(1));
    b.invoke();
    b.invoke();
    if ((b.outputs[0].data as Float32Array)[3] !== 1) throw new Error(`${variant}: cycle ${i}: accumulator gave ${(b.outputs[0].data as Float32Array)[3]}`);
    if (i === 0) wantSine = out(a);
    else if (out(a) !== wantSine) throw new Error(`${variant}: cycle ${i}: output ${out(a)}, expected ${wantSine}`);
    // Dispose in either order (the persistent area is reclaimed in both).
    if (i % 2) { a.dispose(); b.dispose(); } else { b.dispose(); a.dispose(); }
    if (i === 0) memoryAfterFirst = engine.memoryBytes;
    else if (engine.memoryBytes !== memoryAfterFirst) throw new Error(`${variant}: linear memory grew from ${memoryAfterFirst} to ${engine.memoryBytes} bytes by cycle ${i}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  return `${variant}: ${cycles.toLocaleString('en-US')} load/invoke/dispose cycles of two models in ${seconds.toFixed(1)} s: ` +
    `outputs identical, linear memory ${memoryAfterFirst.toLocaleString('en-US')} bytes after the first cycle and after the last`;
}

const o = parse(process.argv.slice(2));
let failed = false;
for (const variant of o.variants) {
  for (const run of [() => soakInvokes(variant, o.invokes), () => soakCycles(variant, o.cycles)]) {
    try {
      console.log(`soak ${await run()}`);
    } catch (err) {
      failed = true;
      console.error(`soak FAILED: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
process.exitCode = failed ? 1 : 0;
