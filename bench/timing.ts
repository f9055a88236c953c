// Timing: runners (one engine build or peer with a loaded model) measured interleaved in rounds,
// so that a slow patch of a shared machine hits every variant alike and ratios hold.

/** One variant with a model loaded: set the input, run, read the outputs. */
export interface Runner {
  /** Short name, e.g. "scalar", "tfjs-tflite-simd". */
  readonly name: string;
  /** Copies the raw bytes of every input tensor, in input order. */
  setInput(bytes: Uint8Array): void;
  /** One inference. */
  invoke(): void;
  /** A copy of each output tensor's bytes. */
  outputs(): Uint8Array[];
}

export interface Timing {
  /** Invokes timed together per sample (1 unless one invoke is under BATCH_BELOW_MS). */
  batch: number;
  /** Per-invoke milliseconds of each timed sample, in run order. */
  samples: number[];
  median_ms: number;
  p90_ms: number;
  min_ms: number;
  mean_ms: number;
}

/** Invokes faster than this are timed in batches (the clock and call overhead would dominate). */
export const BATCH_BELOW_MS = 0.05;
/** A batch lasts about this long. */
const BATCH_TARGET_MS = 0.2;

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples: number[], batch: number): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    batch, samples,
    median_ms: quantile(sorted, 0.5),
    p90_ms: quantile(sorted, 0.9),
    min_ms: sorted[0] ?? NaN,
    mean_ms: samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length),
  };
}

function timeBatch(r: Runner, input: Uint8Array, batch: number): number {
  // The input is set outside the timed region: the planner may reuse the input tensor's memory.
  r.setInput(input);
  const t0 = performance.now();
  for (let k = 0; k < batch; k++) r.invoke();
  return (performance.now() - t0) / batch;
}

export interface RoundOptions {
  warmup: number;
  runs: number;
  /** Called after each round with (round, total) for progress display. */
  onRound?: (phase: 'warmup' | 'timed', round: number, total: number) => void;
}

/**
 * Warms every runner up, picks each one's batch size, then times `runs` samples per runner in
 * rounds; each round visits the runners in a rotated order so none is always first.
 */
export function timeInterleaved(runners: Runner[], input: Uint8Array, opts: RoundOptions): Timing[] {
  const warm: number[][] = runners.map(() => []);
  for (let w = 0; w < opts.warmup; w++) {
    runners.forEach((r, i) => warm[i].push(timeBatch(r, input, 1)));
    opts.onRound?.('warmup', w + 1, opts.warmup);
  }
  const batches = runners.map((r, i) => {
    const recent = warm[i].slice(-Math.max(3, warm[i].length >> 1)).sort((a, b) => a - b);
    const t = recent.length ? quantile(recent, 0.5) : timeBatch(r, input, 1);
    return t < BATCH_BELOW_MS ? Math.min(10000, Math.ceil(BATCH_TARGET_MS / Math.max(t, 1e-4))) : 1;
  });
  // A batched runner gets one extra batch of warm-up at its batch size.
  runners.forEach((r, i) => { if (batches[i] > 1) timeBatch(r, input, batches[i]); });
  const samples: number[][] = runners.map(() => []);
  for (let round = 0; round < opts.runs; round++) {
    for (let k = 0; k < runners.length; k++) {
      const i = (k + round) % runners.length;
      samples[i].push(timeBatch(runners[i], input, batches[i]));
    }
    opts.onRound?.('timed', round + 1, opts.runs);
  }
  return samples.map((s, i) => summarize(s, batches[i]));
}
