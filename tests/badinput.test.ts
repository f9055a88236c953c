// Bad input from the host: wrong input lengths, models larger than memory, arenas too small,
// calls before load and after dispose, bad handles and indices to the raw ABI. Each is a clear
// error, and the engine stays usable for the next call.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Microlite, MicroliteError } from '../bindings/index.js';
import { main as cli } from '../bindings/cli.js';
import { ModelBuilder } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { engineFor, VARIANTS, repoRoot } from './helpers.js';

/** x[1,4] int8 -> FULLY_CONNECTED -> y[1,3] int8. */
function smallModel(): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'int8', shape: [1, 4], scale: 0.1, zeroPoint: 0 });
  const w = m.constant({ dtype: 'int8', shape: [3, 4], data: [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12], scale: 0.05, zeroPoint: 0 });
  const y = m.tensor({ name: 'y', dtype: 'int8', shape: [1, 3], scale: 0.02, zeroPoint: 3 });
  m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  return m.finish();
}
const INPUT = new Int8Array([10, -20, 30, 40]);

/** Loads the small model into `engine`, runs it, and returns its output (the engine works). */
function works(engine: Microlite): number[] {
  const model = engine.load(smallModel());
  model.inputs[0].set(INPUT);
  model.invoke();
  const out = Array.from(model.outputs[0].data as Int8Array);
  model.dispose();
  return out;
}

let expected: number[] | null = null;
async function want(): Promise<number[]> { return expected ??= works(await engineFor('scalar')); }

