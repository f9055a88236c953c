/**
 * microlite: TensorFlow Lite inference in WebAssembly, bit-exact with TFLM's reference kernels.
 * Runs in Node, browser pages and Web Workers; no runtime dependencies.
 *
 * ```ts
 * import { Microlite, quantize, dequantize } from 'microlite';
 * const engine = await Microlite.create();            // SIMD build when the host supports it
 * const model = engine.load(modelBytes);              // a .tflite file's bytes
 * model.inputs[0].set(quantize(features, model.inputs[0]));
 * model.invoke();
 * console.log(dequantize(model.outputs[0]));
 * ```
 * @module
 */

import { Abi, instantiate, WasmSource } from './abi.js';
import { MicroliteError } from './errors.js';
import type { ArenaBytes, CreateOptions, DType, LoadOptions, OpInfo, OpProfile, TensorData, TensorInfo } from './types.js';

export { MicroliteError };
export type { WasmSource };
export type * from './types.js';
export { quantize, dequantize } from './quantize.js';
export type { QuantizedArray } from './quantize.js';

// By TensorType value.
const DTYPE_NAMES = ('float32 float16 int32 uint8 int64 string bool int16 complex64 int8 float64 complex128 uint64 resource '
  + 'variant uint32 uint16 int4').split(' ') as DType[];

// A minimal module using one v128 instruction: it validates only where SIMD128 is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]);

/** True when this host runs WebAssembly SIMD128 (every current browser and Node ≥ 16 do). */
export function simdSupported(): boolean {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}

// The builds next to this module. Each `new URL('literal', import.meta.url)` is what bundlers
// (Vite, webpack, esbuild, Parcel) recognise to copy the file and rewrite the address.
function defaultWasm(simd: boolean): URL {
  return simd ? new URL('../../build/microlite.simd.wasm', import.meta.url) : new URL('../../build/microlite.wasm', import.meta.url);
}

function toBytes(source: ArrayBufferLike | ArrayBufferView): Uint8Array {
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (!source || typeof source !== 'object' || typeof source.byteLength !== 'number') throw new MicroliteError('model bytes must be an ArrayBuffer or a view of one');
  return new Uint8Array(source);
}

/**
 * One instance of the engine: a WebAssembly instance with one arena, shared by the models loaded
 * into it the way TFLM shares an arena between interpreters (planned area reused, persistent
 * areas stacked). Create several engines to run models independently or concurrently.
 */
export class Microlite {
  /** The kernel set this engine runs. */
  readonly variant: 'scalar' | 'simd';
  /** @internal */ readonly abi: Abi;
  private readonly loaded = new Set<Model>();
  private opNames: string[] | null = null;

  private constructor(abi: Abi, variant: 'scalar' | 'simd') {
    this.abi = abi;
    this.variant = variant;
  }

  /**
   * Compiles (once per build location) and instantiates the engine.
   * @throws {MicroliteError} when the build cannot be fetched or compiled, or SIMD is asked for
   * on a host without it.
   */
  static async create(options: CreateOptions = {}): Promise<Microlite> {
    const variant = options.variant ?? 'auto';
    if (variant !== 'auto' && variant !== 'scalar' && variant !== 'simd') throw new MicroliteError(`unknown variant '${String(variant)}' (auto, scalar or simd)`);
    if (variant === 'simd' && !simdSupported()) throw new MicroliteError('no WebAssembly SIMD on this host: use variant "scalar" or "auto"');
    const simd = variant === 'simd' || (variant === 'auto' && simdSupported());
    const abi = await instantiate(options.wasm ?? defaultWasm(simd));
    const built = abi.exports.ml_simd() ? 'simd' : 'scalar';
    if (variant !== 'auto' && built !== variant) throw new MicroliteError(`this .wasm is the ${built} build, not ${variant}`);
    const engine = new Microlite(abi, built);
    if (options.arenaBytes !== undefined) engine.configureArena(options.arenaBytes);
    if (options.whileLimit !== undefined) abi.exports.ml_set_while_limit(whole('whileLimit', options.whileLimit, 0xffffffff));
    return engine;
  }

  private configureArena(bytes: number): void {
    this.abi.check(this.abi.exports.ml_arena_configure(whole('arenaBytes', bytes, 0x7fff0000)));
  }

