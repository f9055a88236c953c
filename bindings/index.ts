/**
 * microlite: TensorFlow Lite inference in WebAssembly, bit-exact with TFLM's reference kernels.
 *
 * ```ts
 * import { Microlite } from 'microlite';
 * const engine = await Microlite.create();            // SIMD build when the host supports it
 * const model = engine.load(modelBytes);
 * model.inputs[0].data.set(input);
 * model.invoke();
 * console.log(model.outputs[0].data);
 * ```
 * @module
 */

import { Abi, instantiate } from './abi.js';
import { MicroliteError } from './errors.js';

export { MicroliteError };

/** Which kernel set to run: `auto` picks SIMD when the host supports WebAssembly SIMD. */
export type Variant = 'auto' | 'scalar' | 'simd';

/** Tensor element types (TFLite TensorType names). */
export type DType = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'string' | 'bool' | 'int16'
  | 'complex64' | 'int8' | 'float64' | 'complex128' | 'uint64' | 'resource' | 'variant' | 'uint32' | 'uint16' | 'int4';

const DTYPE_NAMES: DType[] = ['float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16',
  'complex64', 'int8', 'float64', 'complex128', 'uint64', 'resource', 'variant', 'uint32', 'uint16', 'int4'];

/** The typed array that views a tensor of each dtype. */
export type TensorData = Float32Array | Int32Array | Uint8Array | BigInt64Array | Int16Array | Int8Array
  | Float64Array | BigUint64Array | Uint32Array | Uint16Array;

/** Options of {@link Microlite.create}. */
export interface CreateOptions {
  /** Kernel set; default `auto`. */
  variant?: Variant;
  /** The engine `.wasm` (URL, path, bytes or compiled module); default: next to this module. */
  wasm?: URL | string | BufferSource | WebAssembly.Module;
  /** Fix the arena size in bytes (default: sized from the models, growing as they load). */
  arenaBytes?: number;
}

/** Options of {@link Microlite.load}. */
export interface LoadOptions {
  /** Fix the arena size (only before the first model is loaded into this engine). */
  arenaBytes?: number;
}

/** Arena bytes: planned (shared head area), persistent (tensor metadata, op data), total. */
export interface ArenaBytes { planned: number; persistent: number; total: number; }

/** An operator of a loaded model. */
export interface OpInfo { index: number; op: string; code: number; version: number; inputs: number[]; outputs: number[]; }

/** A tensor of a loaded model (shape, dtype, quantization, where its data lives). */
export interface TensorInfo {
  index: number; name: string; dtype: DType; shape: number[]; bytes: number;
  scale: number; zeroPoint: number;
  kind: 'constant' | 'variable' | 'planned' | 'unused';
  isInput: boolean; isOutput: boolean;
  /** Offset in the planned area (planned tensors), else -1. */
  planOffset: number;
}

/** Per-op timing from {@link Model.profile}. */
export interface OpProfile { index: number; op: string; micros: number; }

const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]);

/** True when this host runs WebAssembly SIMD128. */
export function simdSupported(): boolean {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}

/** The default location of a build, relative to this module (bundlers follow `new URL`). */
function defaultWasm(simd: boolean): URL {
  return simd ? new URL('../../build/microlite.simd.wasm', import.meta.url) : new URL('../../build/microlite.wasm', import.meta.url);
}

/** One instance of the engine: a wasm instance with one arena shared by its models. */
export class Microlite {
  /** The kernel set this engine runs. */
  readonly variant: 'scalar' | 'simd';
  /** @internal */ readonly abi: Abi;
  private readonly models = new Set<Model>();
  private opNames: string[] | null = null;

  private constructor(abi: Abi, variant: 'scalar' | 'simd') {
    this.abi = abi;
    this.variant = variant;
  }

