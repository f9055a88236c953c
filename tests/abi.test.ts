// The embedding ABI of the core builds, driven the way a firmware host (wasm3, WAMR) drives
// it: raw exports and linear memory only, no bindings. Also: zero imports, the size-optimised
// build reproducing the goldens, and the size of every build (printed as diagnostics).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { conformanceDir, repoRoot } from './helpers.js';

const CORE_BUILDS = ['microlite.wasm', 'microlite.simd.wasm', 'microlite.min.wasm'].map((f) => resolve(repoRoot, 'build', f));

type Fn = (...args: number[]) => number;

/** A host with nothing but the module's exports (what a C host gets from m3_FindFunction / wasm_runtime_lookup_function). */
class RawHost {
  readonly e: Record<string, Fn> & { memory: WebAssembly.Memory };
  constructor(path: string) {
    const module = new WebAssembly.Module(readFileSync(path));
    this.e = new WebAssembly.Instance(module, {}).exports as unknown as RawHost['e'];
  }
  u8(): Uint8Array { return new Uint8Array(this.e.memory.buffer); }
  view(): DataView { return new DataView(this.e.memory.buffer); }
  error(): string { return Buffer.from(this.u8().slice(this.e.ml_error_ptr(), this.e.ml_error_ptr() + this.e.ml_error_len())).toString('utf8'); }
  /** ml_alloc, copy, ml_load; frees the buffer when the load fails (the engine owns it otherwise). */
  load(bytes: Uint8Array): number {
    const ptr = this.e.ml_alloc(bytes.length);
    assert.notEqual(ptr, 0, 'ml_alloc');
    this.u8().set(bytes, ptr);
    const handle = this.e.ml_load(ptr, bytes.length);
    if (handle === 0) this.e.ml_free(ptr);
    return handle;
  }
  dims(handle: number, t: number): number[] {
    const rank = this.e.ml_tensor_rank(handle, t);
    const p = this.e.ml_tensor_dims(handle, t);
    return Array.from({ length: rank }, (_, d) => this.view().getInt32(p + 4 * d, true));
  }
  /** The host loop of the README: inputs in order, invoke, outputs in order, `steps` times. */
  run(handle: number, input: Uint8Array, steps: number): Uint8Array[] {
    const e = this.e;
    const outs: Uint8Array[][] = Array.from({ length: e.ml_output_count(handle) }, () => []);
    let offset = 0;
    for (let s = 0; s < steps; s++) {
      for (let i = 0; i < e.ml_input_count(handle); i++) {
        const t = e.ml_input_tensor(handle, i);
        const n = e.ml_tensor_bytes(handle, t);
        this.u8().set(input.subarray(offset, offset + n), e.ml_tensor_data(handle, t));
        offset += n;
      }
      assert.equal(e.ml_invoke(handle), 1, this.error());
      outs.forEach((o, i) => {
        const t = e.ml_output_tensor(handle, i);
        const p = e.ml_tensor_data(handle, t);
        o.push(this.u8().slice(p, p + e.ml_tensor_bytes(handle, t)));
      });
    }
    assert.equal(offset, input.length, 'input consumed');
    return outs.map((o) => Buffer.concat(o));
  }
}

/** y = W x + b in float32, with small integers (exact results). */
function floatModel(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'float32', shape: [1, 3] });
  const w = m.constant({ dtype: 'float32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
  const b = m.constant({ dtype: 'float32', shape: [2], data: [0.5, -1] });
  const y = m.tensor({ name: 'y', dtype: 'float32', shape: [1, 2] });
  m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  return m.finish();
}

/** int8 y = (x - 1) . [2, 3] * 0.125 - 2: scales chosen so that no rounding happens. */
function int8Model(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'int8', shape: [1, 2], scale: 0.5, zeroPoint: 1 });
  const w = m.constant({ dtype: 'int8', shape: [1, 2], data: [2, 3], scale: 0.25, zeroPoint: 0 });
  const y = m.tensor({ name: 'y', dtype: 'int8', shape: [1, 1], scale: 1, zeroPoint: -2 });
  m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  return m.finish();
}

