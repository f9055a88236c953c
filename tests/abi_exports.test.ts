// The embedding ABI stays typed and documented: every function exported by the engine
// (assembly/index.ts and the files it re-exports) is in bindings/abi.ts's Exports interface
// with the same number of parameters, every build exports exactly those functions, and
// README's embedding section names each of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './helpers.js';

const read = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');

/** name -> parameter count, from `export function ml_x(a: T, b: U)` lines of an AssemblyScript file and its `export *` files. */
function engineExports(path: string, seen = new Set<string>()): Map<string, number> {
  const out = new Map<string, number>();
  if (seen.has(path)) return out;
  seen.add(path);
  const src = read(path);
  for (const m of src.matchAll(/^export function (ml_\w+)\(([^)]*)\)/gm)) out.set(m[1], m[2].trim() ? m[2].split(',').length : 0);
  for (const m of src.matchAll(/^export \* from "\.\/([\w/]+)";/gm)) {
    for (const [k, v] of engineExports(`assembly/${m[1]}.ts`, seen)) out.set(k, v);
  }
  return out;
}

/** name -> parameter count of the functions of bindings/abi.ts's `interface Exports`. */
function typedExports(): Map<string, number> {
  const src = read('bindings/abi.ts');
  const body = /export interface Exports \{([\s\S]*?)\n\}/.exec(src);
  assert.ok(body, 'bindings/abi.ts declares interface Exports');
  const out = new Map<string, number>();
  for (const m of body[1].matchAll(/^\s+(ml_\w+)\(([^)]*)\)\s*:/gm)) out.set(m[1], m[2].trim() ? m[2].split(',').length : 0);
  return out;
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

test('bindings/abi.ts types every export of assembly/index.ts, with its parameter count', () => {
  const engine = engineExports('assembly/index.ts');
  const typed = typedExports();
  assert.ok(engine.size > 50, `found ${engine.size} ml_* exports in assembly/index.ts`);
  assert.deepEqual(sorted(typed.keys()), sorted(engine.keys()), 'Exports (bindings/abi.ts) and the engine\'s exports differ');
  for (const [name, params] of engine) assert.equal(typed.get(name), params, `${name}: parameter count`);
});

const BUILDS = ['microlite.wasm', 'microlite.simd.wasm', 'microlite.min.wasm', 'microlite.wasi.wasm', 'microlite.wasi-simd.wasm'];

for (const build of BUILDS) {
  test(`build/${build} exports exactly the typed functions`, (t) => {
    const path = resolve(repoRoot, 'build', build);
    if (!existsSync(path)) { t.skip(`${build} not built`); return; }
    const module = new WebAssembly.Module(readFileSync(path));
    const functions = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
    const typed = typedExports();
    const wasi = build.includes('wasi');
    assert.deepEqual(sorted(functions.filter((f) => !(wasi && f === '_start'))), sorted(typed.keys()));
    if (WebAssembly.Module.imports(module).length === 0) {
      const exports = new WebAssembly.Instance(module, {}).exports as Record<string, unknown>;
      for (const [name, params] of typed) assert.equal((exports[name] as (...a: number[]) => number).length, params, `${build}: ${name} parameters`);
    }
  });
}

test('README\'s embedding section names every export', () => {
  const readme = read('README.md');
  const start = readme.search(/^## Embedding/m);
  assert.ok(start >= 0, 'README has an "## Embedding" section');
  const next = readme.slice(start + 3).search(/^## /m);
  const section = next < 0 ? readme.slice(start) : readme.slice(start, start + 3 + next);
  const missing = sorted(typedExports().keys()).filter((name) => !new RegExp(`\\b${name}\\b`).test(section));
  assert.deepEqual(missing, [], 'exports missing from README "## Embedding"');
});
