#!/usr/bin/env node
// `microlite bench`: the benchmark harness. Performance claims of this project come from it.
//
//   microlite bench [MODEL.tflite...] [--variant scalar,simd] [--runs N] [--warmup N] [--input IN.bin]
//                   [--profile[=NAME,...]] [--peers] [--json] [--save[=DIR]] [--markdown FILE]
//
// Without models it runs the default set (the MLPerf Tiny four, person detection, micro speech)
// from the conformance folder, or the built-in example model when that folder is absent.

import { readFileSync, writeFileSync, mkdirSync, existsSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, platform, release } from 'node:os';
import { gzipSync } from 'node:zlib';
import { Microlite, MicroliteError, Model } from '../bindings/index.js';
import { Options, BenchError, parseOptions } from './options.js';
import { compareOutput } from '../bindings/conformance.js';
import { opMacs } from './macs.js';
import { timeInterleaved, summarize } from './timing.js';
import { randomInput, microliteRunner, maxDiff } from './io.js';
import { TfliteWebPeer, PeerKind, PeerModel } from './peer_tflite.js';
import { runProfile } from './profile.js';
import {
  ModelResult, VariantResult, PeerResult, PeerFailure, TABLE_HEADERS, TABLE_NOTES, PROFILE_HEADERS, TABLE_TEXT_COLUMNS, PROFILE_TEXT_COLUMNS,
  tableRows, renderText, renderMarkdown, profileRows, replaceSection,
} from './report.js';

export const DEFAULT_MODELS = ['tiny_kws_dscnn_int8', 'tiny_vww_mobilenetv1_025_int8', 'tiny_ic_resnet8_int8',
  'tiny_ad_autoencoder_int8', 'tflm_person_detect_int8', 'tflm_micro_speech_quantized'];

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BUILDS: Record<'scalar' | 'simd', string> = { scalar: 'build/microlite.wasm', simd: 'build/microlite.simd.wasm' };

interface ModelSpec { name: string; path: string; golden: { name: string; input: Uint8Array; outputs: Uint8Array[] } | null; }

interface IndexEntry { name: string; model: string; goldens: string; }
interface Manifest { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }>; }

function conformanceDir(): string | null {
  const dir = process.env.MICROLITE_CONFORMANCE ?? resolve(repoRoot, '../shared/conformance');
  return existsSync(join(dir, 'INDEX.json')) ? dir : null;
}

/** The first real-sample case of a conformance model (first step only), else its first case. */
function goldenFor(dir: string, entry: IndexEntry): ModelSpec['golden'] {
  const manifestPath = join(dir, entry.goldens, 'manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const g = manifest.goldens.find((c) => !c.name.startsWith('random')) ?? manifest.goldens[0];
  if (!g) return null;
  const steps = g.steps ?? 1;
  const first = (bytes: Uint8Array) => bytes.subarray(0, bytes.length / steps);
  return {
    name: g.name,
    input: first(readFileSync(join(dir, entry.goldens, g.input))),
    outputs: g.outputs.map((o) => first(readFileSync(join(dir, entry.goldens, o.file)))),
  };
}

function resolveModels(paths: string[]): ModelSpec[] {
  const dir = conformanceDir();
  const index: IndexEntry[] = dir ? JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) : [];
  const byPath = new Map(index.map((e) => [realpathSync(join(dir!, e.model)), e] as const));
  if (paths.length === 0) {
    if (!dir) return [{ name: 'example', path: join(repoRoot, 'build', 'example.tflite'), golden: null }];
    return DEFAULT_MODELS.map((name) => {
      const entry = index.find((e) => e.name === name);
      if (!entry) throw new BenchError(`${name} is not in ${join(dir, 'INDEX.json')}`);
      return { name, path: join(dir, entry.model), golden: goldenFor(dir, entry) };
    });
  }
  return paths.map((p) => {
    if (!existsSync(p)) throw new BenchError(`model file not found: ${p}`);
    const entry = byPath.get(realpathSync(p));
    return { name: entry?.name ?? basename(p).replace(/\.tflite$/, ''), path: p, golden: entry && dir ? goldenFor(dir, entry) : null };
  });
}