  /** Compiles and instantiates the engine. */
  static async create(options: CreateOptions = {}): Promise<Microlite> {
    const variant = options.variant ?? 'auto';
    if (variant !== 'auto' && variant !== 'scalar' && variant !== 'simd') throw new MicroliteError(`unknown variant '${variant}' (auto, scalar or simd)`);
    const simd = variant === 'simd' || (variant === 'auto' && simdSupported());
    if (variant === 'simd' && !simdSupported()) throw new MicroliteError('this host does not support WebAssembly SIMD; use variant "scalar"');
    const abi = await instantiate(options.wasm ?? defaultWasm(simd));
    const engine = new Microlite(abi, abi.exports.ml_simd() ? 'simd' : 'scalar');
    if (options.arenaBytes !== undefined) engine.configureArena(options.arenaBytes);
    return engine;
  }

  private configureArena(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > 0x7fff0000) throw new MicroliteError(`arenaBytes must be an integer number of bytes, got ${bytes}`);
    this.abi.check(this.abi.exports.ml_arena_configure(bytes));
  }

  /** Loads a `.tflite` model (the bytes are copied into the engine). Throws a MicroliteError when refused. */
  load(modelBytes: ArrayBufferLike | ArrayBufferView, options: LoadOptions = {}): Model {
    const bytes = modelBytes instanceof Uint8Array ? modelBytes
      : ArrayBuffer.isView(modelBytes) ? new Uint8Array(modelBytes.buffer, modelBytes.byteOffset, modelBytes.byteLength)
      : new Uint8Array(modelBytes as ArrayBufferLike);
    if (options.arenaBytes !== undefined) {
      if (this.models.size > 0) throw new MicroliteError('arenaBytes can only be set before the first model is loaded into an engine');
      this.configureArena(options.arenaBytes);
    }
    const e = this.abi.exports;
    const ptr = e.ml_alloc(bytes.length);
    if (ptr === 0) throw new MicroliteError(`out of memory: cannot hold a model of ${bytes.length.toLocaleString('en-US')} bytes`);
    this.abi.u8().set(bytes, ptr);
    const handle = e.ml_load(ptr, bytes.length);
    if (handle === 0) {
      const message = this.abi.error();
      e.ml_free(ptr);
      throw new MicroliteError(message || 'the model could not be loaded');
    }
    const model = new Model(this, handle);
    this.models.add(model);
    return model;
  }

  /** Arena figures for all models of this engine. */
  get arena(): ArenaBytes & { capacity: number } {
    const e = this.abi.exports;
    return { planned: e.ml_arena_head(), persistent: e.ml_arena_persistent(), total: e.ml_arena_used(), capacity: e.ml_arena_capacity() };
  }

  /** Bytes of linear memory the engine uses now. */
  get memoryBytes(): number { return this.abi.exports.memory.buffer.byteLength; }

  /** The name of builtin operator `code` (e.g. 3 → "CONV_2D"). */
  opName(code: number): string {
    if (!this.opNames) {
      const e = this.abi.exports;
      const ptr = e.ml_op_names_ptr();
      const text = new TextDecoder('utf-16le').decode(new Uint8Array(e.memory.buffer, ptr, e.ml_op_names_len() * 2));
      this.opNames = text.split(';');
    }
    return this.opNames[code] ?? `BUILTIN_${code}`;
  }

  /** @internal */
  forget(model: Model): void { this.models.delete(model); }
}

/** A model loaded into an engine. */
export class Model {
  /** Input tensors, in the model's order. */
  readonly inputs: Tensor[];
  /** Output tensors, in the model's order. */
  readonly outputs: Tensor[];
  private handle: number;

  /** @internal */
  constructor(readonly engine: Microlite, handle: number) {
    this.handle = handle;
    const e = engine.abi.exports;
    this.inputs = Array.from({ length: e.ml_input_count(handle) }, (_, i) => new Tensor(this, e.ml_input_tensor(handle, i)));
    this.outputs = Array.from({ length: e.ml_output_count(handle) }, (_, i) => new Tensor(this, e.ml_output_tensor(handle, i)));
  }

