// Runs in the browser (a page or a module worker): conformance cases through the public API,
// fetched from the test server's /conformance/ mount, compared byte for byte with TFLM's goldens.
// No DOM use: the same module runs in a worker.

import { Microlite, MicroliteError, Model, Variant } from '../../bindings/index.js';

/** What to run: one model of the conformance folder with one kernel set. */
export interface CaseSpec {
  variant: Variant;
  name: string;
  /** Run with this compiled engine (e.g. posted from the page to a worker). */
  module?: WebAssembly.Module;
}

/** The outcome of one case: `diff` is null when every output matched its golden. */
export interface CaseResult { case: string; diff: string | null; outputBytes: number; }

/** The outcome of one model: which engine ran and every case. */
export interface ModelResult { name: string; variant: string; crossOriginIsolated: boolean; inWorker: boolean; cases: CaseResult[]; }

interface IndexEntry { name: string; model: string; goldens: string; }
interface Manifest { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }>; }

const BASE = '/conformance/';

async function bytesOf(path: string): Promise<Uint8Array> {
  const res = await fetch(BASE + path);
  if (!res.ok) throw new Error(`GET ${BASE}${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function jsonOf<T>(path: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await bytesOf(path))) as T;
}

/** Where the outputs differ (integers: identical bytes; float32: 1e-5 relative), or null. */
function compare(dtype: string, got: Uint8Array, want: Uint8Array): string | null {
  if (got.length !== want.length) return `length ${got.length} vs golden ${want.length}`;
  if (dtype === 'float32') {
    const a = new Float32Array(got.slice().buffer), b = new Float32Array(want.slice().buffer);
    for (let i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= Math.max(1e-6, 1e-5 * Math.abs(b[i])))) return `element ${i}: ${a[i]} vs golden ${b[i]}`;
    }
    return null;
  }
  for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) return `byte ${i}: ${got[i]} vs golden ${want[i]}`;
  return null;
}

/** Runs one case on `model`: `steps` invokes without reset, outputs compared with the goldens. */
async function runCase(model: Model, dir: string, g: Manifest['goldens'][number]): Promise<CaseResult> {
  const input = await bytesOf(dir + g.input);
  const steps = g.steps ?? 1;
  const outs = model.outputs.map((t) => new Uint8Array(t.bytes * steps));
  model.reset();
  let at = 0;
  for (let s = 0; s < steps; s++) {
    for (const t of model.inputs) { t.set(input.subarray(at, at + t.bytes)); at += t.bytes; }
    model.invoke();
    model.outputs.forEach((t, i) => { const d = t.data; outs[i].set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), s * t.bytes); });
  }
  let diff: string | null = at === input.length ? null : `input holds ${input.length} bytes, used ${at}`;
  for (const [i, o] of g.outputs.entries()) diff ??= compare(model.outputs[i].dtype, outs[i], await bytesOf(dir + o.file));
  return { case: g.name, diff, outputBytes: outs.reduce((a, o) => a + o.length, 0) };
}

async function entry(name: string): Promise<IndexEntry> {
  const found = (await jsonOf<IndexEntry[]>('INDEX.json')).find((e) => e.name === name);
  if (!found) throw new Error(`${name} is not in the conformance INDEX.json`);
  return found;
}

/** Loads one conformance model and runs all its cases. */
export async function runCases(spec: CaseSpec): Promise<ModelResult> {
  const e = await entry(spec.name);
  const engine = await Microlite.create({ variant: spec.variant, wasm: spec.module });
  const model = engine.load(await bytesOf(e.model));
  const manifest = await jsonOf<Manifest>(`${e.goldens}/manifest.json`);
  const cases: CaseResult[] = [];
  for (const g of manifest.goldens) cases.push(await runCase(model, `${e.goldens}/`, g));
  model.dispose();
  return { name: spec.name, variant: engine.variant, crossOriginIsolated: globalThis.crossOriginIsolated === true, inWorker: typeof document === 'undefined', cases };
}

/**
 * Several models in one engine (a shared arena): the second load grows memory, the first
 * model's tensors keep working, cases alternate between the models; then the API's refusals.
 */
export async function multiTenancy(variant: Variant, names: string[]): Promise<{ results: CaseResult[]; grew: boolean; errors: string[] }> {
  const engine = await Microlite.create({ variant });
  const entries = await Promise.all(names.map(entry));
  const models: Model[] = [];
  const before = engine.memoryBytes;
  for (const e of entries) models.push(engine.load(await bytesOf(e.model)));
  const grew = engine.memoryBytes > before;
  const manifests = await Promise.all(entries.map((e) => jsonOf<Manifest>(`${e.goldens}/manifest.json`)));
  const results: CaseResult[] = [];
  for (let round = 0; round < 2; round++) {
    for (const [k, m] of models.entries()) {
      const g = manifests[k].goldens[round % manifests[k].goldens.length];
      const r = await runCase(m, `${entries[k].goldens}/`, g);
      results.push({ ...r, case: `${names[k]}/${r.case}` });
    }
  }
  const errors: string[] = [];
  const expectError = (f: () => unknown) => {
    try { f(); errors.push('no error'); } catch (err) { errors.push(err instanceof MicroliteError ? `MicroliteError: ${err.message}` : `other: ${String(err)}`); }
  };
  expectError(() => engine.load(new TextEncoder().encode('this is not a model')));
  models[0].dispose();
  expectError(() => models[0].invoke());
  expectError(() => models[1].inputs[0].set([1, 2, 3]));
  return { results, grew, errors };
}

// In a worker: answer { op, args } messages; in a page: expose the functions to the test.
const scope = globalThis as unknown as {
  document?: unknown; postMessage(v: unknown): void; addEventListener(t: string, f: (ev: MessageEvent) => void): void;
  microliteTest?: unknown;
};
if (typeof scope.document === 'undefined') {
  scope.addEventListener('message', (ev: MessageEvent) => {
    const { op, args } = ev.data as { op: 'runCases' | 'multiTenancy'; args: unknown[] };
    const f = op === 'runCases' ? () => runCases(args[0] as CaseSpec) : () => multiTenancy(args[0] as Variant, args[1] as string[]);
    f().then((result) => scope.postMessage({ result }), (err: Error) => scope.postMessage({ error: `${err.name}: ${err.message}` }));
  });
} else {
  /** Runs `op` in a fresh module worker. */
  const inWorker = (op: string, ...args: unknown[]) => new Promise((ok, fail) => {
    const worker = new Worker(new URL('./harness.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (ev: MessageEvent) => {
      worker.terminate();
      const data = ev.data as { result?: unknown; error?: string };
      if (data.error) fail(new Error(data.error)); else ok(data.result);
    });
    worker.addEventListener('error', (ev: ErrorEvent) => { worker.terminate(); fail(new Error(`worker error: ${ev.message}`)); });
    worker.postMessage({ op, args });
  });
  /** Compiles the default build of `variant` in the page, for posting to a worker. */
  const moduleOf = async (variant: Variant) => (await Microlite.create({ variant })).module;
  scope.microliteTest = { runCases, multiTenancy, inWorker, moduleOf };
}
