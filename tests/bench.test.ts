// Smoke test of the benchmark harness (bench/): runs `microlite bench` on the built-in example
// model for a handful of iterations and checks the shape of what it prints (not the timings),
// plus the MAC counting that GMAC/s rests on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { opMacs, poolWindows } from '../bench/macs.js';
import { replaceSection } from '../bench/report.js';
import { arenaSection } from '../bench/arena.js';
import type { OpInfo, TensorInfo } from '../bindings/index.js';
import { repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist', 'bindings', 'cli.js');
const example = join(repoRoot, 'build', 'example.tflite');

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'bench', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

test('bench --json: one clean JSON object per model with the documented fields', () => {
  const r = bench(example, '--runs', '5', '--warmup', '2', '--json', '--profile');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'stdout holds only the JSON (progress goes to stderr)');
  const o = JSON.parse(lines[0]);
  assert.equal(o.model, 'example');
  assert.equal(o.macs, 32, 'two FULLY_CONNECTED ops: 1x16 + 16x1');
  assert.deepEqual(Object.keys(o.variants).sort(), ['scalar', 'simd']);
  for (const variant of ['scalar', 'simd']) {
    const v = o.variants[variant];
    for (const k of ['median_ms', 'p90_ms', 'min_ms', 'load_ms', 'gmacs', 'first_ms', 'compile_ms', 'instantiate_ms', 'memory_bytes']) {
      assert.ok(isNumber(v[k]), `${variant}.${k} = ${v[k]}`);
    }
    assert.equal(v.runs, 5);
    assert.ok(v.batch >= 1);
    assert.ok(v.min_ms <= v.median_ms && v.median_ms <= v.p90_ms);
    assert.ok(isNumber(o.wasm_bytes[variant]) && o.wasm_bytes[variant] > o.wasm_gzip_bytes[variant]);
    const profile = o.profile[variant];
    assert.equal(profile.length, 2);
    assert.deepEqual(profile.map((p: { op: string }) => p.op), ['FULLY_CONNECTED', 'FULLY_CONNECTED']);
    assert.deepEqual(profile[0].shape, [1, 16]);
    assert.equal(profile[0].macs + profile[1].macs, 32);
    assert.ok(Math.abs(profile[0].pct + profile[1].pct - 100) < 1e-6);
  }
  for (const k of ['planned', 'persistent', 'total']) assert.ok(isNumber(o.arena[k]), `arena.${k}`);
  assert.equal(o.arena.total, o.arena.planned + o.arena.persistent);
});

