// A fuzz worker thread: runs a range of cases and reports each one's start and result, so the
// parent can kill it when a case outlives its deadline (a hang) and go on from the next case.

import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../helpers.js';
import { prepareSeeds, runCase, Variant } from './harness.js';
import { loadSeeds, SeedConfig } from './pool.js';

export interface WorkerJob {
  seed: number;
  /** Case indices start, start + step, ... below end. */
  start: number;
  end: number;
  step: number;
  variant: Variant | 'alternate';
  seeds: SeedConfig;
}

const job = workerData as WorkerJob;
const seeds = prepareSeeds(loadSeeds(job.seeds));
const modules: Record<Variant, WebAssembly.Module> = {
  scalar: new WebAssembly.Module(readFileSync(resolve(repoRoot, 'build/microlite.wasm'))),
  simd: new WebAssembly.Module(readFileSync(resolve(repoRoot, 'build/microlite.simd.wasm'))),
};

for (let i = job.start; i < job.end; i += job.step) {
  parentPort!.postMessage({ t: 'start', index: i });
  const variant: Variant = job.variant === 'alternate' ? (i % 2 ? 'simd' : 'scalar') : job.variant;
  const r = await runCase(modules[variant], seeds, job.seed, i, job.variant);
  const { bytes, ...rest } = r;
  parentPort!.postMessage({ t: 'done', result: rest, bytes: r.outcome === 'failure' ? bytes : null });
}
parentPort!.postMessage({ t: 'end' });
