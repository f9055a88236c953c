// The npm package as a user gets it: `npm pack` → install the tarball offline into an empty
// folder → an ESM script importing 'microlite' loads the bundled example model and invokes it
// with both builds; a TypeScript consumer type-checks against the shipped .d.ts (browser-style
// and Node-style settings); the CLI runs. Prints the packed and unpacked sizes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from './helpers.js';

interface PackResult { filename: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }>; }

// The child npm must not inherit the npm_* settings of an enclosing `npm run`.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let dir = '';
let app = '';
let pack: PackResult;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'microlite-pack-'));
  // --ignore-scripts: `prepare` would rebuild; the test packs what `npm run build` made.
  pack = (JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot)) as PackResult[])[0];
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, pack.filename)], app);
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('the package holds the builds, the bindings with types, README and LICENSE, and nothing else', () => {
  const files = pack.files.map((f) => f.path);
  for (const f of ['build/microlite.wasm', 'build/microlite.simd.wasm', 'build/microlite.min.wasm', 'build/example.tflite', 'dist/bindings/index.js',
    'dist/bindings/index.d.ts', 'dist/bindings/abi.js', 'dist/bindings/errors.js', 'dist/bindings/cli.js', 'README.md', 'LICENSE', 'package.json']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  for (const f of files) {
    assert.ok(/^(build\/[^/]+\.(wasm|tflite)|dist\/(bindings|bench)\/[^/]+\.(js|d\.ts)|README\.md|LICENSE|package\.json)$/.test(f), `unexpected file in the package: ${f}`);
  }
  console.log(`# package: ${pack.filename} ${pack.size.toLocaleString('en-US')} bytes packed, ${pack.unpackedSize.toLocaleString('en-US')} unpacked, ${files.length} files`);
});

test('an ESM script in an empty folder imports microlite and runs the example with every shipped build', () => {
  writeFileSync(join(app, 'run.mjs'), `
import { Microlite, quantize, dequantize, MicroliteError, simdSupported } from 'microlite';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
const bytes = await readFile(fileURLToPath(import.meta.resolve('microlite/build/example.tflite')));
const results = [];
for (const variant of ['scalar', 'simd', 'auto']) {
  const engine = await Microlite.create({ variant });
  const model = engine.load(bytes);
  model.inputs[0].set(quantize([1.5], model.inputs[0]));
  model.invoke();
  results.push({ variant: engine.variant, y: dequantize(model.outputs[0])[0], arena: model.arena.total });
}
{ // the core-ops build, as README shows it
  const engine = await Microlite.create({ variant: 'scalar', wasm: import.meta.resolve('microlite/build/microlite.min.wasm') });
  const model = engine.load(bytes);
  model.inputs[0].set(quantize([1.5], model.inputs[0]));
  model.invoke();
  results.push({ variant: 'min', y: dequantize(model.outputs[0])[0], arena: model.arena.total });
}
let refused = '';
try { (await Microlite.create()).load(new Uint8Array(16)); } catch (err) { refused = err instanceof MicroliteError ? err.message : 'other'; }
console.log(JSON.stringify({ results, refused, simd: simdSupported() }));
`);
  const out = JSON.parse(run(process.execPath, ['run.mjs'], app)) as { results: Array<{ variant: string; y: number; arena: number }>; refused: string; simd: boolean };
  assert.deepEqual(out.results.map((r) => r.variant), ['scalar', 'simd', 'simd', 'min']);
  for (const r of out.results) {
    assert.ok(Math.abs(r.y - Math.sin(1.5)) < 0.05, `${r.variant}: sin(1.5) ≈ ${r.y}`);
    assert.ok(r.arena > 0);
  }
  assert.ok(out.refused.length > 5 && out.refused !== 'other', `a bad model is refused with a MicroliteError: ${out.refused}`);
});

const CONSUMER = `
import { Microlite, Model, Tensor, TensorData, MicroliteError, quantize, dequantize, type Variant, type ArenaBytes } from 'microlite';
export async function classify(bytes: Uint8Array, features: number[], variant: Variant = 'auto'): Promise<number> {
  const engine: Microlite = await Microlite.create({ variant, arenaBytes: 64 * 1024 });
  const model: Model = engine.load(bytes);
  const input: Tensor = model.inputs[0];
  input.set(quantize(features, input));
  model.invoke();
  const data: TensorData = model.outputs[0].data;
  const arena: ArenaBytes = model.arena;
  const scores = dequantize(model.outputs[0]);
  model.dispose();
  if (arena.total < 0 || data.length !== scores.length) throw new MicroliteError('impossible');
  return scores.indexOf(Math.max(...scores));
}
`;

test('a TypeScript consumer type-checks against the shipped .d.ts (bundler + DOM, and NodeNext + @types/node)', () => {
  writeFileSync(join(app, 'consumer.ts'), CONSUMER);
  const base = { noEmit: true, strict: true, target: 'es2022', skipLibCheck: false };
  const configs = {
    'tsconfig.browser.json': { ...base, module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], types: [] },
    'tsconfig.node.json': { ...base, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: ['node'], typeRoots: [resolve(repoRoot, 'node_modules/@types')] },
  };
  const tsc = resolve(repoRoot, 'node_modules/typescript/bin/tsc');
  for (const [file, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(app, file), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    try {
      run(process.execPath, [tsc, '-p', file], app);
    } catch (err) {
      assert.fail(`${file}: ${(err as { stdout?: string }).stdout ?? String(err)}`);
    }
  }
});

test('the installed CLI runs the example', () => {
  const out = run(process.execPath, [join(app, 'node_modules/microlite/dist/bindings/cli.js'), 'example'], app);
  assert.match(out, /sin/i);
});
