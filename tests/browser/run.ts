// Browser tests (npm run test:browser): headless Chromium from Debian (/usr/bin/chromium, or
// MICROLITE_CHROMIUM) driven by playwright-core, pages served on 127.0.0.1 by bindings/web/serve.
// Conformance cases of KWS and VWW with both kernel sets, in a page and in a module worker,
// compared byte for byte with TFLM's goldens; a shared arena; the model explorer page, with a
// screenshot in tests/artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { serve, defaultMounts } from '../../bindings/web/serve.js';
import { conformanceDir, repoRoot } from '../helpers.js';
import { ModelBuilder } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { whileOptions } from '../control_flow_models.js';
import type { CaseSpec, ModelResult, CaseResult } from './harness.js';

const MODELS = ['tiny_kws_dscnn_int8', 'tiny_vww_mobilenetv1_025_int8'];

/** WHILE i < 5: i = i * 2 + 1 over a float32 [16] vector (subgraph 1 the condition, 2 the body). */
function whileModel(): Uint8Array {
  const m = new ModelBuilder();
  const i = m.tensor({ dtype: 'float32', shape: [16] });
  const o = m.tensor({ dtype: 'float32', shape: [16] });
  m.op('WHILE', [i], [o], whileOptions(1, 2));
  m.inputs(i).outputs(o);
  m.subgraph();
  const ci = m.tensor({ dtype: 'float32', shape: [16] });
  const axis = m.constant({ dtype: 'int32', shape: [1], data: [0] });
  const most = m.tensor({ dtype: 'float32', shape: [] });
  const lim = m.constant({ dtype: 'float32', shape: [], data: [5] });
  const c = m.tensor({ dtype: 'bool', shape: [] });
  m.op('REDUCE_MAX', [ci, axis], [most], options.raw(27, [[0, 'bool', false]]));
  m.op('LESS', [most, lim], [c]);
  m.inputs(ci).outputs(c);
  m.subgraph();
  const bi = m.tensor({ dtype: 'float32', shape: [16] });
  const two = m.constant({ dtype: 'float32', shape: [1], data: [2] });
  const one = m.constant({ dtype: 'float32', shape: [1], data: [1] });
  const t = m.tensor({ dtype: 'float32', shape: [16] });
  const bo = m.tensor({ dtype: 'float32', shape: [16] });
  m.op('MUL', [bi, two], [t], options.mul());
  m.op('ADD', [t, one], [bo], options.add());
  m.inputs(bi).outputs(bo);
  m.use(0);
  return m.finish();
}
const VARIANTS = ['scalar', 'simd'] as const;
const CHROMIUM = process.env.MICROLITE_CHROMIUM ?? '/usr/bin/chromium';
// Flags for a closed network and a root user (see /work/shared/TOOLCHAIN.md).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const ARTIFACTS = resolve(repoRoot, 'tests/artifacts');

interface TestApi {
  runCases(spec: CaseSpec): Promise<ModelResult>;
  multiTenancy(variant: string, names: string[]): Promise<{ results: CaseResult[]; grew: boolean; errors: string[] }>;
  inWorker(op: string, ...args: unknown[]): Promise<unknown>;
  moduleOf(variant: string): Promise<WebAssembly.Module>;
}
type Where = 'page' | 'worker';

const conformance = conformanceDir();
let server: Server;
let base = '';
let userData = '';
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set MICROLITE_CHROMIUM)`);
  const mounts = { ...defaultMounts(conformance), '/tests/browser/': resolve(repoRoot, 'tests/browser') };
  ({ server, url: base } = await serve({ mounts }));
  userData = mkdtempSync(join(tmpdir(), 'microlite-chromium-'));
  context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  await page.goto(`${base}/tests/browser/page.html`);
  await page.waitForFunction(() => 'microliteTest' in globalThis);
});

after(async () => {
  await context?.close();
  server?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

/** Calls the harness in the page, or in a fresh module worker started by the page. */
function call<T>(where: Where, op: 'runCases' | 'multiTenancy', ...args: unknown[]): Promise<T> {
  return page.evaluate(async ([where, op, args]) => {
    const api = (globalThis as unknown as { microliteTest: TestApi }).microliteTest;
    if (where === 'worker') return api.inWorker(op, ...args);
    return op === 'runCases' ? api.runCases(args[0] as CaseSpec) : api.multiTenancy(args[0] as string, args[1] as string[]);
  }, [where, op, args] as const) as Promise<T>;
}

function assertCases(cases: CaseResult[], what: string): void {
  assert.ok(cases.length > 0, `${what}: no cases ran`);
  for (const c of cases) {
    assert.equal(c.diff, null, `${what} ${c.case}: ${c.diff}`);
    assert.ok(c.outputBytes > 0);
  }
}

/** The case names of a conformance model, from its manifest (read here, not in the browser). */
function caseNames(name: string): string[] {
  const manifest = JSON.parse(readFileSync(resolve(conformance!, 'goldens', name, 'manifest.json'), 'utf8')) as { goldens: Array<{ name: string }> };
  return manifest.goldens.map((g) => g.name);
}

const skip = conformance ? false : 'no conformance data (set MICROLITE_CONFORMANCE)';

for (const where of ['page', 'worker'] as const) {
  for (const variant of VARIANTS) {
    for (const name of MODELS) {
      test(`${where}, ${variant}: ${name} gives TFLM's bytes`, { skip }, async () => {
        const r = await call<ModelResult>(where, 'runCases', { variant, name });
        assert.equal(r.variant, variant);
        assert.equal(r.inWorker, where === 'worker');
        assert.equal(r.crossOriginIsolated, true);
        assertCases(r.cases, `${where} ${variant} ${name}`);
        assert.deepEqual(r.cases.map((c) => c.case), caseNames(name));
      });
    }
  }
}

