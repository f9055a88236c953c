// Seeded differential test of the compact SIMD build (`npm run build:custom -- --target simd
// --compact`, SIMD_COMPACT in assembly/config.ts): its convolutions take the generic GEMM where
// the full build has the shallow and pairs tiles, its fully-connected layers with several batches
// go one row at a time, and its depthwise kernel is one function for the three input modes.
// Random CONV_2D, FULLY_CONNECTED and DEPTHWISE_CONV_2D models must give the scalar build's bytes.
// SIMD_DIFF_SEED=n picks another seed, SIMD_DIFF_SCALE=k multiplies the case counts.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Microlite } from '../bindings/index.js';
import { repoRoot } from './helpers.js';
import { Rng, DiffCase, conv2dCase, fullyConnectedCase, expectSameBytes } from './simd_diff/gen.js';
import { depthwiseCase } from './simd_diff/depthwise.js';

const SEED = Number(process.env.SIMD_DIFF_SEED ?? 7);
const SCALE = Number(process.env.SIMD_DIFF_SCALE ?? 1);
const OPS = ['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED'];

let dir = '';
let engine: Microlite;
let fullSize = 0;
let compactSize = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'microlite-compact-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const build = (out: string, ...extra: string[]) => {
    execFileSync(process.execPath, [resolve(repoRoot, 'assembly/transform/build.js'), '--ops', OPS.join(','), '--target', 'simd', ...extra, '--out', out],
      { env, stdio: 'pipe' });
    return readFileSync(out);
  };
  const compact = build(join(dir, 'compact.wasm'), '--compact');
  compactSize = compact.length;
  fullSize = build(join(dir, 'full.wasm')).length;
  engine = await Microlite.create({ variant: 'simd', wasm: compact });
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function* cases(stream: number, count: number, make: (rng: Rng, index: number) => DiffCase): Generator<DiffCase> {
  for (let i = 0; i < count; i++) {
    const c = make(new Rng(SEED, stream * 1_000_000 + i), i);
    yield { ...c, name: `[seed ${SEED} stream ${stream} case ${i}] ${c.name}` };
  }
}

test('the compact SIMD build leaves the widest tiles out (at least 30 KB smaller for these three ops)', () => {
  console.log(`compact SIMD: ${compactSize.toLocaleString('en-US')} B, full SIMD: ${fullSize.toLocaleString('en-US')} B (${OPS.join(', ')})`);
  assert.ok(fullSize - compactSize >= 30_000, `${fullSize} - ${compactSize}`);
});

test('compact SIMD = scalar bytes: CONV_2D int8 (random models)', async () => {
  const s = await expectSameBytes(cases(1, Math.round(1500 * SCALE), (rng) => conv2dCase(rng, 'int8')), 'compact: ', engine);
  assert.ok(s.compared >= s.refused * 4, `too many refused models: ${s.refused} of ${s.compared + s.refused}`);
});

test('compact SIMD = scalar bytes: FULLY_CONNECTED int8, 1 to 5 batches (random models)', async () => {
  const s = await expectSameBytes(cases(2, Math.round(1000 * SCALE), (rng) => fullyConnectedCase(rng, 'int8')), 'compact: ', engine);
  assert.ok(s.compared >= s.refused * 4, `too many refused models: ${s.refused} of ${s.compared + s.refused}`);
});

test('compact SIMD = scalar bytes: DEPTHWISE_CONV_2D, every depth multiplier mode (random models)', async () => {
  const count = Math.round(2000 * SCALE);
  const s = await expectSameBytes(cases(3, count, depthwiseCase), 'compact: ', engine);
  assert.equal(s.refused, 0, 'some random models were refused');
  assert.equal(s.compared, count);
});