for (const path of CORE_BUILDS) {
  const build = path.slice(path.lastIndexOf('/') + 1);

  test(`${build} has no imports (a host provides nothing)`, () => {
    assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(path))), []);
  });

  test(`${build}: load, describe, set input, invoke, read output through the raw ABI`, () => {
    const host = new RawHost(path);
    const e = host.e;
    assert.equal(e.ml_abi_version(), 1);
    assert.equal(e.ml_simd(), build.includes('simd') ? 1 : 0);
    const h = host.load(floatModel());
    assert.ok(h > 0, host.error());
    assert.equal(e.ml_error_len(), 0);
    assert.equal(e.ml_input_count(h), 1);
    assert.equal(e.ml_output_count(h), 1);
    const x = e.ml_input_tensor(h, 0);
    const y = e.ml_output_tensor(h, 0);
    assert.equal(e.ml_tensor_type(h, x), 0); // float32
    assert.deepEqual(host.dims(h, x), [1, 3]);
    assert.equal(e.ml_tensor_dim(h, x, 1), 3);
    assert.equal(e.ml_tensor_bytes(h, x), 12);
    assert.equal(Buffer.from(host.u8().slice(e.ml_tensor_name_ptr(h, x), e.ml_tensor_name_ptr(h, x) + e.ml_tensor_name_len(h, x))).toString(), 'x');
    assert.equal(e.ml_op_count(h), 1);
    assert.equal(e.ml_op_code(h, 0), 9); // FULLY_CONNECTED
    assert.equal(e.ml_op_custom_name_len(h, 0), 0);
    assert.ok(e.ml_arena_used() > 0 && e.ml_arena_used() <= e.ml_arena_capacity());
    new Float32Array(e.memory.buffer, e.ml_tensor_data(h, x), 3).set([1, 1, 1]);
    assert.equal(e.ml_invoke(h), 1, host.error());
    assert.deepEqual(Array.from(new Float32Array(e.memory.buffer, e.ml_tensor_data(h, y), 2)), [6.5, 14]);
    assert.equal(e.ml_reset(h), 1);

    const q = host.load(int8Model());
    assert.ok(q > 0, host.error());
    const qx = e.ml_input_tensor(q, 0);
    const qy = e.ml_output_tensor(q, 0);
    assert.equal(e.ml_tensor_type(q, qx), 9); // int8
    assert.equal(e.ml_tensor_scale(q, qx), 0.5);
    assert.equal(e.ml_tensor_zero_point(q, qx), 1);
    assert.equal(e.ml_tensor_zero_point(q, qy), -2);
    host.u8().set(Int8Array.from([5, 9]) as unknown as Uint8Array, e.ml_tensor_data(q, qx));
    assert.equal(e.ml_invoke(q), 1, host.error());
    assert.equal(new Int8Array(e.memory.buffer, e.ml_tensor_data(q, qy), 1)[0], 2);
    // Both models stay usable (they share the arena's planned area).
    assert.equal(e.ml_invoke(h), 1);
    assert.equal(e.ml_unload(q), 1);
    assert.equal(e.ml_unload(h), 1);
  });

  test(`${build}: errors come back as status codes and messages, never traps`, () => {
    const host = new RawHost(path);
    const e = host.e;
    assert.equal(host.load(new TextEncoder().encode('this is not a model, just some text')), 0);
    assert.match(host.error(), /^not a TFLite model: file identifier is ' is ', expected 'TFL3'$/);
    assert.equal(e.ml_load(e.memory.buffer.byteLength - 8, 64), 0);
    assert.match(host.error(), /outside linear memory/);
    assert.equal(e.ml_invoke(12345), 0);
    assert.equal(host.error(), 'not a loaded model (invalid handle)');
    assert.equal(e.ml_input_count(12345), -1);
    const h = host.load(floatModel());
    assert.ok(h > 0, host.error());
    assert.equal(e.ml_tensor_bytes(h, 99), -1);
    assert.equal(host.error(), 'tensor index out of range');
    assert.equal(e.ml_tensor_dims(h, -1), 0);
    assert.equal(e.ml_op_code(h, 7), -1);
    assert.equal(host.error(), 'operator index out of range');
    assert.equal(e.ml_input_tensor(h, 1), -1);
    assert.equal(e.ml_arena_configure(1 << 20), 0);
    assert.match(host.error(), /before any model is loaded/);
    assert.equal(e.ml_unload(h), 1);
    assert.equal(e.ml_invoke(h), 0);
    assert.equal(host.error(), 'not a loaded model (invalid handle)');
    // A fixed arena too small for the model: refused with the bytes it needs.
    assert.equal(e.ml_arena_configure(64), 1);
    assert.equal(host.load(floatModel()), 0);
    assert.match(host.error(), /^arena too small: needs [\d,]+ bytes, got 64$/);
  });
}

