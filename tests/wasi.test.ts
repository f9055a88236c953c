// The WASI command builds (build/microlite.wasi.wasm, build/microlite.wasi-simd.wasm) under
// node:wasi: the conformance goldens of the core models, the error paths, path resolution,
// the imports (only the minimal-WASI set) and the memory they start with. A second host that
// implements exactly the eight allowed calls (the way wasm3's minimal WASI does) runs them too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WASI } from 'node:wasi';
import {
  readFileSync, writeFileSync, mkdtempSync, rmSync, openSync, closeSync, copyFileSync, fstatSync, readSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, isAbsolute } from 'node:path';
import { conformanceDir, engineFor, repoRoot } from './helpers.js';
import { compareOutput, runSteps } from '../bindings/conformance.js';
import { MicroliteError } from '../bindings/index.js';
import { buildSineModel } from './builder/example_model.js';

const BUILDS = [
  { variant: 'scalar', path: resolve(repoRoot, 'build/microlite.wasi.wasm') },
  { variant: 'simd', path: resolve(repoRoot, 'build/microlite.wasi-simd.wasm') },
] as const;

/** The calls minimal WASI implementations have (wasm3, WAMR): nothing else may be imported. */
export const ALLOWED_IMPORTS = ['args_get', 'args_sizes_get', 'fd_read', 'fd_write', 'fd_seek', 'fd_close', 'path_open', 'proc_exit'];

/** The engine core issue's models (TFLM runs them; we must give TFLM's bytes). */
const CORE_MODELS = [
  'tflm_hello_world_int8', 'tflm_hello_world_float', 'tflm_micro_speech_quantized', 'tflm_person_detect_int8',
  'tflm_simple_add', 'tflm_test_conv_model', 'tflm_network_tester', 'tiny_kws_dscnn_int8',
  'tiny_vww_mobilenetv1_025_int8', 'tiny_ic_resnet8_int8', 'tiny_ad_autoencoder_int8', 'tiny_ad_autoencoder_float32',
  'tiny_vww_mobilenetv1_025_float32', 'tiny_ic_resnet8_float32',
];
/** Models TFLM refuses: the command must refuse them too, with a message. */
const REFUSED_MODELS = ['tflm_person_detect_vela_ethosu', 'tiny_ad_toycar_quant_dynrange', 'tiny_kws_dscnn_float32'];

const modules = new Map<string, WebAssembly.Module>();
function moduleOf(path: string): WebAssembly.Module {
  let m = modules.get(path);
  if (!m) { m = new WebAssembly.Module(readFileSync(path)); modules.set(path, m); }
  return m;
}

interface Run { code: number; stdout: string; stderr: string; initialMemory: number; finalMemory: number; }

/** Runs a WASI build under node:wasi with `args`; `dir` is preopened as "." (fd 3), like --dir=. */
function runWasi(build: string, args: string[], dir: string, preopens: Record<string, string> = { '.': dir }): Run {
  const io = mkdtempSync(join(tmpdir(), 'microlite-wasi-io-'));
  const outFd = openSync(join(io, 'stdout'), 'w+');
  const errFd = openSync(join(io, 'stderr'), 'w+');
  try {
    const wasi = new WASI({ version: 'preview1', args: ['microlite', ...args], env: {}, preopens, stdout: outFd, stderr: errFd, returnOnExit: true });
    const instance = new WebAssembly.Instance(moduleOf(build), wasi.getImportObject() as WebAssembly.Imports);
    const memory = instance.exports.memory as WebAssembly.Memory;
    const initialMemory = memory.buffer.byteLength;
    const code = wasi.start(instance) ?? 0;
    return {
      code, initialMemory, finalMemory: memory.buffer.byteLength,
      stdout: readFileSync(join(io, 'stdout'), 'utf8'), stderr: readFileSync(join(io, 'stderr'), 'utf8'),
    };
  } finally {
    closeSync(outFd);
    closeSync(errFd);
    rmSync(io, { recursive: true, force: true });
  }
}

/** A failed run: the exit code and exactly one line on stderr matching `message`. */
function assertFails(r: Run, code: number, message: RegExp): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  assert.match(r.stderr, /^microlite: [^\n]+\n$/, 'one line on stderr');
  assert.match(r.stderr, message);
}

function workDir(): string { return mkdtempSync(join(tmpdir(), 'microlite-wasi-')); }