  /** @internal The engine handle; throws once disposed. */
  get id(): number {
    if (this.handle === 0) throw new MicroliteError('this model has been disposed');
    return this.handle;
  }

  /** Runs the model once on the current input data. */
  invoke(): void {
    const abi = this.engine.abi;
    abi.check(abi.call(() => abi.exports.ml_invoke(this.id)));
  }

  /** Clears state kept across invokes (variable tensors, op state), as right after load. */
  reset(): void {
    const abi = this.engine.abi;
    abi.check(abi.exports.ml_reset(this.id));
  }

  /** Frees the model. Its tensors must not be used afterwards. */
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
    const e = this.engine.abi.exports;
    const h = this.id;
    return Array.from({ length: e.ml_op_count(h) }, (_, i) => {
      const code = e.ml_op_code(h, i);
      return {
        index: i, code, op: this.engine.opName(code), version: e.ml_op_version(h, i),
        inputs: Array.from({ length: e.ml_op_input_count(h, i) }, (_, k) => e.ml_op_input(h, i, k)),
        outputs: Array.from({ length: e.ml_op_output_count(h, i) }, (_, k) => e.ml_op_output(h, i, k)),
      };
    });
  }

  /** Every tensor of the main subgraph. */
  get tensors(): TensorInfo[] {
    const n = this.engine.abi.exports.ml_tensor_count(this.id);
    return Array.from({ length: n }, (_, i) => tensorInfo(this, i));
  }

  /**
   * Runs the model once op by op and times each op (µs), repeated `runs` times (median kept).
   * Outputs are the same as after invoke().
   */
  profile(runs = 1): OpProfile[] {
    const e = this.engine.abi.exports;
    const h = this.id;
    const ops = this.ops;
    const times = ops.map(() => [] as number[]);
    for (let r = 0; r < Math.max(1, runs); r++) {
      for (let i = 0; i < ops.length; i++) {
        const t0 = performance.now();
        this.engine.abi.check(this.engine.abi.call(() => e.ml_invoke_op(h, i)));
        times[i].push((performance.now() - t0) * 1000);
      }
    }
    return ops.map((op, i) => ({ index: i, op: op.op, micros: median(times[i]) }));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function tensorInfo(model: Model, index: number): TensorInfo {
  const e = model.engine.abi.exports;
  const h = model.id;
  const flags = e.ml_tensor_flags(h, index);
  const ptr = e.ml_tensor_name_ptr(h, index);
  const name = ptr ? new TextDecoder().decode(new Uint8Array(e.memory.buffer, ptr, e.ml_tensor_name_len(h, index))) : '';
  return {
    index, name,
    dtype: DTYPE_NAMES[e.ml_tensor_type(h, index)] ?? 'variant',
    shape: Array.from({ length: e.ml_tensor_rank(h, index) }, (_, d) => e.ml_tensor_dim(h, index, d)),
    bytes: e.ml_tensor_bytes(h, index),
    scale: e.ml_tensor_scale(h, index),
    zeroPoint: e.ml_tensor_zero_point(h, index),
    kind: flags & 1 ? 'constant' : flags & 2 ? 'variable' : flags & 4 ? 'planned' : 'unused',
    isInput: (flags & 8) !== 0,
    isOutput: (flags & 16) !== 0,
    planOffset: e.ml_tensor_plan_offset(h, index),
  };
}

/** An input or output tensor: its description and a live view of its data. */
export class Tensor {
  readonly index: number;
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly bytes: number;
  /** Quantization scale (0 when not quantized). */
  readonly scale: number;
  readonly zeroPoint: number;
  private view: TensorData | null = null;
  private viewBuffer: ArrayBuffer | null = null;
  private viewPtr = 0;

  /** @internal */
  constructor(private readonly model: Model, index: number) {
    const info = tensorInfo(model, index);
    this.index = index;
    this.name = info.name;
    this.dtype = info.dtype;
    this.shape = Object.freeze(info.shape);
    this.bytes = info.bytes;
    this.scale = info.scale;
    this.zeroPoint = info.zeroPoint;
  }

  /**
   * A typed array over the tensor's bytes in the engine's memory (no copy). Re-read it after
   * loading another model: memory may have grown. Models of one engine share the planned area,
   * so set inputs right before invoking.
   */
  get data(): TensorData {
    const e = this.model.engine.abi.exports;
    const buffer = e.memory.buffer;
    const ptr = e.ml_tensor_data(this.model.id, this.index);
    if (this.view === null || this.viewBuffer !== buffer || this.viewPtr !== ptr) {
      this.view = typedView(this.dtype, buffer, ptr, this.bytes);
      this.viewBuffer = buffer;
      this.viewPtr = ptr;
    }
    return this.view;
  }

  /** Copies `values` into the tensor (same element count, or raw bytes of the same length). */
  set(values: ArrayLike<number> | ArrayLike<bigint> | Uint8Array): void {
    const data = this.data;
    if (values instanceof Uint8Array && !(data instanceof Uint8Array) && values.length === this.bytes) {
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(values);
      return;
    }
    if (values.length !== data.length) {
      throw new MicroliteError(`tensor '${this.name}' holds ${data.length} values (${this.bytes} bytes), got ${values.length}`);
    }
    (data as unknown as { set(v: ArrayLike<number | bigint>): void }).set(values as ArrayLike<number>);
  }
}

function typedView(dtype: DType, buffer: ArrayBuffer, ptr: number, bytes: number): TensorData {
  switch (dtype) {
    case 'float32': return new Float32Array(buffer, ptr, bytes >> 2);
    case 'int32': return new Int32Array(buffer, ptr, bytes >> 2);
    case 'uint32': return new Uint32Array(buffer, ptr, bytes >> 2);
    case 'int16': return new Int16Array(buffer, ptr, bytes >> 1);
    case 'uint16': case 'float16': return new Uint16Array(buffer, ptr, bytes >> 1);
    case 'int8': return new Int8Array(buffer, ptr, bytes);
    case 'int64': return new BigInt64Array(buffer, ptr, bytes >> 3);
    case 'uint64': return new BigUint64Array(buffer, ptr, bytes >> 3);
    case 'float64': return new Float64Array(buffer, ptr, bytes >> 3);
    default: return new Uint8Array(buffer, ptr, bytes);
  }
}

/** Quantizes real values for `tensor` (q = round(x / scale) + zeroPoint, saturated to its dtype). */
export function quantize(values: ArrayLike<number>, tensor: Pick<Tensor, 'dtype' | 'scale' | 'zeroPoint'>): Int8Array | Int16Array | Uint8Array | Int32Array {
  const ranges: Record<string, [number, number, new (n: number) => Int8Array | Int16Array | Uint8Array | Int32Array]> = {
    int8: [-128, 127, Int8Array], uint8: [0, 255, Uint8Array], int16: [-32768, 32767, Int16Array], int32: [-2147483648, 2147483647, Int32Array],
  };
  const r = ranges[tensor.dtype];
  if (!r || !(tensor.scale > 0)) throw new MicroliteError(`quantize needs a quantized integer tensor, got ${tensor.dtype} with scale ${tensor.scale}`);
  const out = new r[2](values.length);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round(values[i] / tensor.scale) + tensor.zeroPoint;
    out[i] = Math.min(r[1], Math.max(r[0], q));
  }
  return out;
}

/** Real values of a quantized tensor ((q - zeroPoint) * scale); float tensors are copied as is. */
export function dequantize(tensor: Pick<Tensor, 'data' | 'scale' | 'zeroPoint' | 'dtype'>): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return Float32Array.from(data);
  if (!(tensor.scale > 0)) throw new MicroliteError(`dequantize needs a quantized tensor (scale > 0), got ${tensor.dtype}`);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (Number(data[i]) - tensor.zeroPoint) * tensor.scale;
  return out;
}