/** Progress on stderr: a live line on a terminal, one line per model otherwise. */
class Progress {
  private readonly tty = !!process.stderr.isTTY;
  private last = 0;
  model(text: string) { if (this.tty) this.live(text, true); else process.stderr.write(`bench: ${text}\n`); }
  live(text: string, force = false) {
    if (!this.tty) return;
    const now = performance.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    process.stderr.write(`\r\x1b[K${text}`);
  }
  done() { if (this.tty) process.stderr.write('\r\x1b[K'); }
}

/** A compiled engine: build/'s scalar or SIMD one (name = variant), or a --wasm engine (variant read from it). */
interface Build { name: string; variant: 'scalar' | 'simd' | 'auto'; module: WebAssembly.Module; compileMs: number; raw: number; gzip: number; }

/** The module with a custom section holding `nonce` appended: same code, bytes V8 has not cached. */
function withNonce(bytes: Uint8Array, nonce: number): Uint8Array<ArrayBuffer> {
  const name = new TextEncoder().encode('bench');
  const payload = [name.length, ...name, nonce & 0x7f, (nonce >> 7) & 0x7f];
  return new Uint8Array([...bytes, 0, payload.length, ...payload]);
}

/**
 * Compiles each build: the module benchmarked, plus `COMPILE_SAMPLES` timed cold compiles per
 * build, interleaved (V8 caches modules by their bytes, so each timed compile gets a unique
 * custom section), after one untimed compile that absorbs the process's first-compile costs.
 */
async function compileBuilds(variants: Array<'scalar' | 'simd'>, engines: Options['engines']): Promise<Build[]> {
  const COMPILE_SAMPLES = 5;
  const read = (name: string, variant: Build['variant'], path: string) => {
    if (!existsSync(path)) throw new BenchError(`${path} is missing${variant === 'auto' ? '' : ' (run npm run build)'}`);
    return { name, variant, path, bytes: Uint8Array.from(readFileSync(path)) };
  };
  const sources = [...variants.map((v) => read(v, v, join(repoRoot, BUILDS[v]))), ...engines.map((e) => read(e.name, 'auto', e.path))];
  const modules = await Promise.all(sources.map((s) => WebAssembly.compile(s.bytes).catch((err: Error) => {
    throw new BenchError(`${s.path} is not a WebAssembly engine build (${err.message})`);
  })));
  const times: number[][] = sources.map(() => []);
  let nonce = (Date.now() & 0x3fff) || 1;
  for (let k = 0; k < COMPILE_SAMPLES; k++) {
    for (let i = 0; i < sources.length; i++) {
      const bytes = withNonce(sources[i].bytes, nonce++ & 0x3fff);
      const t0 = performance.now();
      await WebAssembly.compile(bytes);
      times[i].push(performance.now() - t0);
    }
  }
  return sources.map((s, i) => ({
    name: s.name, variant: s.variant, module: modules[i], compileMs: summarize(times[i], 1).median_ms,
    raw: s.bytes.length, gzip: gzipSync(s.bytes, { level: 9 }).length,
  }));
}