test('microlite.min.wasm (size-optimised, core ops) reproduces the goldens of the core models through the raw ABI and refuses other ops by name', (t) => {
  const dir = conformanceDir();
  if (!dir) { t.skip('no conformance data'); return; }
  const index = JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string; goldens: string; supported_by_tflm: boolean }>;
  const core = ['tflm_hello_world_int8', 'tflm_micro_speech_quantized', 'tflm_person_detect_int8', 'tiny_kws_dscnn_int8',
    'tiny_ic_resnet8_int8', 'tiny_ad_autoencoder_int8', 'tiny_vww_mobilenetv1_025_int8', 'tflm_keyword_scrambled_8bit',
    'tflm_mnist_lstm_int8', 'tflm_test_conv_model', 'tflm_network_tester'];
  for (const name of core) {
    const entry = index.find((m) => m.name === name)!;
    const host = new RawHost(resolve(repoRoot, 'build/microlite.min.wasm'));
    const h = host.load(readFileSync(join(dir, entry.model)));
    assert.notEqual(h, 0, `${name}: ${host.error()}`);
    const manifest = JSON.parse(readFileSync(join(dir, entry.goldens, 'manifest.json'), 'utf8')) as { goldens: Array<{ name: string; input: string; steps?: number; outputs: Array<{ file: string }> }> };
    for (const g of manifest.goldens) {
      assert.equal(host.e.ml_reset(h), 1);
      const outs = host.run(h, readFileSync(join(dir, entry.goldens, g.input)), g.steps ?? 1);
      g.outputs.forEach((o, i) => assert.ok(Buffer.from(outs[i]).equals(readFileSync(join(dir, entry.goldens, o.file))), `${name} ${g.name} output ${i}`));
    }
  }
  // An op outside the core set (the audio front end's) is refused at load, by name.
  const host = new RawHost(resolve(repoRoot, 'build/microlite.min.wasm'));
  assert.equal(host.load(readFileSync(join(dir, 'models/tflm_audio_preprocessor_int8.tflite'))), 0);
  assert.match(host.error(), /is not supported by this engine \(built with a chosen set of ops\)/);
});

test('build sizes (raw and gzip)', (t) => {
  const dir = resolve(repoRoot, 'build');
  const files = readdirSync(dir).filter((f) => f.endsWith('.wasm') && !f.includes('debug')).sort();
  const sizes = new Map<string, number>();
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    sizes.set(f, bytes.length);
    t.diagnostic(`${f.padEnd(28)} ${String(bytes.length).padStart(8)} bytes  ${String(gzipSync(bytes, { level: 9 }).length).padStart(7)} gzip`);
  }
  // The min build (same settings as the scalar build, core ops only) is the smallest.
  if (existsSync(join(dir, 'microlite.min.wasm'))) assert.ok(sizes.get('microlite.min.wasm')! < sizes.get('microlite.wasm')!, 'the min build is the smallest');
});
