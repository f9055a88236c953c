// Runs fuzz cases in worker threads with a watchdog: a case that does not finish within its
// deadline is a failure (time-out); its worker is terminated and a new one goes on from the
// next case. A worker that dies (crash, out of memory) fails its current case the same way.

import { Worker } from 'node:worker_threads';
import { builderSeeds, conformanceSeeds, fileSeeds, Seed } from './seeds.js';
import type { CaseResult, Variant } from './harness.js';
import type { WorkerJob } from './worker.js';

export interface SeedConfig {
  /** Include the builder seeds. */
  builder: boolean;
  /** Include conformance models up to this many bytes (null: none). */
  conformanceMaxBytes: number | null;
  /** Model files. */
  models: string[];
}

export function loadSeeds(c: SeedConfig): Seed[] {
  return [
    ...(c.builder ? builderSeeds() : []),
    ...(c.conformanceMaxBytes !== null ? conformanceSeeds(c.conformanceMaxBytes) : []),
    ...fileSeeds(c.models),
  ];
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** First case index (cases start .. start + cases - 1). */
  start?: number;
  variant: Variant | 'alternate';
  seeds: SeedConfig;
  jobs?: number;
  timeoutMs?: number;
  onResult?: (r: CaseResult, bytes: Uint8Array | null) => void;
}

export interface FuzzSummary {
  cases: number;
  failures: Array<CaseResult & { bytes: Uint8Array | null }>;
  refused: number;
  loaded: number;
  invoked: number;
  seconds: number;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const t0 = performance.now();
  const start = o.start ?? 0;
  const end = start + o.cases;
  const jobs = Math.max(1, o.jobs ?? 1);
  const timeoutMs = o.timeoutMs ?? 20000;
  const summary: FuzzSummary = { cases: 0, failures: [], refused: 0, loaded: 0, invoked: 0, seconds: 0 };
  const record = (r: CaseResult, bytes: Uint8Array | null) => {
    summary.cases++;
    if (r.outcome === 'failure') summary.failures.push({ ...r, bytes });
    else summary[r.outcome]++;
    o.onResult?.(r, bytes);
  };

  const runJob = (first: number) => new Promise<void>((done, fail) => {
    const launch = (from: number) => {
      if (from >= end) { done(); return; }
      const job: WorkerJob = { seed: o.seed, start: from, end, step: jobs, variant: o.variant, seeds: o.seeds };
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: job });
      let current = -1; // the running case; -1 before the first, -2 between cases
      let lastIndex = from - jobs;
      let timer: NodeJS.Timeout | null = null;
      let finished = false;
      const lost = (why: string) => {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        if (current === -1) { fail(new Error(`fuzz worker failed before its first case: ${why}`)); return; }
        void worker.terminate();
        if (current === -2) { launch(lastIndex + jobs); return; } // died between cases
        const variant: Variant = o.variant === 'alternate' ? (current % 2 ? 'simd' : 'scalar') : o.variant;
        record({ index: current, seed: '?', variant, steps: [], outcome: 'failure', message: why }, null);
        launch(current + jobs);
      };
      worker.on('message', (m: { t: string; index?: number; result?: CaseResult; bytes?: Uint8Array | null }) => {
        if (m.t === 'start') {
          current = lastIndex = m.index!;
          timer = setTimeout(() => lost(`time-out: the case ran longer than ${timeoutMs} ms`), timeoutMs);
        } else if (m.t === 'done') {
          if (timer) clearTimeout(timer);
          timer = null;
          record(m.result!, m.bytes ?? null);
          current = -2;
        } else if (m.t === 'end') {
          finished = true;
          void worker.terminate();
          done();
        }
      });
      worker.on('error', (err) => lost(`worker died: ${err.message}`));
      worker.on('exit', (code) => { if (!finished) lost(`worker exited with code ${code}`); });
    };
    launch(first);
  });

  await Promise.all(Array.from({ length: Math.min(jobs, o.cases) }, (_, j) => runJob(start + j)));
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}