async function benchModel(spec: ModelSpec, builds: Build[], peer: TfliteWebPeer | null, o: Options, inputFile: Uint8Array | null, progress: Progress, label: string): Promise<ModelResult> {
  const bytes = readFileSync(spec.path);
  const result: ModelResult = {
    model: spec.name, path: spec.path, input: '', ops: 0, macs: 0, variants: {}, arena: null,
    memory_bytes: {}, wasm_bytes: {}, wasm_gzip_bytes: {},
  };
  const loaded: Array<{ build: Build; engine: Microlite; model: Model; instantiateMs: number; loadMs: number }> = [];
  const peers: Array<{ kind: PeerKind; model: PeerModel }> = [];
  try {
    for (const build of builds) {
      const t0 = performance.now();
      const engine = await Microlite.create({ variant: build.variant, wasm: build.module });
      const instantiateMs = performance.now() - t0;
      const t1 = performance.now();
      const model = engine.load(bytes);
      loaded.push({ build, engine, model, instantiateMs, loadMs: performance.now() - t1 });
    }
    const reference = loaded[0].model;
    const ops = reference.ops;
    const tensors = reference.tensors;
    const perOp = opMacs(ops, tensors, bytes);
    result.ops = ops.length;
    result.macs = perOp.reduce((s, x) => s + x, 0);
    const inBytes = reference.inputs.reduce((s, t) => s + t.bytes, 0);
    let input: Uint8Array;
    if (inputFile) {
      if (inputFile.length !== inBytes) throw new BenchError(`--input holds ${inputFile.length} bytes; ${spec.name} takes ${inBytes} bytes per invoke`);
      input = inputFile; result.input = `file:${o.input}`;
    } else if (spec.golden && spec.golden.input.length === inBytes) {
      input = spec.golden.input; result.input = `golden:${spec.golden.name}`;
    } else {
      input = randomInput(reference); result.input = 'random';
    }
    const golden = result.input.startsWith('golden:') ? spec.golden!.outputs : null;
    const dtypes = reference.outputs.map((t) => t.dtype);
    const matches = (outs: Uint8Array[]) => (golden ? golden.every((g, i) => outs[i] && compareOutput(dtypes[i], outs[i], g) === null) : null);

    const peerFailures: PeerFailure[] = [];
    if (peer) {
      for (const kind of builds.filter((b) => b.variant === b.name && b.variant !== 'auto').map((b) => b.variant as PeerKind)) {
        try {
          const pm = await peer.loadModel(kind, bytes);
          if (pm.inputBytes.reduce((s, x) => s + x, 0) !== inBytes) {
            pm.dispose();
            throw new Error(`it takes ${pm.inputBytes.join(' + ')} input bytes, microlite ${inBytes}`);
          }
          peers.push({ kind, model: pm });
        } catch (err) {
          peerFailures.push({ name: `tfjs-tflite-${kind}`, version: peer.version, error: (err as Error).message });
        }
      }
    }

    // First invoke of each runner, on the benchmark input; its outputs are the ones checked.
    const runners = [...loaded.map((l) => microliteRunner(l.build.name, l.model)), ...peers.map((p) => p.model.runner)];
    const firsts = runners.map((r) => {
      r.setInput(input);
      const t0 = performance.now();
      r.invoke();
      const firstMs = performance.now() - t0;
      return { firstMs, outputs: r.outputs() };
    });

    progress.model(`${label} ${spec.name}: ${runners.map((r) => r.name).join(', ')}`);
    const sched0 = schedStat();
    const wall0 = performance.now();
    const timings = timeInterleaved(runners, input, {
      warmup: o.warmup, runs: o.runs,
      onRound: (phase, k, n) => progress.live(`${label} ${spec.name}: ${phase} ${k}/${n} (${runners.map((r) => r.name).join(', ')})`),
    });

    const sched1 = schedStat();
    if (sched0 && sched1) result.cpu_wait = (sched1.waitMs - sched0.waitMs) / (performance.now() - wall0);
    loaded.forEach((l, i) => {
      const t = timings[i];
      const v: VariantResult = {
        compile_ms: l.build.compileMs, instantiate_ms: l.instantiateMs, load_ms: l.loadMs, first_ms: firsts[i].firstMs,
        median_ms: t.median_ms, p90_ms: t.p90_ms, min_ms: t.min_ms, mean_ms: t.mean_ms, runs: t.samples.length, batch: t.batch,
        gmacs: result.macs / (t.median_ms * 1e6), arena: l.model.arena, memory_bytes: l.engine.memoryBytes, matches_tflm: matches(firsts[i].outputs),
      };
      result.variants[l.build.name] = v;
      result.memory_bytes[l.build.name] = v.memory_bytes;
      result.wasm_bytes[l.build.name] = l.build.raw;
      result.wasm_gzip_bytes[l.build.name] = l.build.gzip;
    });
    result.arena = loaded[0].model.arena;

    if (peer) {
      result.peers = {};
      for (const f of peerFailures) result.peers[f.name] = f;
      peers.forEach((p, k) => {
        const i = loaded.length + k;
        const t = timings[i];
        const mine = loaded.findIndex((l) => l.build.name === p.kind);
        const size = peer.wasmSize(p.kind);
        const r: PeerResult = {
          name: p.model.runner.name, version: peer.version, compile_ms: peer.compileMs(p.kind), load_ms: p.model.loadMs, first_ms: firsts[i].firstMs,
          median_ms: t.median_ms, p90_ms: t.p90_ms, min_ms: t.min_ms, mean_ms: t.mean_ms, runs: t.samples.length, batch: t.batch,
          gmacs: result.macs / (t.median_ms * 1e6), memory_bytes: p.model.memoryBytes(), wasm_bytes: size.raw, wasm_gzip_bytes: size.gzip,
          ratio: mine >= 0 ? timings[mine].median_ms / t.median_ms : null,
          max_diff: mine >= 0 ? maxDiff(dtypes, firsts[i].outputs, firsts[mine].outputs) : null,
          matches_tflm: matches(firsts[i].outputs), patched_tensors: p.model.patchedTensors,
        };
        result.peers![r.name] = r;
      });
    }

    if (o.profile && (o.profile.length === 0 || o.profile.includes(spec.name))) {
      result.profile = {};
      for (const l of loaded) {
        progress.live(`${label} ${spec.name}: profiling ${l.build.name}`, true);
        result.profile[l.build.name] = runProfile(l.model, input, perOp, tensors, Math.min(o.runs, 100));
      }
    }
  } catch (err) {
    // A refused model or a failing runner ends this model's row, not the whole run.
    if (!(err instanceof MicroliteError) && !(err instanceof BenchError)) process.stderr.write(`bench: ${spec.name}: ${(err as Error).stack}\n`);
    result.error = (err as Error).message;
  } finally {
    for (const l of loaded) l.model.dispose();
    for (const p of peers) p.model.dispose();
  }
  return result;
}

