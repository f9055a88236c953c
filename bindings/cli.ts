#!/usr/bin/env node
// The microlite command line: run, inspect, conformance, bench, example.
// Every user error ends with a one-line message and a non-zero exit code.

import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Microlite, MicroliteError, Model, Variant, quantize, dequantize } from './index.js';
import { runConformance, runSteps, ConformanceModelResult } from './conformance.js';
import { describeModel, printModel } from './inspect.js';

const HELP = `microlite: TensorFlow Lite inference in WebAssembly, bit-exact with TFLM

usage:
  microlite run MODEL.tflite --input IN.bin --output PREFIX [--steps N] [--variant scalar|simd] [--wasm ENGINE.wasm] [--json]
      IN.bin: every input tensor's raw bytes, in input order (x N for --steps N, invoked
      N times without reset). Writes PREFIX.output<i>.bin (N outputs back to back).
  microlite inspect MODEL.tflite [--json] [--plan] [--variant scalar|simd] [--wasm ENGINE.wasm]
      Ops, tensors (dtype, shape, quantization), the arena plan and bytes.
  microlite conformance DIR [--variant scalar|simd] [--wasm ENGINE.wasm] [--json] [--only NAME...]
      Runs every model and case of a conformance folder (INDEX.json + goldens/).
  microlite bench [MODEL.tflite...] [--variant scalar,simd] [--wasm [NAME=]ENGINE.wasm] [--runs N] [--warmup N]
                  [--input IN.bin] [--profile[=NAME,...]] [--peers] [--json] [--save[=DIR]] [--markdown FILE]
      Times the kernel variants interleaved (and other engines with --wasm, tfjs-tflite with
      --peers); without models, the default set from the conformance folder. --profile adds
      per-op times.
  microlite example
      Runs the built-in example model (a quantized sine approximation).
  --wasm ENGINE.wasm runs another engine build: build/microlite.min.wasm (the core ops) or one
  made by npm run build:custom; --variant then defaults to that build's kind.
  microlite --help | --version
`;

class UsageError extends Error {}

interface Args { positional: string[]; flags: Map<string, string[]>; }

function parseArgs(argv: string[], known: Record<string, 'bool' | 'value' | 'list'>): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const [name, inline] = a.slice(2).split('=', 2);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name} (see microlite --help)`);
    if (kind === 'bool') { flags.set(name, []); continue; }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else if (kind === 'value') {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      values.push(argv[++i]);
    } else {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) values.push(argv[++i]);
    }
    flags.set(name, [...(flags.get(name) ?? []), ...values]);
  }
  return { positional, flags };
}

const flag = (a: Args, name: string) => a.flags.get(name)?.[0];
const has = (a: Args, name: string) => a.flags.has(name);

function intFlag(a: Args, name: string, dflt: number, min = 1): number {
  const v = flag(a, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got '${v}'`);
  return n;
}

function variantFlag(a: Args): Variant {
  const v = flag(a, 'variant') ?? 'auto';
  if (v !== 'auto' && v !== 'scalar' && v !== 'simd') throw new UsageError(`--variant must be scalar, simd or auto, got '${v}'`);
  return v;
}

function readInput(path: string, what: string): Buffer {
  if (!existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  if (!statSync(path).isFile()) throw new UsageError(`${what} ${path} is a folder, not a file`);
  return readFileSync(path);
}

async function loadModel(path: string, variant: Variant, wasm?: string): Promise<{ engine: Microlite; model: Model; loadMs: number }> {
  const bytes = readInput(path, 'model file');
  const engine = await Microlite.create({ variant, wasm: wasm === undefined ? undefined : readInput(wasm, 'engine build') });
  const t0 = performance.now();
  const model = engine.load(bytes);
  return { engine, model, loadMs: performance.now() - t0 };
}

async function cmdRun(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { input: 'value', output: 'value', steps: 'value', variant: 'value', wasm: 'value', json: 'bool' });
  if (a.positional.length !== 1) throw new UsageError('usage: microlite run MODEL.tflite --input IN.bin --output PREFIX [--steps N]');
  const input = flag(a, 'input');
  const prefix = flag(a, 'output');
  if (!input) throw new UsageError('--input IN.bin is required');
  if (!prefix) throw new UsageError('--output PREFIX is required');
  const steps = intFlag(a, 'steps', 1);
  const inputBytes = readInput(input, 'input file');
  const { engine, model, loadMs } = await loadModel(a.positional[0], variantFlag(a), flag(a, 'wasm'));
  const t0 = performance.now();
  const outs = runSteps(model, inputBytes, steps);
  const invokeMs = performance.now() - t0;
  outs.forEach((bytes, i) => writeFileSync(`${prefix}.output${i}.bin`, bytes));
  if (has(a, 'json')) {
    const io = (ts: typeof model.inputs) => ts.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, bytes: t.bytes, scale: t.scale, zero_point: t.zeroPoint }));
    console.log(JSON.stringify({
      model: a.positional[0], variant: engine.variant, steps, inputs: io(model.inputs), outputs: io(model.outputs),
      output_files: outs.map((_, i) => `${prefix}.output${i}.bin`), arena: model.arena, load_ms: loadMs, invoke_ms: invokeMs / steps,
    }, null, 2));
  } else {
    console.log(`ran ${a.positional[0]} (${engine.variant}) ${steps} step${steps > 1 ? 's' : ''} in ${invokeMs.toFixed(3)} ms; wrote ${outs.map((_, i) => `${prefix}.output${i}.bin`).join(', ')}`);
  }
  return 0;
}