  /**
   * Loads a `.tflite` model: verifies it, prepares every op and plans the arena. The bytes are
   * copied into the engine; the caller's buffer can be reused.
   * @throws {MicroliteError} when the model is refused (the message names the op, tensor or field).
   */
  load(modelBytes: ArrayBufferLike | ArrayBufferView, options: LoadOptions = {}): Model {
    const bytes = toBytes(modelBytes);
    if (options.arenaBytes !== undefined) {
      if (this.loaded.size > 0) throw new MicroliteError('set arenaBytes before the first model is loaded');
      this.configureArena(options.arenaBytes);
    }
    const abi = this.abi;
    const e = abi.exports;
    const ptr = e.ml_alloc(bytes.length) >>> 0;
    if (ptr === 0) throw new MicroliteError(`out of memory: cannot hold a model of ${bytes.length.toLocaleString('en-US')} bytes`);
    abi.u8().set(bytes, ptr);
    const handle = abi.call(() => e.ml_load(ptr, bytes.length));
    if (handle === 0) {
      const message = abi.error();
      e.ml_free(ptr);
      throw new MicroliteError(message || 'the model could not be loaded');
    }
    const model = new Model(this, handle);
    this.loaded.add(model);
    return model;
  }

  /** The models loaded into this engine and not disposed, in load order. */
  get models(): Model[] { return [...this.loaded]; }

  /** Arena figures for all models of this engine, plus the arena's current capacity. */
  get arena(): ArenaBytes & { capacity: number } {
    const e = this.abi.exports;
    return { planned: e.ml_arena_head(), persistent: e.ml_arena_persistent(), total: e.ml_arena_used(), capacity: e.ml_arena_capacity() };
  }

  /** Bytes of linear memory the engine instance uses now (arena, model copies, code data). */
  get memoryBytes(): number { return this.abi.exports.memory.buffer.byteLength; }

  /**
   * The compiled engine build. Pass it as `wasm` to create more engines without compiling
   * again, in this thread or (it can be posted) in a worker.
   */
  get module(): WebAssembly.Module { return this.abi.module; }

  /** The name of builtin operator `code` (e.g. 3 → `CONV_2D`). */
  opName(code: number): string {
    if (!this.opNames) {
      const e = this.abi.exports;
      const ptr = e.ml_op_names_ptr();
      const text = new TextDecoder().decode(new Uint8Array(e.memory.buffer, ptr, e.ml_op_names_len())); // ASCII
      this.opNames = text.split(';');
    }
    return this.opNames[code] ?? `BUILTIN_${code}`;
  }

  /** @internal */
  forget(model: Model): void { this.loaded.delete(model); }
}

/** A model loaded into an engine. Obtain one with {@link Microlite.load}. */
export class Model {
  /** Input tensors, in the model's order. */
  readonly inputs: readonly Tensor[];
  /** Output tensors, in the model's order. */
  readonly outputs: readonly Tensor[];
  /** The engine this model lives in. */
  readonly engine: Microlite;
  private handle: number;

  /** @internal */
  constructor(engine: Microlite, handle: number) {
    this.engine = engine;
    this.handle = handle;
    const e = engine.abi.exports;
    this.inputs = Object.freeze(seq(e.ml_input_count(handle), (i) => new Tensor(this, e.ml_input_tensor(handle, i))));
    this.outputs = Object.freeze(seq(e.ml_output_count(handle), (i) => new Tensor(this, e.ml_output_tensor(handle, i))));
  }

  /** @internal The engine handle; throws once disposed. */
  get id(): number {
    if (this.handle === 0) throw new MicroliteError('this model has been disposed');
    return this.handle;
  }

  /** True once {@link Model.dispose} was called. */
  get disposed(): boolean { return this.handle === 0; }

  /**
   * Runs the model once on the current input data; outputs are then in `outputs[i].data`.
   * Stateful ops (variable tensors, e.g. SVDF or streaming audio) carry their state to the next call.
   * @returns true; false when an op ended the run early on purpose (CIRCULAR_BUFFER still
   *   collecting input, as TFLM's kTfLiteAbort): the outputs were not updated.
   * @throws {MicroliteError} when an op reports an error at run time.
   */
  invoke(): boolean {
    const abi = this.engine.abi;
    const e = abi.exports;
    if (abi.call(() => e.ml_invoke(this.id))) return true;
    // An op may end the invoke early on purpose (TFLM's kTfLiteAbort: CIRCULAR_BUFFER waiting
    // for more input): not an error, but the outputs were not updated.
    if (!e.ml_invoke_aborted()) abi.check(0); // (throws the engine's message)
    return false;
  }

  /** Clears the state kept across invokes (variable tensors, op state), as right after load. */
  reset(): void {
    const abi = this.engine.abi;
    abi.check(abi.call(() => abi.exports.ml_reset(this.id)));
  }

