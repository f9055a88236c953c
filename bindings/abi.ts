// The engine's C-like ABI (assembly/index.ts), typed, plus compiling the .wasm in any host:
// Node (file paths and file: URLs), browser pages and workers (fetch, streaming compile).

import { MicroliteError } from './errors.js';

declare global {
  // TypeScript projects for Node without the "dom" lib have no WebAssembly types; these
  // declarations give them the two this package's types mention. With "dom" they merge with its own.
  namespace WebAssembly {
    interface Module {}
    interface Memory { readonly buffer: ArrayBuffer; }
  }
}

/** The ABI version this module speaks (ml_abi_version of the engine build). */
export const ABI_VERSION = 1;

/**
 * Exports of build/microlite*.wasm: every function of assembly/index.ts (and of
 * assembly/subgraph_abi.ts, which it re-exports). tests/abi_exports.test.ts checks this list
 * against the builds. Every function validates its arguments. @internal
 */
export interface Exports {
  memory: WebAssembly.Memory;
  // memory and errors
  ml_alloc(size: number): number;
  ml_free(ptr: number): void;
  ml_error_ptr(): number;
  ml_error_len(): number;
  // engine and models
  ml_abi_version(): number;
  ml_simd(): number;
  ml_arena_configure(bytes: number): number;
  ml_load(ptr: number, length: number): number;
  ml_unload(handle: number): number;
  ml_invoke(handle: number): number;
  ml_invoke_op(handle: number, index: number): number;
  ml_reset(handle: number): number;
  // tensors of subgraph 0
  ml_input_count(handle: number): number;
  ml_output_count(handle: number): number;
  ml_input_tensor(handle: number, i: number): number;
  ml_output_tensor(handle: number, i: number): number;
  ml_tensor_count(handle: number): number;
  ml_tensor_data(handle: number, index: number): number;
  ml_tensor_bytes(handle: number, index: number): number;
  ml_tensor_type(handle: number, index: number): number;
  ml_tensor_rank(handle: number, index: number): number;
  ml_tensor_dim(handle: number, index: number, d: number): number;
  ml_tensor_dims(handle: number, index: number): number;
  ml_tensor_scale(handle: number, index: number): number;
  ml_tensor_zero_point(handle: number, index: number): number;
  ml_tensor_flags(handle: number, index: number): number;
  ml_tensor_plan_offset(handle: number, index: number): number;
  ml_tensor_name_ptr(handle: number, index: number): number;
  ml_tensor_name_len(handle: number, index: number): number;
  // operators of subgraph 0
  ml_op_count(handle: number): number;
  ml_op_code(handle: number, index: number): number;
  ml_op_version(handle: number, index: number): number;
  ml_op_input_count(handle: number, index: number): number;
  ml_op_output_count(handle: number, index: number): number;
  ml_op_input(handle: number, index: number, i: number): number;
  ml_op_output(handle: number, index: number, i: number): number;
  ml_op_custom_name_ptr(handle: number, index: number): number;
  ml_op_custom_name_len(handle: number, index: number): number;
  ml_op_names_ptr(): number;
  ml_op_names_len(): number;
  // arena
  ml_arena_capacity(): number;
  ml_arena_used(): number;
  ml_arena_head(): number;
  ml_arena_persistent(): number;
  ml_model_planned(handle: number): number;
  ml_model_persistent(handle: number): number;
  // memory plan reports (the most recent load) and planner settings
  ml_plan_lower_bound(): number;
  /** Bytes of strategy `s`'s plan (-1: not run): 0 TFLM greedy, 1 size/best fit, 2 breadth, 3 search. */
  ml_plan_bytes(strategy: number): number;
  ml_plan_chosen(): number;
  /** 0 planned, 1 lower bound, 2 bound without sharing, 3 TFLM greedy without sharing, 4 shared tensors, 5 buffers, 6 prepare peak. */
  ml_plan_stat(i: number): number;
  /** Bit s enables strategy s (TFLM's always runs); bit 8 in-place sharing. For later loads. */
  ml_plan_configure(mask: number): void;
  /** Persistent bytes of the last load by kind: 0 metadata, 1 op data, 2 kernel data, 3 scratch records, 4 variables. */
  ml_persistent_bytes(kind: number): number;
  // scratch buffers of subgraph 0
  ml_scratch_count(handle: number): number;
  ml_scratch_bytes(handle: number, i: number): number;
  ml_scratch_op(handle: number, i: number): number;
  ml_scratch_offset(handle: number, i: number): number;
  // where a model's data lives (guards in tests, model bytes for inspection)
  ml_arena_base(): number;
  ml_arena_block_end(): number;
  ml_arena_tail(): number;
  ml_model_data(handle: number): number;
  ml_model_length(handle: number): number;
  // control flow and every subgraph (assembly/subgraph_abi.ts)
  /** Caps each WHILE execution at n iterations (0: no cap); returns the previous cap. */
  ml_set_while_limit(n: number): number;
  /** 1 when the last ml_invoke ended early on purpose (CIRCULAR_BUFFER not ready). */
  ml_invoke_aborted(): number;
  ml_subgraph_count(handle: number): number;
  ml_subgraph_tensor_count(handle: number, s: number): number;
  ml_subgraph_op_count(handle: number, s: number): number;
  /** Offset in the planned area, -1 when the tensor is not planned. */
  ml_subgraph_tensor_offset(handle: number, s: number, t: number): number;
  ml_subgraph_tensor_bytes(handle: number, s: number, t: number): number;
  ml_subgraph_scratch_count(handle: number, s: number): number;
  ml_subgraph_scratch_op(handle: number, s: number, i: number): number;
  ml_subgraph_scratch_bytes(handle: number, s: number, i: number): number;
  ml_subgraph_scratch_offset(handle: number, s: number, i: number): number;
}