test('variant auto picks SIMD in Chromium', { skip }, async () => {
  const r = await call<ModelResult>('page', 'runCases', { variant: 'auto', name: MODELS[0] });
  assert.equal(r.variant, 'simd');
  assertCases(r.cases, 'auto');
});

test('a worker runs a module compiled in the page and posted to it', { skip }, async () => {
  const r = await page.evaluate(async (name) => {
    const api = (globalThis as unknown as { microliteTest: TestApi }).microliteTest;
    return api.inWorker('runCases', { variant: 'simd', name, module: await api.moduleOf('simd') });
  }, MODELS[0]) as ModelResult;
  assert.equal(r.inWorker, true);
  assertCases(r.cases, 'posted module');
});

for (const where of ['page', 'worker'] as const) {
  test(`${where}: two models share one engine's arena; refusals are MicroliteErrors`, { skip }, async () => {
    const r = await call<{ results: CaseResult[]; grew: boolean; errors: string[] }>(where, 'multiTenancy', 'simd', MODELS);
    assert.ok(r.grew, 'loading the models grew the engine memory');
    assertCases(r.results, `${where} multi-tenancy`);
    assert.equal(r.results.length, 4);
    assert.equal(r.errors.length, 3);
    for (const e of r.errors) assert.match(e, /^MicroliteError: \S/);
    assert.match(r.errors[1], /disposed/);
  });
}

/** Runs `action` on the explorer page and waits until the page has finished it (ready or error). */
async function settle(p: Page, action: () => Promise<unknown>): Promise<string> {
  const before = Number((await p.getAttribute('body', 'data-finished')) ?? '0');
  await action();
  await p.waitForFunction((n) => Number(document.body.dataset.finished ?? '0') > n, before, { timeout: 120_000 });
  return (await p.getAttribute('body', 'data-state')) ?? '';
}

test('the model explorer page: example, a chosen model, a bad file; screenshot', async () => {
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (err) => errors.push(err.message));
  p.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await p.goto(`${base}/`);
  await p.waitForFunction(() => document.body.dataset.state === 'idle');

  assert.equal(await settle(p, () => p.click('#example')), 'ready', await p.textContent('#status') ?? '');
  assert.equal(await p.locator('#ops tbody tr').count(), 2);
  assert.ok(await p.locator('#plan svg .buffer').count() >= 3);

  const model = conformance ? resolve(conformance, 'models', `${MODELS[0]}.tflite`) : resolve(repoRoot, 'build/example.tflite');
  assert.equal(await settle(p, () => p.setInputFiles('#file', model)), 'ready', await p.textContent('#status') ?? '');
  const ops = await p.locator('#ops tbody tr').count();
  assert.ok(ops >= 2);
  assert.equal(await p.locator('#ops .bar.scalar').count(), ops);
  assert.equal(await p.locator('#ops .bar.simd').count(), ops);
  assert.ok(await p.locator('#plan svg .buffer').count() >= 3, 'the plan chart has buffers');
  assert.ok(await p.locator('#plan svg rect.persistent').count() >= 1, 'the persistent area is drawn');
  assert.match(await p.textContent('#outputs') ?? '', /identical, byte for byte/);
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = resolve(ARTIFACTS, 'explorer.png');
  await p.screenshot({ path: shot, fullPage: true });
  console.log(`# screenshot: ${shot}`);

  // A model with a called subgraph: its buffers are drawn in the planner's nested scopes.
  const loop = { name: 'while.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from(whileModel()) };
  assert.equal(await settle(p, () => p.setInputFiles('#file', loop)), 'ready', await p.textContent('#status') ?? '');
  const labels = await p.locator('#plan svg .buffer title').allTextContents();
  assert.ok(labels.some((l) => l.startsWith('sg2 tensor')), `the body subgraph's buffers are drawn: ${labels.join(' | ')}`);
  assert.match(await p.textContent('#plan') ?? '', /planner scope/);
  await p.locator('#plan-panel').screenshot({ path: resolve(ARTIFACTS, 'explorer-while.png') });

  const bad = { name: 'notes.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from('not a flatbuffer at all') };
  assert.equal(await settle(p, () => p.setInputFiles('#file', bad)), 'error');
  assert.ok(((await p.textContent('#status')) ?? '').length > 10, 'the refusal is shown');
  await p.close();
  assert.deepEqual(errors, []);
});

test('no errors in the test page console', () => {
  assert.deepEqual(pageErrors, []);
});