  /** Frees the model and its persistent arena bytes. Its tensors must not be used afterwards; calling it twice is harmless. */
  dispose(): void {
    if (this.handle === 0) return;
    this.engine.abi.exports.ml_unload(this.handle);
    this.handle = 0;
    this.engine.forget(this);
  }

  /** This model's arena bytes: its plan, its persistent data, and their sum. */
  get arena(): ArenaBytes {
    const e = this.engine.abi.exports;
    const planned = e.ml_model_planned(this.id);
    const persistent = e.ml_model_persistent(this.id);
    return { planned, persistent, total: planned + persistent };
  }

  /** The operators, in execution order. */
  get ops(): OpInfo[] {
    const abi = this.engine.abi;
    const e = abi.exports;
    const h = this.id;
    return seq(e.ml_op_count(h), (i) => {
      const code = e.ml_op_code(h, i);
      const info: OpInfo = {
        index: i, code, op: this.engine.opName(code), version: e.ml_op_version(h, i),
        inputs: seq(e.ml_op_input_count(h, i), (k) => e.ml_op_input(h, i, k)),
        outputs: seq(e.ml_op_output_count(h, i), (k) => e.ml_op_output(h, i, k)),
      };
      const customLen = e.ml_op_custom_name_len(h, i);
      if (customLen > 0) info.customName = abi.text(e.ml_op_custom_name_ptr(h, i), customLen);
      return info;
    });
  }

  /** Every tensor of the main subgraph, by index. */
  get tensors(): TensorInfo[] {
    const n = this.engine.abi.exports.ml_tensor_count(this.id);
    return seq(n, (i) => tensorInfo(this, i));
  }

  /**
   * Runs the model op by op and times each op: `runs` passes over the ops in order, each on the
   * input data set before the call (restored before every pass, as the plan may reuse the input's
   * memory), so a pass computes what invoke() computes; median µs per op. With `batchMicros` > 0,
   * an op that took less than that in a calibration pass is called several times in a row in each
   * pass and timed as a batch (µs-scale ops, coarse clocks); an op that keeps state across invokes
   * then advances it several times per pass, so call reset() afterwards for such models.
   * Costs nothing when not used: the engine exports ml_invoke_op, invoke() never looks at it.
   */
  profile(runs = 1, batchMicros = 0): OpProfile[] {
    const abi = this.engine.abi;
    const invokeOp = abi.exports.ml_invoke_op;
    const h = this.id;
    const ops = this.ops;
    const n = ops.length;
    const timeOp = (i: number, calls: number): number => {
      const t0 = performance.now();
      for (let k = 0; k < calls; k++) if (!invokeOp(h, i)) abi.check(0);
      return ((performance.now() - t0) * 1000) / calls;
    };
    const saved = this.inputs.map((t) => { const d = t.data; return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice(); });
    const restore = () => this.inputs.forEach((t, k) => t.set(saved[k]));
    const batch = new Array<number>(n).fill(1);
    if (batchMicros > 0) {
      restore();
      abi.call(() => { for (let i = 0; i < n; i++) { const us = timeOp(i, 1); batch[i] = us >= batchMicros ? 1 : Math.min(1000, Math.ceil(batchMicros / Math.max(us, 0.05))); } });
    }
    const times = ops.map(() => [] as number[]);
    abi.call(() => {
      for (let r = 0; r < Math.max(1, runs); r++) {
        restore();
        for (let i = 0; i < n; i++) times[i].push(timeOp(i, batch[i]));
      }
    });
    return ops.map((op, i) => ({ index: i, op: op.op, micros: median(times[i]), batch: batch[i] }));
  }
}

/** `value` when it is an integer in [0, max]; else a MicroliteError naming the option. */
function whole(name: string, value: number, max: number): number {
  if (Number.isInteger(value) && value >= 0 && value <= max) return value;
  throw new MicroliteError(`${name} must be an integer from 0 to ${max}, got ${value}`);
}

/** [f(0), ..., f(n - 1)]. */
function seq<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function tensorInfo(model: Model, index: number): TensorInfo {
  const abi = model.engine.abi;
  const e = abi.exports;
  const h = model.id;
  const flags = e.ml_tensor_flags(h, index);
  return {
    index,
    name: abi.text(e.ml_tensor_name_ptr(h, index), e.ml_tensor_name_len(h, index)),
    dtype: DTYPE_NAMES[e.ml_tensor_type(h, index)] ?? 'variant',
    shape: seq(e.ml_tensor_rank(h, index), (d) => e.ml_tensor_dim(h, index, d)),
    bytes: e.ml_tensor_bytes(h, index),
    scale: e.ml_tensor_scale(h, index),
    zeroPoint: e.ml_tensor_zero_point(h, index),
    kind: flags & 1 ? 'constant' : flags & 2 ? 'variable' : flags & 4 ? 'planned' : 'unused',
    isInput: (flags & 8) !== 0,
    isOutput: (flags & 16) !== 0,
    planOffset: e.ml_tensor_plan_offset(h, index),
  };
}

