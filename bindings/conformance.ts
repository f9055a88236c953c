// Conformance runner: runs every model and case of a folder laid out like
// ../shared/conformance (INDEX.json + goldens/NAME/manifest.json) and compares outputs with
// the goldens (integers identical, float32 within 1e-5 relative or 1e-6 absolute).

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Microlite, MicroliteError, Model, Variant, WasmSource } from './index.js';

export interface ConformanceModelResult {
  name: string;
  cases: number;
  passed: number;
  failed: number;
  /** Cases not run because we refused a model TFLM runs. */
  refused: number;
  /** Our message when we refused the model (or why TFLM's refusal was not matched). */
  error: string | null;
  supported_by_tflm: boolean;
  arena_total: number | null;
  tflm_arena: number | null;
  failures: Array<{ case: string; output: number; byte: number; detail: string }>;
}

export interface ConformanceReport {
  variant: string;
  models: ConformanceModelResult[];
  passed: number;
  failed: number;
  unsupported: number;
}

interface IndexEntry {
  name: string; model: string; goldens: string; supported_by_tflm: boolean; tflm_error: string | null;
  tflm_arena_used_bytes_wasm32: number | null; cases: string[];
}
interface Manifest { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }>; }

/** Compares an output with its golden; returns null when they match, else where they differ. */
export function compareOutput(dtype: string, got: Uint8Array, want: Uint8Array): { byte: number; detail: string } | null {
  if (got.length !== want.length) return { byte: Math.min(got.length, want.length), detail: `length ${got.length} vs golden ${want.length}` };
  if (dtype === 'float32') {
    // Copy into fresh buffers: Node Buffers are views into a shared pool.
    const a = new Float32Array(Uint8Array.from(got).buffer);
    const b = new Float32Array(Uint8Array.from(want).buffer);
    for (let i = 0; i < a.length; i++) {
      const tol = Math.max(1e-6, 1e-5 * Math.abs(b[i]));
      if (!(Math.abs(a[i] - b[i]) <= tol) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) {
        return { byte: i * 4, detail: `element ${i}: ${a[i]} vs golden ${b[i]}` };
      }
    }
    return null;
  }
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want[i]) return { byte: i, detail: `byte ${i}: ${got[i]} vs golden ${want[i]}` };
  }
  return null;
}

/** Runs one case: `steps` invokes without reset, outputs concatenated per output tensor. */
export function runSteps(model: Model, input: Uint8Array, steps: number): Uint8Array[] {
  const inBytes = model.inputs.reduce((s, t) => s + t.bytes, 0);
  if (input.length !== inBytes * steps) {
    throw new MicroliteError(`input holds ${input.length.toLocaleString('en-US')} bytes; the model takes ${inBytes.toLocaleString('en-US')} bytes per invoke${steps > 1 ? ` x ${steps} steps` : ''}`);
  }
  const outs = model.outputs.map((t) => new Uint8Array(t.bytes * steps));
  let offset = 0;
  for (let s = 0; s < steps; s++) {
    for (const t of model.inputs) { t.set(input.subarray(offset, offset + t.bytes)); offset += t.bytes; }
    model.invoke();
    model.outputs.forEach((t, i) => {
      const d = t.data;
      outs[i].set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), s * t.bytes);
    });
  }
  return outs;
}

/** Runs the conformance folder `dir`. `onModel` is called after each model (progress). */
export async function runConformance(dir: string, opts: { variant?: Variant; only?: string[]; onModel?: (r: ConformanceModelResult) => void; wasm?: WasmSource } = {}): Promise<ConformanceReport> {
  const indexPath = join(dir, 'INDEX.json');
  if (!existsSync(indexPath)) throw new MicroliteError(`no conformance data at ${dir} (INDEX.json missing); set MICROLITE_CONFORMANCE to its folder`);
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as IndexEntry[];
  const selected = opts.only && opts.only.length ? index.filter((m) => opts.only!.includes(m.name)) : index;
  if (opts.only && opts.only.length && selected.length !== opts.only.length) {
    const missing = opts.only.filter((n) => !index.some((m) => m.name === n));
    throw new MicroliteError(`not in ${indexPath}: ${missing.join(', ')}`);
  }
  // One compiled module; a fresh instance per model so arena figures are per model.
  const first = await Microlite.create({ variant: opts.variant ?? 'scalar', wasm: opts.wasm });
  const module = first.abi.module;
  const report: ConformanceReport = { variant: first.variant, models: [], passed: 0, failed: 0, unsupported: 0 };
  for (const entry of selected) {
    const engine = await Microlite.create({ variant: first.variant, wasm: module });
    const result: ConformanceModelResult = {
      name: entry.name, cases: entry.cases.length, passed: 0, failed: 0, refused: 0, error: null,
      supported_by_tflm: entry.supported_by_tflm, arena_total: null, tflm_arena: entry.tflm_arena_used_bytes_wasm32, failures: [],
    };
    let model: Model | null = null;
    try {
      model = engine.load(readFileSync(join(dir, entry.model)));
    } catch (err) {
      if (!(err instanceof MicroliteError)) throw err;
      result.error = err.message;
    }
    if (!entry.supported_by_tflm) {
      // TFLM refuses this model: we must refuse it too, with a message.
      if (model) { result.failed = 1; result.error = 'accepted a model that TFLM refuses'; }
      report.failed += result.failed;
    } else if (!model) {
      result.refused = entry.cases.length;
      report.unsupported += entry.cases.length;
    } else {
      result.arena_total = model.arena.total;
      const manifest = JSON.parse(readFileSync(join(dir, entry.goldens, 'manifest.json'), 'utf8')) as Manifest;
      for (const g of manifest.goldens) {
        model.reset();
        let ok = true;
        try {
          const outs = runSteps(model, readFileSync(join(dir, entry.goldens, g.input)), g.steps ?? 1);
          outs.forEach((got, i) => {
            const want = readFileSync(join(dir, entry.goldens, g.outputs[i].file));
            const diff = compareOutput(model!.outputs[i].dtype, got, want);
            if (diff) { ok = false; result.failures.push({ case: g.name, output: i, ...diff }); }
          });
        } catch (err) {
          if (!(err instanceof MicroliteError)) throw err;
          ok = false;
          result.failures.push({ case: g.name, output: -1, byte: -1, detail: err.message });
        }
        if (ok) result.passed++; else result.failed++;
      }
      report.passed += result.passed;
      report.failed += result.failed;
    }
    opts.onModel?.(result);
    report.models.push(result);
  }
  return report;
}
