// The model explorer page: load a .tflite (drop, file picker, built-in example or a
// conformance model), show its ops, tensors and arena plan, run it on random or uploaded
// input with both kernel sets, and draw per-op times for scalar vs SIMD.

import { Microlite, Model, MicroliteError, TensorInfo, OpInfo, dequantize, simdSupported } from '../index.js';
import { modelPlan, planExports, PERSISTENT_KINDS, PlannedBuffer } from '../inspect.js';
import { h, fill, int, bytes } from './dom.js';
import { planChart, PersistentPart } from './charts.js';
import { opsTable, tensorsTable, OpTimes } from './tables.js';

const PERSISTENT_LABELS: Record<string, string> = {
  metadata: 'metadata', op_data: 'op data', kernel_data: 'kernel data', scratch_records: 'scratch records', variables: 'variables',
};

interface Run { variant: 'scalar' | 'simd'; engine: Microlite; model: Model; loadMs: number; }
interface Loaded {
  name: string; size: number; runs: Run[]; ops: OpInfo[]; tensors: TensorInfo[];
  /** Every subgraph's planned buffers, in the planner's scopes (scopes[c]: what scope c is). */
  plan: PlannedBuffer[]; scopes: string[];
  persistent: PersistentPart[]; tflmArena: number | null; times: OpTimes;
}

let current: Loaded | null = null;
let busy = Promise.resolve();

let finished = 0;

/** The page's state, for people (the status line) and for tests (body data-state, data-finished counts). */
function setState(state: 'idle' | 'loading' | 'ready' | 'error', message: string): void {
  document.body.dataset.state = state;
  if (state === 'ready' || state === 'error') document.body.dataset.finished = String(++finished);
  fill('status', message).className = `status ${state}`;
}

/** Runs `task` after the previous one, reporting errors on the page. */
function queue(task: () => Promise<void>): Promise<void> {
  busy = busy.then(task).catch((err: unknown) => {
    setState('error', err instanceof MicroliteError ? err.message : `unexpected error: ${(err as Error).message ?? String(err)}`);
    if (!(err instanceof MicroliteError)) console.error(err);
  });
  return busy;
}

const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

async function load(name: string, data: Uint8Array, tflmArena: number | null = null): Promise<void> {
  setState('loading', `Loading ${name}…`);
  await nextFrame();
  current?.runs.forEach((r) => r.model.dispose());
  current = null;
  const variants: Array<'scalar' | 'simd'> = simdSupported() ? ['scalar', 'simd'] : ['scalar'];
  const runs: Run[] = [];
  let persistent: PersistentPart[] = [];
  for (const variant of variants) {
    const engine = await Microlite.create({ variant });
    const t0 = performance.now();
    const model = engine.load(data);
    runs.push({ variant, engine, model, loadMs: performance.now() - t0 });
    const e = planExports(engine);
    persistent = PERSISTENT_KINDS.map((k, i) => ({ label: PERSISTENT_LABELS[k], bytes: e.ml_persistent_bytes(i) }));
  }
  const main = runs[runs.length - 1];
  const ops = main.model.ops;
  const tensors = main.model.tensors;
  const { plan, scopes } = modelPlan(main.engine, main.model);
  current = { name, size: data.length, runs, ops, tensors, plan, scopes, persistent, tflmArena, times: {} };
  renderModel(current);
  randomInputs(current);
  await infer(current, 'random input');
}

/** Deterministic pseudo-random bytes (the same input for both kernel sets and every reload). */
function randomInputs(m: Loaded, seed = 1): void {
  let x = seed * 2654435761 >>> 0;
  const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 4294967296; };
  for (const [k, t] of m.runs[0].model.inputs.entries()) {
    // float32: uniform in [-1, 1]; integer types: uniform raw bytes (the dtype's whole range).
    const values = t.dtype === 'float32'
      ? Float32Array.from({ length: t.bytes / 4 }, () => next() * 2 - 1)
      : Uint8Array.from({ length: t.bytes }, () => Math.floor(next() * 256));
    for (const r of m.runs) r.model.inputs[k].set(values);
  }
}

function inputBytes(model: Model): Uint8Array[] {
  return model.inputs.map((t) => { const d = t.data; return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice(); });
}

