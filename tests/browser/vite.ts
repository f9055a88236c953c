// The package through a bundler (npm run test:browser): `npm pack`, then a small Vite app in a
// temp folder (a page and a module worker, each `import { Microlite } from 'microlite'`, no
// configuration) is built with `vite build`; the build must hold both engine builds as assets
// (found through `new URL(..., import.meta.url)`), and the bundle must run the example model with
// both kernel sets in the page and in the worker in headless Chromium. Vite is installed into the
// temp folder (never a project dependency); the test is skipped when the npm registry cannot be
// reached.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { chromium, BrowserContext } from 'playwright-core';
import { serve } from '../../bindings/web/serve.js';
import { repoRoot } from '../helpers.js';

const VITE = '8.3.4';
const CHROMIUM = process.env.MICROLITE_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

const MAIN = `
import { Microlite, quantize, dequantize } from 'microlite';
import exampleUrl from './example.tflite?url';

async function sine(variant) {
  const engine = await Microlite.create({ variant });
  const model = engine.load(await (await fetch(exampleUrl)).arrayBuffer());
  model.inputs[0].set(quantize([1.5], model.inputs[0]));
  model.invoke();
  return { where: 'page', variant: engine.variant, y: dequantize(model.outputs[0])[0] };
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const fromWorker = new Promise((ok) => { worker.onmessage = (e) => ok(e.data); });
worker.postMessage(exampleUrl);
window.viteResult = Promise.all([sine('scalar'), sine('simd'), fromWorker]).catch((err) => [{ error: String(err) }]);
`;

const WORKER = `
import { Microlite, quantize, dequantize } from 'microlite';
self.onmessage = async (e) => {
  try {
    const engine = await Microlite.create();
    const model = engine.load(await (await fetch(e.data)).arrayBuffer());
    model.inputs[0].set(quantize([1.5], model.inputs[0]));
    model.invoke();
    self.postMessage({ where: 'worker', variant: engine.variant, y: dequantize(model.outputs[0])[0] });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
`;

let dir = '';
let app = '';
let installed = false;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'microlite-vite-'));
  // --ignore-scripts: `prepare` would rebuild; this packs what `npm run build` made.
  const pack = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string }>;
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `vite@${VITE}`, join(dir, pack[0].filename)], { cwd: app, env, stdio: 'pipe', timeout: 300_000 });
    installed = true;
  } catch (err) {
    console.log(`# vite could not be installed: ${String((err as Error).message).split('\n')[0]}`);
  }
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test(`a Vite ${VITE} app bundles microlite: both engine builds become assets, and the bundle runs in a page and a worker`, async (t) => {
  if (!installed) { t.skip('vite could not be installed (no npm registry)'); return; }
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(app, 'main.js'), MAIN);
  writeFileSync(join(app, 'worker.js'), WORKER);
  copyFileSync(resolve(repoRoot, 'build/example.tflite'), join(app, 'example.tflite'));
  execFileSync(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--base', '/app/', '--logLevel', 'warn'], { cwd: app, env, stdio: 'pipe' });

  const assets = readdirSync(join(app, 'dist/assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm')).sort();
  assert.equal(wasm.length, 2, `engine builds among the assets: ${assets.join(', ')}`);
  assert.ok(wasm.some((f) => f.startsWith('microlite.simd')) && wasm.some((f) => /^microlite(?!\.simd)/.test(f)), wasm.join(', '));

  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
  const { server, url } = await serve({ mounts: { '/app/': join(app, 'dist') } }) as { server: Server; url: string };
  const userData = mkdtempSync(join(tmpdir(), 'microlite-chromium-vite-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = context.pages()[0] ?? await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${url}/app/index.html`);
    const results = await page.evaluate(() => (globalThis as unknown as { viteResult: Promise<unknown> }).viteResult) as
      Array<{ where?: string; variant?: string; y?: number; error?: string }>;
    for (const r of results) assert.equal(r.error, undefined, r.error);
    assert.deepEqual(results.map((r) => `${r.where} ${r.variant}`), ['page scalar', 'page simd', 'worker simd']);
    for (const r of results) assert.ok(Math.abs(r.y! - Math.sin(1.5)) < 0.05, `${r.where} ${r.variant}: sin(1.5) ≈ ${r.y}`);
    assert.deepEqual(errors, []);
  } finally {
    await context?.close();
    server.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