for (const variant of VARIANTS) {
  test(`${variant}: input of the wrong length is refused, the engine stays usable`, async () => {
    const engine = await engineFor(variant);
    const model = engine.load(smallModel());
    const x = model.inputs[0];
    assert.throws(() => x.set([1, 2, 3]), /tensor 'x' holds 4 values \(4 bytes\), got 3/);
    assert.throws(() => x.set(new Int8Array(5)), /holds 4 values \(4 bytes\), got 5/);
    assert.throws(() => x.set([]), /holds 4 values/);
    x.set(INPUT);
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), await want());
  });

  test(`${variant}: a model larger than the engine's memory limit is a clear error`, async () => {
    const engine = await engineFor(variant);
    // 2 GiB + 16: more than a block can hold (the bytes are never touched: the copy is refused first).
    const huge = new Uint8Array(new ArrayBuffer(2 ** 31 + 16));
    assert.throws(() => engine.load(huge), /^MicroliteError: out of memory: cannot hold a model of 2,147,483,664 bytes$/);
    const e = engine.abi.exports;
    assert.equal(e.ml_alloc(0xffffffff), 0);
    assert.equal(e.ml_alloc(0x80000000), 0);
    assert.deepEqual(works(engine), await want());
  });

  test(`${variant}: arenaBytes too small says how many bytes are needed, and that figure works`, async () => {
    const probe = await engineFor(variant);
    probe.load(smallModel());
    const total = probe.arena.total;
    const small = await engineFor(variant, 64);
    assert.throws(() => small.load(smallModel()), new RegExp(`^MicroliteError: arena too small: needs ${total.toLocaleString('en-US')} bytes, got 64$`));
    // Same engine: no model is loaded, so the arena can be sized again.
    const model = small.load(smallModel(), { arenaBytes: total });
    model.inputs[0].set(INPUT);
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), await want());
    assert.throws(() => small.load(smallModel(), { arenaBytes: total * 2 }), /set arenaBytes before the first model is loaded/);
    for (const bad of [-1, 1.5, NaN, 0x80000000, Infinity]) {
      await assert.rejects(Microlite.create({ variant, arenaBytes: bad }), /arenaBytes must be an integer from 0 to 2147418112/);
    }
    // The raw ABI refuses sizes it cannot hold (a size that would wrap when aligned, too).
    const e = small.abi.exports;
    model.dispose();
    for (const bad of [0xfffffff8, 0xffffffff, 0x80000000]) {
      assert.equal(e.ml_arena_configure(bad), 0, `ml_arena_configure(${bad})`);
      assert.match(small.abi.error(), /out of memory|arena/);
    }
    assert.equal(e.ml_arena_configure(0), 1);
    assert.deepEqual(works(small), await want());
  });

  test(`${variant}: invoke before load and after dispose are clear errors`, async () => {
    const engine = await engineFor(variant);
    const e = engine.abi.exports;
    assert.equal(e.ml_invoke(1), 0);
    assert.match(engine.abi.error(), /not a loaded model/);
    const model = engine.load(smallModel());
    model.dispose();
    assert.throws(() => model.invoke(), /^MicroliteError: this model has been disposed$/);
    assert.throws(() => model.reset(), /disposed/);
    assert.throws(() => model.inputs[0].data, /disposed/);
    assert.throws(() => model.inputs[0].set(INPUT), /disposed/);
    assert.throws(() => model.tensors, /disposed/);
    model.dispose(); // twice: a no-op
    assert.deepEqual(works(engine), await want());
  });

  test(`${variant}: bad handles and indices to the raw ABI give errors, never traps`, async () => {
    const engine = await engineFor(variant);
    const e = engine.abi.exports as unknown as Record<string, unknown>;
    const model = engine.load(smallModel());
    const h = model.id;
    const gone = engine.load(smallModel());
    const goneId = gone.id;
    gone.dispose();
    const badHandles = [0, -1, goneId, h + 1000, 0x7fffffff, -0x80000000];
    const badIndices = [-1, 3, 4, 99, 0x7fffffff, -0x80000000];
    // Functions whose first argument is a model handle; every other argument gets bad indices too.
    const byHandle = Object.keys(e).filter((k) => typeof e[k] === 'function' && /^ml_(unload|invoke|reset|input_|output_|tensor_|op_(?!names)|model_|scratch_)/.test(k));
    assert.ok(byHandle.length >= 25, `found ${byHandle.length} handle functions`);
    for (const name of byHandle) {
      const f = e[name] as (...args: number[]) => number;
      if (name === 'ml_unload') continue; // below
      for (const bad of badHandles) {
        const args = [bad, 0, 0].slice(0, Math.max(1, f.length));
        const r = f(...args);
        assert.ok(r === 0 || r === -1 || r === -2, `${name}(${args}) = ${r}`);
        assert.match(engine.abi.error(), /not a loaded model/, `${name}(${args})`);
      }
      if (f.length < 2 || name === 'ml_invoke') continue;
      for (const i of badIndices) {
        for (const j of f.length > 2 ? badIndices : [0]) {
          // Valid combinations exist (tensor 3 of 4, input 0 of op 0): only "no trap" is required.
          f(h, i, j);
        }
      }
    }
    assert.equal(e.ml_invoke_op instanceof Function && (e.ml_invoke_op as (a: number, b: number) => number)(h, -1), 0);
    assert.equal((e.ml_invoke_op as (a: number, b: number) => number)(h, 1), 0);
    assert.equal((e.ml_unload as (a: number) => number)(goneId), 0);
    assert.match(engine.abi.error(), /not a loaded model/);
    assert.equal((e.ml_unload as (a: number) => number)(0), 0);
    // Buffers: freeing what is not a block, twice, or a loaded model's bytes changes nothing.
    const ml = engine.abi.exports;
    ml.ml_free(0); ml.ml_free(7); ml.ml_free(16); ml.ml_free(0xfffffff0); ml.ml_free(ml.ml_error_ptr());
    const p = ml.ml_alloc(100);
    assert.ok(p > 0);
    ml.ml_free(p); ml.ml_free(p);
    const held = (engine.abi.exports as unknown as { ml_model_data(h: number): number }).ml_model_data(h);
    ml.ml_free(held);
    assert.match(engine.abi.error(), /cannot free a buffer the engine holds/);
    ml.ml_free((engine.abi.exports as unknown as { ml_arena_base(): number }).ml_arena_base());
    assert.match(engine.abi.error(), /cannot free a buffer the engine holds/);
    const q = ml.ml_alloc(smallModel().length); // would reuse the model's bytes had they been freed
    new Uint8Array(ml.memory.buffer, q, smallModel().length).fill(0xee);
    ml.ml_free(q);
    // Loads from bad places: outside memory, not a block, a length past the block.
    assert.equal(ml.ml_load(0xfffffff0, 100), 0);
    assert.match(engine.abi.error(), /outside linear memory/);
    assert.equal(ml.ml_load(0, 0), 0);
    assert.match(engine.abi.error(), /not a TFLite model/);
    assert.equal(ml.ml_load(64, 1000), 0);
    assert.ok(engine.abi.error().length > 0);
    const r = ml.ml_alloc(32);
    assert.equal(ml.ml_load(r, 4096), 0);
    assert.match(engine.abi.error(), /exceeds its buffer/);
    ml.ml_free(r);
    // The model loaded before all this still runs, and so do new ones.
    model.inputs[0].set(INPUT);
    model.invoke();
    assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), await want());
    assert.deepEqual(works(engine), await want());
  });
}