test('bench: one table on stdout, results saved as JSON and Markdown with --save', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microlite-bench-'));
  try {
    const r = bench(example, '--runs', '3', '--warmup', '1', '--variant', 'scalar', `--save=${dir}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^model +variant +MMAC/);
    assert.match(r.stdout, /\nexample +scalar /);
    const saved = readdirSync(dir).filter((f) => f.startsWith('bench-') && f.endsWith('.json'));
    assert.equal(saved.length, 1);
    const report = JSON.parse(readFileSync(join(dir, saved[0]), 'utf8'));
    assert.equal(report.results.length, 1);
    assert.ok(typeof report.node === 'string' && typeof report.cpu === 'string');
    assert.match(readFileSync(join(dir, 'latest.md'), 'utf8'), /\| model \| variant \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench --wasm: another engine (here the core-ops build) runs beside build/\'s, named, with its size and speed-up', () => {
  const min = join(repoRoot, 'build', 'microlite.min.wasm');
  const r = bench(example, '--runs', '3', '--warmup', '1', '--json', '--variant', 'scalar', '--wasm', `core=${min}`);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout.trim());
  assert.deepEqual(Object.keys(o.variants), ['scalar', 'core']);
  assert.equal(o.wasm_bytes.core, readFileSync(min).length);
  assert.ok(o.wasm_bytes.core < o.wasm_bytes.scalar);
  assert.ok(isNumber(o.variants.core.median_ms));
  const text = bench(example, '--runs', '3', '--warmup', '1', '--variant', 'scalar', '--wasm', `core=${min}`);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /\n +core +[\d.]+ .* [\d.]+x\s/, 'a speed-up vs scalar on the engine\'s row');
});

test('bench: usage errors exit 2 with a message', () => {
  for (const args of [['--runs', '0'], ['--variant', 'avx'], ['--nope'], ['missing.tflite'], ['--wasm', 'scalar=x.wasm'], ['--wasm', 'missing.wasm'], ['--wasm', `x=${example}`]]) {
    const r = bench(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /microlite bench: /);
  }
});

test('MACs: conv, depthwise, pooling (window from the options), add, FC', () => {
  // x[1,8,8,3] -conv 3x3-> [1,6,6,4] -dw 3x3-> [1,4,4,4] -maxpool 3x3 s1-> [1,2,2,4] -add-> -reshape-> [1,16] -fc-> [1,5]
  const m = new ModelBuilder();
  const t = (shape: number[]) => m.tensor({ dtype: 'int8', shape, scale: 1, zeroPoint: 0 });
  const x = t([1, 8, 8, 3]);
  const cw = m.constant({ dtype: 'int8', shape: [4, 3, 3, 3], data: new Int8Array(108), scale: 1, zeroPoint: 0 });
  const c = t([1, 6, 6, 4]);
  const dw = m.constant({ dtype: 'int8', shape: [1, 3, 3, 4], data: new Int8Array(36), scale: 1, zeroPoint: 0 });
  const d = t([1, 4, 4, 4]);
  const p = t([1, 2, 2, 4]);
  const a = t([1, 2, 2, 4]);
  const r = t([1, 16]);
  const fw = m.constant({ dtype: 'int8', shape: [5, 16], data: new Int8Array(80), scale: 1, zeroPoint: 0 });
  const y = t([1, 5]);
  m.op('CONV_2D', [x, cw, -1], [c], options.conv2d());
  m.op('DEPTHWISE_CONV_2D', [c, dw, -1], [d], options.depthwiseConv2d());
  m.op('MAX_POOL_2D', [d], [p], options.pool2d({ filterW: 3, filterH: 3 }));
  m.op('ADD', [p, p], [a], options.add());
  m.op('RESHAPE', [a], [r], options.reshape([1, 16]));
  m.op('FULLY_CONNECTED', [r, fw, -1], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  const bytes = m.finish();

  assert.deepEqual([...poolWindows(bytes)], [[2, [3, 3]]]);
  const shapes = [[1, 8, 8, 3], [4, 3, 3, 3], [1, 6, 6, 4], [1, 3, 3, 4], [1, 4, 4, 4], [1, 2, 2, 4], [1, 2, 2, 4], [1, 16], [5, 16], [1, 5]];
  const tensors = shapes.map((shape, index) => ({ index, shape }) as TensorInfo);
  const op = (index: number, name: string, inputs: number[], outputs: number[]) => ({ index, op: name, code: 0, version: 1, inputs, outputs }) as OpInfo;
  const ops = [op(0, 'CONV_2D', [x, cw, -1], [c]), op(1, 'DEPTHWISE_CONV_2D', [c, dw, -1], [d]), op(2, 'MAX_POOL_2D', [d], [p]),
    op(3, 'ADD', [p, p], [a]), op(4, 'RESHAPE', [a], [r]), op(5, 'FULLY_CONNECTED', [r, fw, -1], [y])];
  assert.deepEqual(opMacs(ops, tensors, bytes), [6 * 6 * 4 * 27, 4 * 4 * 4 * 9, 16 * 9, 16, 0, 5 * 16]);
  // Without the options, the window is guessed from the shapes (non-overlapping).
  assert.equal(opMacs(ops, tensors)[2], 16 * 4);
});

test('results file: a generator replaces its own section and keeps the others', () => {
  const file = '# Results\n\nintro\n\n## Speed\n\nold speed\n\n### Per-op profile: m\n\nold profile\n\n## Arena\n\narena table\n\n## Soak\n\nsoak table\n';
  const speed = replaceSection(file, '## Speed\n\nnew speed\n\n### Per-op profile: m\n\nnew profile\n');
  assert.equal(speed, '# Results\n\nintro\n\n## Speed\n\nnew speed\n\n### Per-op profile: m\n\nnew profile\n\n## Arena\n\narena table\n\n## Soak\n\nsoak table\n');
  const arena = replaceSection(speed, '## Arena\n\nnew arena');
  assert.match(arena, /## Speed\n\nnew speed[\s\S]*## Arena\n\nnew arena\n\n## Soak\n\nsoak table\n$/);
  assert.equal(replaceSection('# Results\n\n## Soak\n\ns\n', '## Arena\n\na'), '# Results\n\n## Arena\n\na\n\n## Soak\n\ns\n', 'a new section goes first');
  assert.equal(replaceSection(null, '## Arena\n\na'), '# Results\n\n## Arena\n\na\n');
  assert.throws(() => replaceSection(file, 'no heading'));
});

test('bench --markdown FILE: writes its Speed section, keeps Arena and Soak', () => {
  const dir = mkdtempSync(join(tmpdir(), 'microlite-bench-'));
  try {
    const file = join(dir, 'RESULTS.md');
    writeFileSync(file, '# Results\n\n## Speed\n\nstale\n\n## Arena\n\n| arena table |\n\n## Soak\n\n| soak table |\n');
    const r = bench(example, '--runs', '3', '--warmup', '1', '--variant', 'scalar', '--profile', '--markdown', file);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /stale/);
    assert.match(text, /^# Results\n\n## Speed\n\nCommand: `microlite bench /);
    assert.match(text, /\n### Per-op profile: example \(scalar\)\n/);
    assert.match(text, /\n## Arena\n\n\| arena table \|\n\n## Soak\n\n\| soak table \|\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('arena section: the planner table (model, TFLM, ours, %, planned, lower bound, TFLM greedy, chosen)', () => {
  const report = { planned_bytes: 128, lower_bound: 128, lower_bound_without_sharing: 192, tflm_greedy_without_sharing: 192,
    strategies: { tflm_greedy: 128, size_best_fit: null, breadth: null, search: null }, chosen: 'tflm_greedy' as const, shared_tensors: 1, buffers: 3, prepare_peak: 0 };
  const text = arenaSection([
    { model: 'a', tflm: 1000, ours: 800, planned: 128, head: 192, report },
    { model: 'g/x', tflm: 100, ours: 90, planned: 128, head: 128, report },
    { model: 'g/y', tflm: 100, ours: 110, planned: 128, head: 128, report },
  ]);
  assert.match(text, /^## Arena\n/);
  assert.match(text, /\| model \| TFLM arena \| ours \| ours \/ TFLM \| planned \| lower bound \| TFLM greedy plan \| planner chosen \|/);
  assert.match(text, /\| a \| 1,000 \| 800 \| 80\.0% \| 128 \(head 192\) \| 128 \| 192 \| tflm greedy, 1 in place \|/);
  assert.match(text, /\| g\/\* \(2 models, summed\) \| 200 \| 200 \| 100\.0% \| 2\/2 at the bound \|/);
  assert.match(text, /Above TFLM: g\/y\./);
});
