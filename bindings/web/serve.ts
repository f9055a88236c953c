#!/usr/bin/env node
// `npm run web`: a small static server on 127.0.0.1 for the model explorer page (bindings/web/)
// and the browser tests. It serves only the folders the page needs (never the whole tree), sends
// the cross-origin isolation headers (Chromium then gives performance.now() 5 µs resolution
// instead of 100 µs), and exposes the conformance folder, when present, under /conformance/.

import { createServer, Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.tflite': 'application/octet-stream', '.bin': 'application/octet-stream',
};

/** The repository root (this file is dist/bindings/web/serve.js once compiled). */
export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface ServeOptions {
  /** Port on 127.0.0.1 (0: any free port). */
  port?: number;
  /** URL prefix → folder; requests outside these prefixes get 404. */
  mounts?: Record<string, string>;
  /** Log each request to stdout. */
  log?: boolean;
}

/** The folders the page needs: its sources, the compiled bindings, the builds. */
export function defaultMounts(conformance?: string | null): Record<string, string> {
  const mounts: Record<string, string> = {
    '/bindings/web/': resolve(repoRoot, 'bindings/web'),
    '/dist/': resolve(repoRoot, 'dist'),
    '/build/': resolve(repoRoot, 'build'),
  };
  if (conformance && existsSync(resolve(conformance, 'INDEX.json'))) mounts['/conformance/'] = resolve(conformance);
  return mounts;
}

/** Starts the server; resolves with it and its base URL once it listens. */
export function serve(options: ServeOptions = {}): Promise<{ server: Server; url: string }> {
  const mounts = Object.entries(options.mounts ?? defaultMounts()).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const headers: Record<string, string> = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    };
    const fail = (status: number, text: string) => { res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' }); res.end(text); };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    let path: string;
    try { path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname); } catch { return fail(400, 'bad request'); }
    if (path === '/' || path === '/index.html') {
      res.writeHead(302, { ...headers, Location: '/bindings/web/index.html' });
      return res.end();
    }
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return fail(404, 'not found');
    const [prefix, dir] = mount;
    const file = resolve(dir, '.' + path.slice(prefix.length - 1));
    if (file !== dir && !file.startsWith(dir + sep)) return fail(403, 'forbidden');
    if (!existsSync(file) || !statSync(file).isFile()) return fail(404, 'not found');
    if (options.log) console.log(`${req.method} ${path}`);
    res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': String(statSync(file).size) });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${args[portArg + 1]}`);
  for (const f of ['build/microlite.wasm', 'dist/bindings/web/app.js']) {
    if (!existsSync(resolve(repoRoot, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const conformance = process.env.MICROLITE_CONFORMANCE ?? resolve(repoRoot, '../shared/conformance');
  const mounts = defaultMounts(conformance);
  const { url } = await serve({ port, mounts, log: args.includes('--log') });
  console.log(`microlite model explorer: ${url}/`);
  if (mounts['/conformance/']) console.log(`conformance models from ${mounts['/conformance/']}`);
  console.log('Ctrl-C to stop');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => { console.error(`microlite web: ${(err as Error).message}`); process.exit(1); });
}