function environment() {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown';
  return { node: process.version, v8: process.versions.v8, cpu, cores: cpus().length, os: `${platform()} ${release()}`, load_average: loadavg()[0] };
}

/** What the peer rows are (and the one adjustment made to models handed to the peer). */
function peerNotes(results: ModelResult[]): string[] {
  const ran = results.flatMap((r) => Object.values(r.peers ?? {}));
  if (ran.length === 0) return [];
  const notes = [`Peer: @tensorflow/tfjs-tflite ${ran[0].version} (TFLite + XNNPACK in wasm), its single-threaded scalar and SIMD builds, `
    + 'in the same process on the same input bytes (bench/peer_tflite.ts).'];
  for (const r of results) {
    const patched = Object.values(r.peers ?? {}).find((p) => 'patched_tensors' in p && p.patched_tensors > 0) as PeerResult | undefined;
    if (patched) notes.push(`${r.model}: the peer got a copy with quantized_dimension set to 0 on ${patched.patched_tensors} rank-1 tensors (TFLite refuses the model's value, TFLM ignores it).`);
  }
  return notes;
}

/**
 * Time this thread spent waiting for a CPU (runnable, not running), from Linux's
 * /proc/thread-self/schedstat; null elsewhere. It measures how much other processes disturbed us.
 */
function schedStat(): { waitMs: number } | null {
  try {
    const fields = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(fields[1]) ? { waitMs: fields[1] / 1e6 } : null;
  } catch {
    return null;
  }
}

/** Above this share of the timed phase spent waiting for a CPU, the report warns. */
const WAIT_WARNING = 0.03;

/** A warning when other processes took the CPU from the timed runs. */
function loadWarning(results: ModelResult[]): string | null {
  const waits = results.map((r) => r.cpu_wait).filter((w): w is number => typeof w === 'number');
  const worst = waits.length ? Math.max(...waits) : null;
  if (worst === null || worst <= WAIT_WARNING) return null;
  return `warning: during the timed runs this process waited for a CPU up to ${(100 * worst).toFixed(1)}% of the time (other processes `
    + 'were running): medians and p90 are inflated, long invokes more than short ones, and min is the least disturbed figure. Rerun on a quiet machine.';
}

/** The report's heading in bench/RESULTS.md (the other sections there belong to other generators). */
export const SPEED_HEADING = '## Speed';

