// The public types of the JavaScript API (re-exported by index.ts).

import type { WasmSource } from './abi.js';

/** Which kernel set to run: `auto` picks SIMD when the host supports WebAssembly SIMD128. */
export type Variant = 'auto' | 'scalar' | 'simd';

/** Tensor element types (TFLite `TensorType` names, lower case). */
export type DType = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'string' | 'bool' | 'int16'
  | 'complex64' | 'int8' | 'float64' | 'complex128' | 'uint64' | 'resource' | 'variant' | 'uint32' | 'uint16' | 'int4';


/**
 * The typed array that views a tensor's data: `Float32Array` for float32, `Int8Array` for int8,
 * `Int16Array`, `Int32Array`, `Uint8Array` (uint8, bool and other byte types), `Uint16Array`
 * (uint16 and float16 bits), `BigInt64Array` (int64), and so on.
 */
export type TensorData = Float32Array | Int32Array | Uint8Array | BigInt64Array | Int16Array | Int8Array
  | Float64Array | BigUint64Array | Uint32Array | Uint16Array;

/** Options of {@link Microlite.create}. */
export interface CreateOptions {
  /** Kernel set; default `auto` (SIMD when the host supports it). */
  variant?: Variant;
  /**
   * The engine build to run. Default: `build/microlite.wasm` or `build/microlite.simd.wasm` of
   * this package, found with `new URL(..., import.meta.url)` (bundlers such as Vite copy it).
   * Give a URL or path when you serve the file yourself, its bytes, a `fetch()` response, or a
   * compiled `WebAssembly.Module` (e.g. {@link Microlite.module} posted to a worker). With a
   * `variant` other than `auto`, the build must be of that variant.
   */
  wasm?: WasmSource;
  /** Fixes the arena size in bytes (default: sized from the models, growing as they load). */
  arenaBytes?: number;
  /**
   * Most iterations one WHILE op may run before the invoke fails (default 1,000,000; 0: no
   * limit, as in TFLM). A page cannot interrupt a running invoke, so a model with a loop that
   * never ends would otherwise hang it.
   */
  whileLimit?: number;
}

/** Options of {@link Microlite.load}. */
export interface LoadOptions {
  /** Fixes the arena size in bytes; only before the first model is loaded into the engine. */
  arenaBytes?: number;
}

/** Arena bytes, in the terms of TFLM's `arena_used_bytes()`. */
export interface ArenaBytes {
  /** Bytes of the planned (head) area: activations and scratch buffers, shared by the models of an engine. */
  planned: number;
  /** Bytes of the persistent (tail) area: tensor and op metadata, op data, variable tensors. */
  persistent: number;
  /** `planned + persistent`. */
  total: number;
}

/** An operator of a loaded model, as in the model's execution plan. */
export interface OpInfo {
  /** Position in execution order (0-based). */
  index: number;
  /** Builtin operator name (`CONV_2D`, ...); `CUSTOM` for custom ops, see {@link OpInfo.customName}. */
  op: string;
  /** The custom op's name (e.g. `SignalWindow`) for custom ops, else absent. */
  customName?: string;
  /** Builtin operator code (TFLite `BuiltinOperator`). */
  code: number;
  /** Operator version from the model's operator codes. */
  version: number;
  /** Tensor indices of the inputs (-1 for an omitted optional input). */
  inputs: number[];
  /** Tensor indices of the outputs. */
  outputs: number[];
}

/** A tensor of a loaded model: shape, dtype, quantization, where its data lives. */
export interface TensorInfo {
  /** Index in the main subgraph's tensor list. */
  index: number;
  /** The tensor's name in the model ('' when it has none). */
  name: string;
  /** Element type. */
  dtype: DType;
  /** Dimensions. */
  shape: number[];
  /** Size of the data in bytes. */
  bytes: number;
  /** Quantization scale (first channel for per-channel tensors; 0 when not quantized). */
  scale: number;
  /** Quantization zero point (0 when not quantized). */
  zeroPoint: number;
  /**
   * Where the data lives: `constant` (in the model bytes), `variable` (persistent, kept across
   * invokes), `planned` (in the planned area, at {@link TensorInfo.planOffset}) or `unused`.
   */
  kind: 'constant' | 'variable' | 'planned' | 'unused';
  /** True for a model input. */
  isInput: boolean;
  /** True for a model output. */
  isOutput: boolean;
  /** Offset in the planned area (planned tensors), else -1. */
  planOffset: number;
}

/** Per-op timing from {@link Model.profile}. */
export interface OpProfile {
  /** Op position in execution order. */
  index: number;
  /** Builtin operator name. */
  op: string;
  /** Median time of the op in microseconds. */
  micros: number;
  /** Calls timed together per sample (1 unless batched, see {@link Model.profile}). */
  batch: number;
}
