// npm run fuzz -- [--cases N] [--seed S] [--model PATH...] [--variant scalar|simd|alternate]
//                 [--jobs N] [--timeout MS] [--start I] [--case I] [--no-builder]
//                 [--conformance-max BYTES | --no-conformance] [--out DIR]
// Mutates seed models (builder models for every op, conformance models when present, or the
// given files) and runs each case with a watchdog. Prints each failure with the command that
// replays it, writes the failing model to --out, and exits 1 when any case failed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fuzz, loadSeeds, SeedConfig } from './pool.js';
import { prepareSeeds, runCase, buildCase, CaseResult, Variant } from './harness.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../helpers.js';

function parse(argv: string[]) {
  const o = { cases: 100_000, seed: 1, start: 0, models: [] as string[], variant: 'alternate' as Variant | 'alternate', jobs: 1,
    timeout: 20_000, replay: -1, builder: true, conformanceMax: 400_000 as number | null, out: join(tmpdir(), 'microlite-fuzz') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    const int = () => { const v = Number(next()); if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a non-negative integer`); return v; };
    switch (a) {
      case '--cases': o.cases = int(); break;
      case '--seed': o.seed = int(); break;
      case '--start': o.start = int(); break;
      case '--case': o.replay = int(); break;
      case '--jobs': o.jobs = Math.max(1, int()); break;
      case '--timeout': o.timeout = int(); break;
      case '--variant': { const v = next(); if (v !== 'scalar' && v !== 'simd' && v !== 'alternate') throw new Error('--variant: scalar, simd or alternate'); o.variant = v; break; }
      case '--model': while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) o.models.push(argv[++i]); break;
      case '--no-builder': o.builder = false; break;
      case '--no-conformance': o.conformanceMax = null; break;
      case '--conformance-max': o.conformanceMax = int(); break;
      case '--out': o.out = next(); break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  // Explicit models replace the default seeds.
  if (o.models.length) { o.builder = false; o.conformanceMax = null; }
  return o;
}

function replayCommand(o: ReturnType<typeof parse>, r: CaseResult): string {
  const models = o.models.length ? ` --model ${o.models.join(' ')}` : '';
  const seeds = o.models.length ? '' : `${o.builder ? '' : ' --no-builder'}${o.conformanceMax === null ? ' --no-conformance' : o.conformanceMax !== 400_000 ? ` --conformance-max ${o.conformanceMax}` : ''}`;
  return `npm run fuzz -- --seed ${o.seed} --case ${r.index} --variant ${r.variant}${models}${seeds}`;
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  const seedConfig: SeedConfig = { builder: o.builder, conformanceMaxBytes: o.conformanceMax, models: o.models };
  if (o.replay >= 0) {
    // One case, in this process, with its details and its bytes written out.
    const seeds = prepareSeeds(loadSeeds(seedConfig));
    const c = buildCase(seeds, o.seed, o.replay, o.variant);
    const wasm = resolve(repoRoot, c.variant === 'simd' ? 'build/microlite.simd.wasm' : 'build/microlite.wasm');
    const r = await runCase(new WebAssembly.Module(readFileSync(wasm)), seeds, o.seed, o.replay, o.variant);
    mkdirSync(o.out, { recursive: true });
    const file = join(o.out, `seed${o.seed}-case${o.replay}.tflite`);
    writeFileSync(file, r.bytes);
    console.log(`case ${r.index}: seed model ${r.seed}, ${r.variant}, mutations: ${r.steps.join('; ')}`);
    console.log(`outcome: ${r.outcome}${r.message ? `: ${r.message}` : ''}`);
    console.log(`model written to ${file}`);
    return r.outcome === 'failure' ? 1 : 0;
  }
  const seeds = loadSeeds(seedConfig);
  console.log(`fuzz: ${o.cases.toLocaleString('en-US')} cases from case ${o.start}, seed ${o.seed}, ${seeds.length} seed models, ${o.variant} build(s), ${o.jobs} job(s), time-out ${o.timeout} ms`);
  let last = performance.now();
  let failures = 0;
  const t0 = performance.now();
  let done = 0;
  const summary = await fuzz({
    cases: o.cases, seed: o.seed, start: o.start, variant: o.variant, seeds: seedConfig, jobs: o.jobs, timeoutMs: o.timeout,
    onResult: (r, bytes) => {
      done++;
      if (r.outcome === 'failure') {
        failures++;
        let where = '';
        if (bytes) {
          mkdirSync(o.out, { recursive: true });
          where = join(o.out, `seed${o.seed}-case${r.index}.tflite`);
          writeFileSync(where, bytes);
        }
        console.log(`FAIL case ${r.index} (${r.seed}, ${r.variant}; ${r.steps.join('; ')}): ${r.message}`);
        console.log(`  replay: ${replayCommand(o, r)}${where ? `  (model: ${where})` : ''}`);
      }
      const now = performance.now();
      if (now - last > 10_000) {
        last = now;
        console.log(`  ${done.toLocaleString('en-US')} / ${o.cases.toLocaleString('en-US')} cases, ${failures} failures, ${(done / ((now - t0) / 1000)).toFixed(0)} cases/s`);
      }
    },
  });
  console.log(`fuzz: ${summary.cases.toLocaleString('en-US')} cases in ${summary.seconds.toFixed(1)} s: ${summary.failures.length} failures; ` +
    `${summary.refused.toLocaleString('en-US')} refused at load, ${summary.loaded.toLocaleString('en-US')} loaded but refused at invoke, ${summary.invoked.toLocaleString('en-US')} loaded and invoked`);
  return summary.failures.length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 2; });