interface IndexEntry { name: string; model: string; goldens: string; }
interface Manifest { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }>; }

const conformance = conformanceDir();
const index: IndexEntry[] = conformance ? JSON.parse(readFileSync(join(conformance, 'INDEX.json'), 'utf8')) : [];

for (const build of BUILDS) {
  test(`${build.variant} WASI build imports only the minimal WASI calls`, () => {
    const imports = WebAssembly.Module.imports(moduleOf(build.path));
    const bad = imports.filter((i) => i.module !== 'wasi_snapshot_preview1' || !ALLOWED_IMPORTS.includes(i.name));
    assert.deepEqual(bad.map((i) => `${i.module}.${i.name}`), [], 'imports outside the allowed list');
    const exports = WebAssembly.Module.exports(moduleOf(build.path)).map((e) => e.name);
    assert.ok(exports.includes('_start') && exports.includes('memory'), 'a WASI command exports _start and memory');
    assert.ok(!exports.includes('_initialize'), 'a command, not a reactor');
  });

  for (const name of CORE_MODELS) {
    test(`${build.variant} WASI: ${name} reproduces the goldens`, async (t) => {
      if (!conformance) { t.skip('no conformance data (set MICROLITE_CONFORMANCE)'); return; }
      const entry = index.find((m) => m.name === name);
      assert.ok(entry, `${name} in INDEX.json`);
      const bytes = readFileSync(join(conformance, entry.model));
      const work = workDir();
      try {
        writeFileSync(join(work, 'model.tflite'), bytes);
        // The JS bindings over the core build of the same kernel set: the same engine, so the
        // same bytes (and the same refusal, while an op is still missing).
        const engine = await engineFor(build.variant);
        let model;
        try { model = engine.load(bytes); } catch (err) {
          if (!(err instanceof MicroliteError)) throw err;
          const r = runWasi(build.path, ['run', 'model.tflite', 'in.bin', 'out'], work);
          assertFails(r, 1, new RegExp(escape(err.message)));
          t.skip(`refused by the engine: ${err.message}`);
          return;
        }
        const manifest = JSON.parse(readFileSync(join(conformance, entry.goldens, 'manifest.json'), 'utf8')) as Manifest;
        for (const g of manifest.goldens) {
          const steps = g.steps ?? 1;
          const input = readFileSync(join(conformance, entry.goldens, g.input));
          copyFileSync(join(conformance, entry.goldens, g.input), join(work, 'in.bin'));
          const r = runWasi(build.path, ['run', 'model.tflite', 'in.bin', 'out', '--steps', String(steps)], work);
          assert.equal(r.code, 0, `${g.name}: ${r.stderr}`);
          assert.equal(r.stderr, '');
          model.reset();
          const viaBindings = runSteps(model, input, steps);
          g.outputs.forEach((o, i) => {
            const got = readFileSync(join(work, `out.output${i}.bin`));
            const want = readFileSync(join(conformance, entry.goldens, o.file));
            const diff = compareOutput(model.outputs[i].dtype, got, want);
            assert.equal(diff, null, `${g.name} output ${i}: ${diff?.detail}`);
            assert.ok(Buffer.from(viaBindings[i]).equals(got), `${g.name} output ${i}: same bytes as the JS bindings`);
          });
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }

  test(`${build.variant} WASI: models TFLM refuses are refused with a message`, (t) => {
    if (!conformance) { t.skip('no conformance data'); return; }
    const work = workDir();
    try {
      for (const name of REFUSED_MODELS) {
        const entry = index.find((m) => m.name === name)!;
        copyFileSync(join(conformance, entry.model), join(work, 'model.tflite'));
        assertFails(runWasi(build.path, ['inspect', 'model.tflite'], work), 1, /^microlite: model\.tflite: .{10,}/);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test(`${build.variant} WASI: run with --steps keeps state, writes N outputs back to back`, async () => {
    const work = workDir();
    try {
      const sine = buildSineModel();
      writeFileSync(join(work, 'sine.tflite'), sine);
      writeFileSync(join(work, 'x.bin'), Int8Array.from([-128, -20, 40, 127]));
      const r = runWasi(build.path, ['run', 'sine.tflite', 'x.bin', 'y', '--steps', '4'], work);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^ran sine\\.tflite \\(${build.variant}\\) 4 steps; wrote y\\.output0\\.bin\\n$`));
      const model = (await engineFor(build.variant)).load(sine);
      const want = runSteps(model, readFileSync(join(work, 'x.bin')), 4)[0];
      assert.deepEqual(readFileSync(join(work, 'y.output0.bin')), Buffer.from(want));
      // The Node CLI's option form names the same files.
      const r2 = runWasi(build.path, ['run', 'sine.tflite', '--input', 'x.bin', '--output=z', '--steps=4'], work);
      assert.equal(r2.code, 0, r2.stderr);
      assert.deepEqual(readFileSync(join(work, 'z.output0.bin')), Buffer.from(want));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test(`${build.variant} WASI: error paths exit non-zero with one line on stderr`, () => {
    const work = workDir();
    try {
      writeFileSync(join(work, 'sine.tflite'), buildSineModel());
      writeFileSync(join(work, 'text.tflite'), 'this is not a model, just some text');
      writeFileSync(join(work, 'three.bin'), new Uint8Array(3));
      writeFileSync(join(work, 'one.bin'), new Uint8Array(1));
      const run = (...args: string[]) => runWasi(build.path, args, work);
      assertFails(run('run', 'missing.tflite', 'one.bin', 'out'), 1, /cannot open model file missing\.tflite: no such file/);
      assertFails(run('inspect', 'missing.tflite'), 1, /cannot open model file missing\.tflite: no such file/);
      assertFails(run('run', 'text.tflite', 'one.bin', 'out'), 1, /text\.tflite: not a TFLite model: file identifier is ' is ', expected 'TFL3'/);
      assertFails(run('run', 'sine.tflite', 'three.bin', 'out'), 1, /input holds 3 bytes; the model takes 1 bytes per invoke$/m);
      assertFails(run('run', 'sine.tflite', 'three.bin', 'out', '--steps', '2'), 1, /input holds 3 bytes; the model takes 1 bytes per invoke x 2 steps/);
      assertFails(run('run', 'sine.tflite', 'missing.bin', 'out'), 1, /cannot open input file missing\.bin: no such file/);
      assertFails(run('run', 'sine.tflite', 'one.bin', 'no/such/dir/out'), 1, /cannot create output file no\/such\/dir\/out\.output0\.bin/);
      assertFails(run('run', 'sine.tflite', 'one.bin', 'out', '--steps', '0'), 2, /--steps must be an integer >= 1, got '0'/);
      assertFails(run('run', 'sine.tflite', 'one.bin', 'out', '--steps'), 2, /--steps needs a value/);
      assertFails(run('run', 'sine.tflite', 'one.bin', 'out', '--json'), 2, /unknown option --json/);
      assertFails(run('run', 'sine.tflite', 'one.bin'), 2, /usage: run MODEL\.tflite IN\.bin OUT_PREFIX/);
      assertFails(run('inspect'), 2, /usage: inspect MODEL\.tflite/);
      assertFails(run('frobnicate'), 2, /unknown command 'frobnicate'/);
      assertFails(run(), 2, /no command given/);
      assertFails(run('run', '../escape.tflite', 'one.bin', 'out'), 1, /outside the preopened directory/);
      const help = run('--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /run MODEL\.tflite IN\.bin OUT_PREFIX \[--steps N\]/);
      assert.match(help.stdout, new RegExp(`this build: ${build.variant} kernels`, 'i'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test(`${build.variant} WASI: inspect reports ops, tensors, arena and linear memory; memory starts at one page`, async () => {
    const work = workDir();
    try {
      const sine = buildSineModel();
      writeFileSync(join(work, 'sine.tflite'), sine);
      const r = runWasi(build.path, ['inspect', 'sine.tflite'], work);
      assert.equal(r.code, 0, r.stderr);
      const model = (await engineFor(build.variant)).load(sine);
      const n = (x: number) => x.toLocaleString('en-US');
      assert.match(r.stdout, new RegExp(`^sine\\.tflite: ${model.ops.length} ops, ${model.tensors.length} tensors \\(${build.variant} build\\)$`, 'm'));
      assert.match(r.stdout, new RegExp(`^arena: ${n(model.arena.total)} bytes = ${n(model.arena.planned)} planned \\+ ${n(model.arena.persistent)} persistent$`, 'm'));
      assert.match(r.stdout, /^ +0 {2}FULLY_CONNECTED v\d/m);
      assert.match(r.stdout, /^ +0 {2}int8 +\[1,1\] +planned +input /m);
      const memory = Number(/^linear memory: ([\d,]+) bytes/m.exec(r.stdout)![1].replace(/,/g, ''));
      assert.equal(memory, r.finalMemory);
      // Static data (and no stack in linear memory) fit the first 64 KiB page; memory then
      // grows by whole pages to what the model file and the arena need.
      assert.equal(r.initialMemory, 65536, 'static data (memory.data, strings, tables) must fit the first 64 KiB page: per-call buffers belong in the arena (requestScratch)');
      const page = 65536;
      const need = sine.length + model.arena.total + 4096; // + arguments, block headers
      assert.ok(r.finalMemory <= page + Math.ceil(need / page) * page, `${r.finalMemory} bytes of memory for ${need}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test(`${build.variant} WASI: inspect lists every tensor of a real model with its quantization`, async (t) => {
    if (!conformance) { t.skip('no conformance data'); return; }
    const entry = index.find((m) => m.name === 'tiny_kws_dscnn_int8')!;
    const bytes = readFileSync(join(conformance, entry.model));
    const work = workDir();
    try {
      writeFileSync(join(work, 'kws.tflite'), bytes);
      const r = runWasi(build.path, ['inspect', 'kws.tflite'], work);
      assert.equal(r.code, 0, r.stderr);
      const tensors = (await engineFor(build.variant)).load(bytes).tensors;
      const lines = r.stdout.split('\n').filter((l) => /^ +\d+ {2}(int|float|uint|bool)/.test(l));
      assert.equal(lines.length, tensors.length);
      lines.forEach((line, i) => {
        const ti = tensors[i];
        assert.ok(line.includes(` ${ti.dtype} `) && line.includes(`[${ti.shape.join(',')}]`) && line.includes(ti.name), line);
        const scale = / scale (\S+) zp (-?\d+)/.exec(line);
        assert.equal(scale !== null, ti.scale > 0, line);
        if (scale) {
          assert.ok(Math.abs(Number(scale[1]) - ti.scale) <= 5e-6 * ti.scale, `${scale[1]} vs ${ti.scale}`);
          assert.equal(Number(scale[2]), ti.zeroPoint);
        }
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test(`${build.variant} WASI: absolute paths work where the runtime preopens /`, () => {
    const work = workDir();
    try {
      writeFileSync(join(work, 'sine.tflite'), buildSineModel());
      writeFileSync(join(work, 'one.bin'), new Uint8Array(1));
      const r = runWasi(build.path, ['run', join(work, 'sine.tflite'), join(work, 'one.bin'), join(work, 'abs')], work, { '/': '/' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(work, 'abs.output0.bin')).length, 1);
      // "." then "/" (fd 3 and fd 4, like --dir=. --dir=/): relative and absolute paths both work.
      const both = runWasi(build.path, ['run', 'sine.tflite', join(work, 'one.bin'), 'both'], work, { '.': work, '/': '/' });
      assert.equal(both.code, 0, both.stderr);
      assert.equal(readFileSync(join(work, 'both.output0.bin')).length, 1);
      // With only "." preopened, an absolute path is refused with a hint.
      assertFails(runWasi(build.path, ['inspect', join(work, 'sine.tflite')], work), 1, /not found through the preopened directories \(an absolute path needs \/ preopened too, e\.g\. --dir=\. --dir=\/;/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

// ---- a host with exactly the eight calls (what wasm3's minimal WASI gives) -----------------

const ERRNO: Record<string, number> = { ENOENT: 44, EACCES: 2, EISDIR: 31, ENOTDIR: 54, EEXIST: 20 };

class ProcExit { constructor(readonly code: number) {} }

/**
 * Runs a command with a WASI of only the allowed calls. Like wasm3: fd 3 is the directory
 * `dir`, relative paths resolve against it, absolute ones are opened as they are (openat).
 */
function runMinimalWasi(build: string, args: string[], dir: string): { code: number; stdout: string; stderr: string } {
  let memory: WebAssembly.Memory;
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const argv = ['microlite', ...args].map((a) => Buffer.from(`${a}\0`));
  const files = new Map<number, { fd: number; pos: number }>();
  let nextFd = 4;
  const out: string[] = [];
  const err: string[] = [];
  const iovecs = (iovs: number, n: number) => Array.from({ length: n }, (_, k) => [view().getUint32(iovs + 8 * k, true), view().getUint32(iovs + 8 * k + 4, true)]);
  const imports = {
    args_sizes_get(argc: number, size: number) { view().setUint32(argc, argv.length, true); view().setUint32(size, argv.reduce((s, a) => s + a.length, 0), true); return 0; },
    args_get(ptrs: number, buf: number) {
      for (const [k, a] of argv.entries()) { view().setUint32(ptrs + 4 * k, buf, true); bytes().set(a, buf); buf += a.length; }
      return 0;
    },
    fd_write(fd: number, iovs: number, n: number, written: number) {
      let total = 0;
      for (const [p, len] of iovecs(iovs, n)) {
        const chunk = bytes().slice(p, p + len);
        if (fd === 1 || fd === 2) (fd === 1 ? out : err).push(Buffer.from(chunk).toString('utf8'));
        else { const f = files.get(fd); if (!f) return 8; writeSync(f.fd, chunk, 0, len, f.pos); f.pos += len; }
        total += len;
      }
      view().setUint32(written, total, true);
      return 0;
    },
    fd_read(fd: number, iovs: number, n: number, read: number) {
      const f = files.get(fd);
      if (!f) return 8;
      let total = 0;
      for (const [p, len] of iovecs(iovs, n)) { const k = readSync(f.fd, bytes(), p, len, f.pos); f.pos += k; total += k; if (k < len) break; }
      view().setUint32(read, total, true);
      return 0;
    },
    fd_seek(fd: number, offset: bigint, whence: number, result: number) {
      const f = files.get(fd);
      if (!f) return 8;
      f.pos = Number(offset) + (whence === 0 ? 0 : whence === 1 ? f.pos : fstatSync(f.fd).size);
      view().setBigUint64(result, BigInt(f.pos), true);
      return 0;
    },
    fd_close(fd: number) { const f = files.get(fd); if (!f) return 8; closeSync(f.fd); files.delete(fd); return 0; },
    path_open(dirfd: number, _dirflags: number, path: number, len: number, oflags: number, rights: bigint, _inh: bigint, _fdflags: number, result: number) {
      if (dirfd !== 3) return 8;
      const p = Buffer.from(bytes().slice(path, path + len)).toString('utf8');
      const write = (rights & 64n) !== 0n;
      try {
        const fd = openSync(isAbsolute(p) ? p : join(dir, p), write ? ((oflags & 8) ? 'w' : 'r+') : 'r');
        files.set(nextFd, { fd, pos: 0 });
        view().setUint32(result, nextFd++, true);
        return 0;
      } catch (e) {
        return ERRNO[(e as NodeJS.ErrnoException).code ?? ''] ?? 29;
      }
    },
    proc_exit(code: number) { throw new ProcExit(code); },
  };
  const instance = new WebAssembly.Instance(moduleOf(build), { wasi_snapshot_preview1: imports });
  memory = instance.exports.memory as WebAssembly.Memory;
  let code = 0;
  try { (instance.exports._start as () => void)(); } catch (e) { if (e instanceof ProcExit) code = e.code; else throw e; }
  for (const f of files.values()) closeSync(f.fd);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

for (const build of BUILDS) {
  test(`${build.variant} WASI build runs on a host with only the eight minimal calls (wasm3-like paths)`, async () => {
    const work = workDir();
    try {
      const sine = buildSineModel();
      writeFileSync(join(work, 'sine.tflite'), sine);
      writeFileSync(join(work, 'x.bin'), Int8Array.from([0, 64]));
      const r = runMinimalWasi(build.path, ['run', 'sine.tflite', 'x.bin', 'y', '--steps', '2'], work);
      assert.equal(r.code, 0, r.stderr);
      const model = (await engineFor(build.variant)).load(sine);
      assert.deepEqual(readFileSync(join(work, 'y.output0.bin')), Buffer.from(runSteps(model, readFileSync(join(work, 'x.bin')), 2)[0]));
      // Absolute paths are opened as given (wasm3's openat).
      const abs = runMinimalWasi(build.path, ['inspect', join(work, 'sine.tflite')], work);
      assert.equal(abs.code, 0, abs.stderr);
      assert.match(abs.stdout, /FULLY_CONNECTED/);
      const missing = runMinimalWasi(build.path, ['inspect', 'missing.tflite'], work);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /^microlite: cannot open model file missing\.tflite: no such file\n$/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

function escape(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