/** Median ms per call of `f`: calls are timed in batches of at least 0.5 ms (coarse clocks), after a warm-up. */
function medianMs(f: () => void, budgetMs = 150): number {
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) f();
    if (performance.now() - t0 >= 0.5 || batch >= 1 << 16) break;
    batch *= 4;
  }
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (times.length < 3 || (times.length < 25 && performance.now() < end)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) f();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** Invokes both variants on the inputs set now, compares them, times invoke and each op. */
async function infer(m: Loaded, what: string): Promise<void> {
  setState('loading', `Running ${m.name} on ${what}…`);
  await nextFrame();
  const inputs = inputBytes(m.runs[0].model);
  const setInputs = (model: Model) => model.inputs.forEach((t, k) => t.set(inputs[k]));
  const outputs: Uint8Array[][] = [];
  const invokeMs: Record<string, number> = {};
  for (const r of m.runs) {
    r.model.reset();
    setInputs(r.model);
    r.model.invoke();
    outputs.push(r.model.outputs.map((t) => { const d = t.data; return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice(); }));
  }
  renderOutputs(m, outputs);
  await nextFrame();
  for (const r of m.runs) {
    invokeMs[r.variant] = medianMs(() => { setInputs(r.model); r.model.invoke(); });
    setInputs(r.model);
    m.times[r.variant] = r.model.profile(5, 300);
    r.model.reset();
    await nextFrame();
  }
  renderSummary(m, invokeMs);
  fill('ops', opsTable(m.ops, m.tensors, m.times));
  setState('ready', `${m.name}: ran on ${what}; per-op times are medians of 5 passes (ops under 300 µs timed in batches).`);
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

function renderOutputs(m: Loaded, outputs: Uint8Array[][]): void {
  const model = m.runs[m.runs.length - 1].model;
  const same = outputs.every((o) => o.every((bytesOut, i) => equalBytes(bytesOut, outputs[0][i])));
  const check = m.runs.length > 1
    ? h('p', { class: same ? 'ok' : 'bad' }, same ? '✓ scalar and SIMD outputs are identical, byte for byte' : '✗ scalar and SIMD outputs differ')
    : h('p', { class: 'muted' }, 'This browser has no WebAssembly SIMD: scalar build only.');
  fill('outputs', check, ...model.outputs.map((t) => {
    const values = t.scale > 0 || t.dtype === 'float32' ? dequantize(t) : Float32Array.from(t.data as ArrayLike<number>);
    const head = h('div', { class: 'out-head' }, h('b', {}, t.name || `output ${t.index}`), ` ${t.dtype} [${t.shape.join('×')}]`);
    if (values.length > 64 || values.length === 0) {
      let lo = Infinity, hi = -Infinity, sum = 0;
      values.forEach((v) => { lo = Math.min(lo, v); hi = Math.max(hi, v); sum += v; });
      return h('div', { class: 'output' }, head, h('p', { class: 'muted' }, `${int(values.length)} values: min ${lo.toPrecision(4)}, max ${hi.toPrecision(4)}, mean ${(sum / values.length).toPrecision(4)}`));
    }
    const lo = Math.min(0, ...values), hi = Math.max(0, ...values), span = hi - lo || 1;
    const best = values.indexOf(Math.max(...values));
    return h('div', { class: 'output' }, head, h('div', { class: 'values' }, ...Array.from(values, (v, i) =>
      h('div', { class: i === best ? 'val-row best' : 'val-row', title: `[${i}] = ${v}` },
        h('span', { class: 'vi' }, i),
        h('span', { class: 'vbar' }, h('span', { style: `left:${((Math.min(0, v) - lo) / span) * 100}%;width:${Math.max(0.5, (Math.abs(v) / span) * 100)}%` })),
        h('span', { class: 'vv' }, v.toPrecision(3))))));
  }));
}

function card(label: string, value: string, note = '', cls = ''): HTMLElement {
  return h('div', { class: `card ${cls}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), note ? h('div', { class: 'note' }, note) : null);
}

/** Several µs figures in one unit: "2.35 / 2.36 ms", "41 / 12 µs". */
function pair(us: number[]): string {
  if (Math.max(...us) >= 1000) return us.map((u) => (u / 1000).toFixed(u < 10000 ? 2 : 1)).join(' / ') + ' ms';
  return us.map((u) => (u < 10 ? u.toFixed(1) : Math.round(u))).join(' / ') + ' µs';
}

function renderSummary(m: Loaded, invokeMs: Record<string, number> = {}): void {
  const arena = m.runs[m.runs.length - 1].model.arena;
  const counts = new Map<string, number>();
  for (const o of m.ops) counts.set(o.customName ?? o.op, (counts.get(o.customName ?? o.op) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
  const sc = invokeMs.scalar, si = invokeMs.simd;
  fill('summary',
    card('model', m.name.replace(/\.tflite$/, ''), `${bytes(m.size)}`, 'model'),
    card('ops', int(m.ops.length), `${counts.size} kind${counts.size === 1 ? '' : 's'}; most: ${top[0]} ×${top[1]}`),
    card('tensors', int(m.tensors.length), `${m.plan.filter((b) => b.tensor >= 0).length} planned, ${m.tensors.filter((t) => t.kind === 'constant').length} constant`),
    card('arena', `${int(arena.total)} B`, `${int(arena.planned)} planned + ${int(arena.persistent)} persistent${m.tflmArena ? ` · TFLM ${int(m.tflmArena)} B` : ''}`),
    card('load', m.runs.map((r) => r.loadMs.toFixed(1)).join(' / ') + ' ms', m.runs.map((r) => r.variant).join(' / ')),
    card('invoke', sc === undefined ? '…' : pair(m.runs.map((r) => invokeMs[r.variant] * 1000)),
      si !== undefined && sc !== undefined && si > 0 ? `scalar / SIMD · ${(sc / si).toFixed(2)}× with SIMD` : 'median of repeated invokes'));
}

function renderModel(m: Loaded): void {
  renderSummary(m);
  const planned = m.runs[m.runs.length - 1].model.arena.planned;
  fill('plan', planChart(m.plan, m.scopes, planned, m.persistent));
  fill('plan-note', `${m.plan.length} buffers in ${int(planned)} bytes (${m.runs[m.runs.length - 1].variant} build). Hover a rectangle for the tensor, its bytes and lifetime; hatched rectangles are kernel scratch buffers, dashed outlines share an input's buffer in place.`);
  fill('ops', opsTable(m.ops, m.tensors, m.times));
  fill('tensors', tensorsTable(m.tensors, m.plan.filter((b) => b.subgraph === 0), m.scopes.length > m.ops.length + 1));
  document.getElementById('run-panel')!.hidden = false;
  for (const id of ['plan-panel', 'ops-panel', 'tensors-panel']) document.getElementById(id)!.hidden = false;
}

async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

function loadFile(file: File): void {
  void queue(async () => load(file.name, await fileBytes(file)));
}

async function fetchBytes(url: string | URL): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new MicroliteError(`cannot fetch ${String(url)}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

interface IndexEntry { name: string; model: string; supported_by_tflm: boolean; tflm_arena_used_bytes_wasm32: number | null; }

async function listConformance(): Promise<void> {
  const res = await fetch('/conformance/INDEX.json').catch(() => null);
  if (!res || !res.ok) return;
  const index = (await res.json()) as IndexEntry[];
  const select = document.getElementById('conformance') as HTMLSelectElement;
  for (const e of index.filter((x) => x.supported_by_tflm)) select.append(h('option', { value: e.name }, e.name));
  select.hidden = false;
  select.addEventListener('change', () => {
    const entry = index.find((x) => x.name === select.value);
    if (entry) void queue(async () => load(`${entry.name}.tflite`, await fetchBytes(`/conformance/${entry.model}`), entry.tflm_arena_used_bytes_wasm32));
  });
}

function wire(): void {
  const file = document.getElementById('file') as HTMLInputElement;
  file.addEventListener('change', () => { if (file.files?.[0]) loadFile(file.files[0]); file.value = ''; });
  document.getElementById('example')!.addEventListener('click', () => {
    void queue(async () => load('example.tflite', await fetchBytes(new URL('../../../build/example.tflite', import.meta.url))));
  });
  document.getElementById('random')!.addEventListener('click', () => {
    const m = current;
    if (m) void queue(async () => { randomInputs(m, Math.floor(Math.random() * 1e9)); await infer(m, 'random input'); });
  });
  const input = document.getElementById('input-file') as HTMLInputElement;
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    const m = current;
    input.value = '';
    if (!f || !m) return;
    void queue(async () => {
      const data = await fileBytes(f);
      const need = m.runs[0].model.inputs.reduce((a, t) => a + t.bytes, 0);
      if (data.length !== need) throw new MicroliteError(`${f.name} holds ${int(data.length)} bytes; the model's inputs take ${int(need)} bytes (raw little-endian, in input order)`);
      for (const r of m.runs) {
        let at = 0;
        for (const t of r.model.inputs) { t.set(data.subarray(at, at + t.bytes)); at += t.bytes; }
      }
      await infer(m, f.name);
    });
  });
  const drop = document.getElementById('drop')!;
  window.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  window.addEventListener('dragleave', (ev) => { if (ev.relatedTarget === null) drop.classList.remove('over'); });
  window.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const f = ev.dataTransfer?.files?.[0];
    if (f) loadFile(f);
  });
  setState('idle', 'Drop a .tflite model anywhere on the page, choose a file, or try the built-in example.');
  void listConformance();
}

wire();
