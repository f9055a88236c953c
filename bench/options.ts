// Options of `microlite bench` (bench/bench.ts).

import { basename, join } from 'node:path';
import { simdSupported } from '../bindings/index.js';

const USAGE = 'usage: microlite bench [MODEL.tflite...] [--variant scalar,simd] [--wasm [NAME=]ENGINE.wasm]... [--runs N] [--warmup N] '
  + '[--input IN.bin] [--profile[=NAME,...]] [--peers] [--json] [--save[=DIR]] [--markdown FILE]';

export class BenchError extends Error {}

/** An engine benchmarked besides build/'s: `--wasm NAME=FILE` (e.g. an npm run build:custom engine). */
export interface ExtraEngine { name: string; path: string; }

export interface Options {
  models: string[]; variants: Array<'scalar' | 'simd'>; engines: ExtraEngine[]; runs: number; warmup: number; input: string | null;
  profile: string[] | null; peers: boolean; json: boolean; save: string | null; markdown: string | null;
}

export function parseOptions(argv: string[], repoRoot: string): Options {
  const o: Options = { models: [], variants: [], engines: [], runs: 200, warmup: 20, input: null, profile: null, peers: false, json: false, save: null, markdown: null };
  const value = (i: number, name: string, inline: string | undefined): [string, number] => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new BenchError(`--${name} needs a value`);
    return [argv[i + 1], i + 1];
  };
  const count = (v: string, name: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new BenchError(`--${name} must be an integer >= ${min}, got '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { o.models.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    let v: string;
    switch (name) {
      case 'variant': {
        [v, i] = value(i, name, inline);
        for (const x of v.split(',').map((s) => s.trim()).filter(Boolean)) {
          if (x !== 'scalar' && x !== 'simd') throw new BenchError(`--variant takes scalar and/or simd, got '${x}'`);
          if (!o.variants.includes(x)) o.variants.push(x);
        }
        break;
      }
      case 'wasm': {
        [v, i] = value(i, name, inline);
        const eq = v.indexOf('=');
        const engine = eq > 0 ? { name: v.slice(0, eq), path: v.slice(eq + 1) } : { name: basename(v).replace(/\.wasm$/, ''), path: v };
        if (engine.name === 'scalar' || engine.name === 'simd' || o.engines.some((e) => e.name === engine.name)) {
          throw new BenchError(`--wasm: the name '${engine.name}' is taken (give one: --wasm NAME=${engine.path})`);
        }
        o.engines.push(engine);
        break;
      }
      case 'runs': [v, i] = value(i, name, inline); o.runs = count(v, name, 1); break;
      case 'warmup': [v, i] = value(i, name, inline); o.warmup = count(v, name, 0); break;
      case 'input': [v, i] = value(i, name, inline); o.input = v; break;
      case 'markdown': [v, i] = value(i, name, inline); o.markdown = v; break;
      case 'profile': o.profile = inline ? inline.split(',').filter(Boolean) : []; break;
      case 'save': o.save = inline || join(repoRoot, 'bench', 'results'); break;
      case 'peers': o.peers = true; break;
      case 'json': o.json = true; break;
      case 'help': throw new BenchError(USAGE);
      default: throw new BenchError(`unknown option --${name}\n${USAGE}`);
    }
  }
  if (o.variants.length === 0) o.variants = simdSupported() ? ['scalar', 'simd'] : ['scalar'];
  if (o.variants.includes('simd') && !simdSupported()) throw new BenchError('this host does not run WebAssembly SIMD: use --variant scalar');
  return o;
}