async function cmdInspect(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { json: 'bool', plan: 'bool', variant: 'value', wasm: 'value' });
  if (a.positional.length !== 1) throw new UsageError('usage: microlite inspect MODEL.tflite [--json] [--plan]');
  const { engine, model } = await loadModel(a.positional[0], variantFlag(a), flag(a, 'wasm'));
  const info = describeModel(engine, model, a.positional[0]);
  if (has(a, 'json')) console.log(JSON.stringify(info, null, 2));
  else printModel(info, has(a, 'plan'));
  return 0;
}

function fmt(n: number | null): string { return n === null ? '-' : n.toLocaleString('en-US'); }

async function cmdConformance(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { variant: 'value', wasm: 'value', json: 'bool', only: 'list' });
  if (a.positional.length !== 1) throw new UsageError('usage: microlite conformance DIR [--variant scalar|simd] [--json] [--only NAME...]');
  const json = has(a, 'json');
  const onModel = json ? undefined : (r: ConformanceModelResult) => {
    const status = !r.supported_by_tflm ? (r.failed ? 'FAIL' : 'refused (as TFLM)')
      : r.refused ? 'UNSUPPORTED' : r.failed ? 'FAIL' : 'pass';
    const arena = r.arena_total !== null ? `  arena ${fmt(r.arena_total)} vs TFLM ${fmt(r.tflm_arena)}` : '';
    console.log(`${status.padEnd(18)} ${r.name.padEnd(36)} ${r.passed}/${r.cases}${arena}${r.error ? `  (${r.error})` : ''}`);
    for (const f of r.failures.slice(0, 3)) console.log(`    ${f.case} output ${f.output}: first difference at ${f.detail}`);
  };
  const wasm = flag(a, 'wasm');
  // Without --wasm, auto means the reference (scalar) build; with it, the build's own kind.
  const variant = variantFlag(a) === 'auto' && wasm === undefined ? 'scalar' : variantFlag(a);
  const report = await runConformance(a.positional[0], { variant, only: a.flags.get('only'), onModel, wasm: wasm === undefined ? undefined : readInput(wasm, 'engine build') });
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    const refused = report.models.filter((m) => !m.supported_by_tflm && !m.failed).length;
    console.log(`conformance: ${report.passed} passed, ${report.failed} failed, ${report.unsupported} unsupported` + (refused ? ` (${refused} models refused as TFLM refuses them)` : '') + ` [${report.variant}]`);
  }
  return report.failed > 0 ? 1 : 0;
}

async function cmdExample(): Promise<number> {
  const path = fileURLToPath(new URL('../../build/example.tflite', import.meta.url));
  const { engine, model } = await loadModel(path, 'auto');
  const x = model.inputs[0];
  const y = model.outputs[0];
  console.log(`microlite example: a quantized (int8) model approximating sin(x), run with the ${engine.variant} kernels`);
  console.log(`ops: ${model.ops.map((o) => o.op).join(', ')}; arena ${model.arena.total.toLocaleString('en-US')} bytes\n`);
  console.log('      x    sin(x)    model    error');
  let worst = 0;
  for (let k = 0; k <= 12; k++) {
    const value = (2 * Math.PI * k) / 12;
    x.set(quantize([value], x));
    model.invoke();
    const out = dequantize(y)[0];
    worst = Math.max(worst, Math.abs(out - Math.sin(value)));
    console.log(`${value.toFixed(3).padStart(7)} ${Math.sin(value).toFixed(4).padStart(9)} ${out.toFixed(4).padStart(8)} ${(out - Math.sin(value)).toFixed(4).padStart(8)}`);
  }
  console.log(`\nlargest error ${worst.toFixed(4)} (int8 output step ${y.scale.toFixed(4)})`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': return await cmdRun(rest);
      case 'inspect': return await cmdInspect(rest);
      case 'conformance': return await cmdConformance(rest);
      case 'example': return await cmdExample();
      case 'bench': return await (await import('../bench/bench.js')).cmdBench(rest);
      case '--version': {
        const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
        console.log(pkg.version);
        return 0;
      }
      case undefined: case '--help': case '-h': case 'help':
        console.log(HELP);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command '${command}' (see microlite --help)`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof MicroliteError) {
      console.error(`microlite: ${err.message}`);
      return 2;
    }
    // File-system errors (a missing file, a folder given as a file, an unwritable output) are
    // user errors too: one line, not a stack trace.
    const fsError = err as NodeJS.ErrnoException;
    if (fsError && typeof fsError.code === 'string' && typeof fsError.path === 'string') {
      const why: Record<string, string> = { ENOENT: 'no such file or folder', EISDIR: 'is a folder, not a file', EACCES: 'permission denied', ENOTDIR: 'a part of the path is not a folder', EROFS: 'read-only file system' };
      console.error(`microlite: ${fsError.syscall === 'open' || fsError.syscall === 'read' ? 'cannot use' : 'cannot access'} ${fsError.path}: ${why[fsError.code] ?? fsError.code}`);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