/** An input or output tensor of a model: its description and a live view of its data. */
export class Tensor {
  /** Index in the main subgraph's tensor list (as in {@link Model.tensors}). */
  readonly index: number;
  /** The tensor's name in the model ('' when it has none). */
  readonly name: string;
  /** Element type; decides the typed array of {@link Tensor.data}. */
  readonly dtype: DType;
  /** Dimensions. */
  readonly shape: readonly number[];
  /** Size of the data in bytes. */
  readonly bytes: number;
  /** Quantization scale (0 when not quantized): real = (q - zeroPoint) * scale. */
  readonly scale: number;
  /** Quantization zero point (0 when not quantized). */
  readonly zeroPoint: number;
  private readonly model: Model;
  private view: TensorData | null = null;
  private viewBuffer: ArrayBuffer | null = null;
  private viewPtr = 0;

  /** @internal */
  constructor(model: Model, index: number) {
    const info = tensorInfo(model, index);
    this.model = model;
    this.index = index;
    this.name = info.name;
    this.dtype = info.dtype;
    this.shape = Object.freeze(info.shape);
    this.bytes = info.bytes;
    this.scale = info.scale;
    this.zeroPoint = info.zeroPoint;
  }

  /**
   * A typed array over the tensor's bytes in the engine's memory: no copy, writes go straight to
   * the engine. Each read of `data` returns a valid view, also after the engine's memory grew (a
   * view kept from before a later `load` may be detached: read `data` again rather than keep it).
   * Models of one engine share the planned area, so set a model's inputs right before invoking it
   * and read its outputs before invoking another model of the same engine.
   */
  get data(): TensorData {
    const e = this.model.engine.abi.exports;
    const buffer = e.memory.buffer;
    const ptr = e.ml_tensor_data(this.model.id, this.index) >>> 0;
    if (this.view === null || this.viewBuffer !== buffer || this.viewPtr !== ptr) {
      this.view = typedView(this.dtype, buffer, ptr, this.bytes);
      this.viewBuffer = buffer;
      this.viewPtr = ptr;
    }
    return this.view;
  }

  /**
   * Copies `values` into the tensor: as many values as it holds (numbers, or bigints for 64-bit
   * integer tensors), or its raw little-endian bytes (a `Uint8Array` or `ArrayBuffer` of exactly
   * {@link Tensor.bytes} bytes, e.g. a file's contents).
   * @throws {MicroliteError} when the count does not match.
   */
  set(values: ArrayLike<number> | ArrayLike<bigint> | ArrayBuffer): void {
    const data = this.data;
    if (values instanceof ArrayBuffer) values = new Uint8Array(values);
    if (values instanceof Uint8Array && !(data instanceof Uint8Array) && values.length === this.bytes) {
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(values);
      return;
    }
    if (values.length !== data.length) {
      throw new MicroliteError(`tensor '${this.name}' holds ${data.length} values (${this.bytes} bytes), got ${values.length}`);
    }
    // 64-bit tensors take BigInts; plain numbers are converted.
    (data as unknown as { set(v: ArrayLike<number | bigint>): void }).set(
      typeof data[0] == 'bigint' ? Array.from(values as ArrayLike<number>, BigInt) : values as ArrayLike<number>);
  }
}

type ViewConstructor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => TensorData;
// Typed array and log2 of the element size per dtype; other dtypes are viewed as bytes.
const VIEWS: Partial<Record<DType, [ViewConstructor, number]>> = {
  float32: [Float32Array, 2], int32: [Int32Array, 2], uint32: [Uint32Array, 2], int16: [Int16Array, 1], uint16: [Uint16Array, 1],
  float16: [Uint16Array, 1], int8: [Int8Array, 0], int64: [BigInt64Array, 3], uint64: [BigUint64Array, 3], float64: [Float64Array, 3],
};

function typedView(dtype: DType, buffer: ArrayBuffer, ptr: number, bytes: number): TensorData {
  const [View, shift] = VIEWS[dtype] ?? [Uint8Array, 0];
  return new View(buffer, ptr, bytes >> shift);
}