test('the CLI refuses an input file of the wrong length with a message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'microlite-badinput-'));
  try {
    const modelPath = join(dir, 'model.tflite');
    writeFileSync(modelPath, smallModel());
    writeFileSync(join(dir, 'short.bin'), new Uint8Array(3));
    writeFileSync(join(dir, 'ok.bin'), new Uint8Array(8));
    const errors: string[] = [];
    const saved = console.error;
    const savedLog = console.log;
    console.error = (...a: unknown[]) => { errors.push(a.join(' ')); };
    console.log = () => {};
    let codes: number[];
    try {
      codes = [
        await cli(['run', modelPath, '--input', join(dir, 'short.bin'), '--output', join(dir, 'out'), '--variant', 'scalar']),
        await cli(['run', modelPath, '--input', join(dir, 'ok.bin'), '--output', join(dir, 'out'), '--variant', 'scalar']),
        await cli(['run', modelPath, '--input', join(dir, 'ok.bin'), '--output', join(dir, 'out'), '--steps', '2', '--variant', 'scalar']),
        await cli(['run', join(dir, 'missing.tflite'), '--input', join(dir, 'ok.bin'), '--output', join(dir, 'out')]),
        await cli(['run', join(dir, 'ok.bin'), '--input', join(dir, 'ok.bin'), '--output', join(dir, 'out'), '--variant', 'scalar']),
      ];
    } finally {
      console.error = saved;
      console.log = savedLog;
    }
    assert.deepEqual(codes, [2, 2, 0, 2, 2]);
    assert.match(errors[0], /^microlite: input holds 3 bytes; the model takes 4 bytes per invoke$/);
    assert.match(errors[1], /input holds 8 bytes; the model takes 4 bytes per invoke$/);
    assert.match(errors[2], /model file not found/);
    assert.match(errors[3], /not a TFLite model/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI runs another engine build with --wasm; the core-ops build refuses other ops by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'microlite-wasm-flag-'));
  try {
    const modelPath = join(dir, 'model.tflite');
    writeFileSync(modelPath, smallModel());
    writeFileSync(join(dir, 'in.bin'), new Uint8Array(INPUT.buffer));
    const absModel = new ModelBuilder();
    const x = absModel.tensor({ dtype: 'float32', shape: [2] });
    const y = absModel.tensor({ dtype: 'float32', shape: [2] });
    absModel.op('ABS', [x], [y]);
    absModel.inputs(x).outputs(y);
    writeFileSync(join(dir, 'abs.tflite'), absModel.finish());
    const min = resolve(repoRoot, 'build/microlite.min.wasm');
    const errors: string[] = [];
    const saved = [console.error, console.log];
    console.error = (...a: unknown[]) => { errors.push(a.join(' ')); };
    console.log = () => {};
    let codes: number[];
    try {
      codes = [
        await cli(['run', modelPath, '--input', join(dir, 'in.bin'), '--output', join(dir, 'ref'), '--variant', 'scalar']),
        await cli(['run', modelPath, '--input', join(dir, 'in.bin'), '--output', join(dir, 'min'), '--wasm', min]),
        await cli(['inspect', join(dir, 'abs.tflite'), '--wasm', min]),
        await cli(['run', modelPath, '--input', join(dir, 'in.bin'), '--output', join(dir, 'x'), '--wasm', join(dir, 'missing.wasm')]),
        await cli(['run', modelPath, '--input', join(dir, 'in.bin'), '--output', join(dir, 'x'), '--wasm', min, '--variant', 'simd']),
        await cli(['run', modelPath, '--input', join(dir, 'in.bin'), '--output', join(dir, 'x'), '--wasm', modelPath]),
      ];
    } finally {
      [console.error, console.log] = saved;
    }
    assert.deepEqual(codes, [0, 0, 2, 2, 2, 2]);
    assert.deepEqual(readFileSync(join(dir, 'min.output0.bin')), readFileSync(join(dir, 'ref.output0.bin')));
    assert.match(errors[0], /^microlite: ABS v1 is not supported by this engine \(built with a chosen set of ops\)/);
    assert.match(errors[1], /^microlite: engine build not found: .*missing\.wasm$/);
    assert.match(errors[2], /^microlite: this \.wasm is the scalar build, not simd$/);
    assert.match(errors[3], /^microlite: cannot compile the engine build: .*magic word/, 'a file that is not wasm: a message, not a CompileError');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one engine survives a stream of refused models and keeps its loaded model intact', async () => {
  const engine = await engineFor('scalar');
  const model = engine.load(smallModel());
  const bytes = smallModel();
  for (let n = 0; n < bytes.length; n += 5) {
    assert.throws(() => engine.load(bytes.slice(0, n)), MicroliteError);
  }
  assert.throws(() => engine.load(new Uint8Array(64).fill(0xff)), MicroliteError);
  model.inputs[0].set(INPUT);
  model.invoke();
  assert.deepEqual(Array.from(model.outputs[0].data as Int8Array), await want());
});