const utf8 = new TextDecoder();

/** The instance plus helpers that turn engine failures into MicroliteErrors. @internal */
export class Abi {
  constructor(readonly exports: Exports, readonly module: WebAssembly.Module) {}

  /** A byte view of the whole linear memory (re-created after growth). */
  u8(): Uint8Array { return new Uint8Array(this.exports.memory.buffer); }

  /** UTF-8 text at `ptr` (`len` bytes) in linear memory. */
  text(ptr: number, len: number): string {
    return len > 0 ? utf8.decode(new Uint8Array(this.exports.memory.buffer, ptr >>> 0, len)) : '';
  }

  /** The engine's last error message. */
  error(): string {
    const e = this.exports;
    return this.text(e.ml_error_ptr(), e.ml_error_len());
  }

  /** Throws the engine's message when `status` is 0. */
  check(status: number): void {
    if (status === 0) throw new MicroliteError(this.error() || 'the engine reported an error');
  }

  /** Runs `f`, turning a wasm trap (a bug: the engine must never trap) into a readable error. */
  call<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        throw new MicroliteError(`internal engine error (${err.message}); please report it with the model`, { cause: err });
      }
      throw err;
    }
  }
}

/** Where an engine build can come from (see {@link CreateOptions.wasm}). */
export type WasmSource = URL | string | ArrayBuffer | ArrayBufferView | WebAssembly.Module | Response | PromiseLike<Response>;

const isNode = typeof process !== 'undefined' && typeof (process as { versions?: { node?: string } }).versions?.node === 'string';
// Kept in a variable so bundlers neither resolve nor polyfill it for browser builds.
const NODE_FS = 'node:fs/promises';

async function compileResponse(response: Response, what: string | URL): Promise<WebAssembly.Module> {
  if (!response?.ok) {
    throw new MicroliteError((response as Partial<Response> | null)?.arrayBuffer ? `cannot fetch the engine build ${what}: HTTP ${response.status}` : 'wasm must be a URL, path, bytes, Module or Response');
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  // Streaming compile needs the right MIME type; servers that send another one still work.
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

async function compileLocation(source: URL | string): Promise<WebAssembly.Module> {
  const url = source instanceof URL ? source : /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source) ? new URL(source) : null;
  if (isNode && (url === null || url.protocol === 'file:')) {
    const fs = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS)) as typeof import('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(url ?? (source as string));
    } catch (err) {
      throw new MicroliteError(`cannot read the engine build ${url ? decodeURIComponent(url.pathname) : source} (run npm run build)`, { cause: err });
    }
    return WebAssembly.compile(bytes as BufferSource);
  }
  let response: Response;
  try {
    response = await fetch(url ?? (source as string));
  } catch (err) {
    throw new MicroliteError(`cannot fetch the engine build ${source}: ${(err as Error).message}`, { cause: err });
  }
  return compileResponse(response, source);
}

// Compiled builds by URL: several engines from one location compile once.
const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles an engine build (cached per URL or path). @internal */
export function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (typeof source === 'string' || source instanceof URL) {
    const key = String(source);
    let module = compiled.get(key);
    if (!module) {
      module = compileLocation(source);
      compiled.set(key, module);
      module.catch(() => compiled.delete(key));
    }
    return module;
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source as unknown as BufferSource);
  return Promise.resolve(source).then((r) => compileResponse(r, r?.url));
}

/** Compiles (or takes) and instantiates an engine build; it has no imports. @internal */
export async function instantiate(source: WasmSource): Promise<Abi> {
  let module: WebAssembly.Module | undefined;
  let instance: WebAssembly.Instance;
  try {
    module = await compile(source);
    instance = await WebAssembly.instantiate(module, {});
  } catch (err) {
    if (err instanceof MicroliteError) throw err;
    // (Not a wasm file: the compile error; a WASI build: its imports.)
    const imports = module ? WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`) : [];
    throw new MicroliteError(imports.length
      ? `this .wasm needs imports (${imports[0]}, ...): use microlite.wasm or microlite.simd.wasm, not a WASI build`
      : `cannot ${module ? 'instantiate' : 'compile'} the engine build: ${(err as Error).message}`, { cause: err });
  }
  const exports = instance.exports as unknown as Exports;
  const version = typeof exports.ml_abi_version === 'function' ? exports.ml_abi_version() : -1;
  if (version !== ABI_VERSION || typeof exports.ml_load !== 'function') {
    throw new MicroliteError(version < 0 ? 'this .wasm is not a microlite engine build'
      : `engine ABI version ${version}, this package needs ${ABI_VERSION}: use the .wasm of the same release`);
  }
  return new Abi(exports, module);
}