function markdownReport(results: ModelResult[], argv: string[], o: Options): string {
  const env = environment();
  const lines = [
    SPEED_HEADING, '',
    `Command: \`microlite bench ${argv.join(' ')}\` (${o.runs} timed runs after ${o.warmup} warm-up rounds, variants interleaved)  `,
    `Date: ${new Date().toISOString().slice(0, 10)}; Node ${env.node} (V8 ${env.v8}); CPU: ${env.cpu} (${env.cores} cores); ${env.os}; `
      + `1-minute load average at the end: ${env.load_average.toFixed(2)}; `
      + `CPU wait during the timed runs: ${results.map((r) => (r.cpu_wait === undefined ? '-' : `${(100 * r.cpu_wait).toFixed(1)}%`)).join(', ')}`, '',
    renderMarkdown(TABLE_HEADERS, tableRows(results), TABLE_TEXT_COLUMNS), '',
    ...TABLE_NOTES.map((n) => n), '',
    ...peerNotes(results).map((n) => `${n}  `), '',
  ];
  const warning = loadWarning(results);
  if (warning) lines.splice(5, 0, `**${warning}**`, '');
  for (const r of results) {
    for (const [variant, rows] of Object.entries(r.profile ?? {})) {
      lines.push(`### Per-op profile: ${r.model} (${variant})`, '', renderMarkdown(PROFILE_HEADERS, profileRows(rows), PROFILE_TEXT_COLUMNS), '');
    }
  }
  return lines.join('\n');
}

/** `microlite bench ...`; returns the exit code (1 when a model could not be benchmarked). */
export async function cmdBench(argv: string[]): Promise<number> {
  let o: Options;
  let specs: ModelSpec[];
  let inputFile: Uint8Array | null = null;
  try {
    o = parseOptions(argv, repoRoot);
    specs = resolveModels(o.models);
    const unknown = (o.profile ?? []).filter((n) => !specs.some((sp) => sp.name === n));
    if (unknown.length) throw new BenchError(`--profile names models not benchmarked: ${unknown.join(', ')} (models: ${specs.map((sp) => sp.name).join(', ')})`);
    if (o.input) {
      if (!existsSync(o.input)) throw new BenchError(`input file not found: ${o.input}`);
      inputFile = readFileSync(o.input);
    }
  } catch (err) {
    if (!(err instanceof BenchError)) throw err;
    console.error(`microlite bench: ${err.message}`);
    return 2;
  }
  const progress = new Progress();
  let peer: TfliteWebPeer | null = null;
  const builds: Build[] = [];
  try {
    builds.push(...await compileBuilds(o.variants, o.engines));
    if (o.peers) peer = TfliteWebPeer.load(join(repoRoot, 'bench', 'peers'));
  } catch (err) {
    console.error(`microlite bench: ${(err as Error).message}`);
    return 2;
  }
  const results: ModelResult[] = [];
  for (let i = 0; i < specs.length; i++) {
    const label = `[${i + 1}/${specs.length}]`;
    progress.model(`${label} ${specs[i].name}: loading`);
    const r = await benchModel(specs[i], builds, peer, o, inputFile, progress, label);
    results.push(r);
    if (o.json) { progress.done(); console.log(JSON.stringify(r)); }
  }
  progress.done();
  if (!o.json) {
    console.log(renderText(TABLE_HEADERS, tableRows(results), TABLE_TEXT_COLUMNS));
    console.log(`\n${[...TABLE_NOTES, ...peerNotes(results)].join('\n')}`);
    const warning = loadWarning(results);
    if (warning) console.log(`\n${warning}`);
    for (const r of results) {
      for (const [variant, rows] of Object.entries(r.profile ?? {})) {
        console.log(`\nper-op profile: ${r.model} (${variant})`);
        console.log(renderText(PROFILE_HEADERS, profileRows(rows), PROFILE_TEXT_COLUMNS));
      }
    }
  }
  if (o.save) {
    mkdirSync(o.save, { recursive: true });
    const file = join(o.save, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ command: `microlite bench ${argv.join(' ')}`, date: new Date().toISOString(), ...environment(), runs: o.runs, warmup: o.warmup, results }, null, 2));
    writeFileSync(join(o.save, 'latest.md'), replaceSection(null, markdownReport(results, argv, o), '# Benchmark results'));
    process.stderr.write(`bench: saved ${file} and ${join(o.save, 'latest.md')}\n`);
  }
  // Only the Speed section: the file's other sections (Arena, Soak, ...) are kept.
  if (o.markdown) writeFileSync(o.markdown, replaceSection(existsSync(o.markdown) ? readFileSync(o.markdown, 'utf8') : null, markdownReport(results, argv, o)));
  return results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  process.exitCode = await cmdBench(process.argv.slice(2));
}
