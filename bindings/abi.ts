// The engine's C-like ABI (assembly/index.ts), typed, plus loading the .wasm in any host.

import { MicroliteError } from './errors.js';

/** Exports of build/microlite*.wasm. Every function validates its arguments. */
export interface Exports {
  memory: WebAssembly.Memory;
  ml_alloc(size: number): number;
  ml_free(ptr: number): void;
  ml_error_ptr(): number;
  ml_error_len(): number;
  ml_simd(): number;
  ml_arena_configure(bytes: number): number;
  ml_load(ptr: number, length: number): number;
  ml_unload(handle: number): number;
  ml_invoke(handle: number): number;
  ml_invoke_op(handle: number, index: number): number;
  ml_reset(handle: number): number;
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
  ml_tensor_scale(handle: number, index: number): number;
  ml_tensor_zero_point(handle: number, index: number): number;
  ml_tensor_flags(handle: number, index: number): number;
  ml_tensor_plan_offset(handle: number, index: number): number;
  ml_tensor_name_ptr(handle: number, index: number): number;
  ml_tensor_name_len(handle: number, index: number): number;
  ml_op_count(handle: number): number;
  ml_op_code(handle: number, index: number): number;
  ml_op_version(handle: number, index: number): number;
  ml_op_input_count(handle: number, index: number): number;
  ml_op_output_count(handle: number, index: number): number;
  ml_op_input(handle: number, index: number, i: number): number;
  ml_op_output(handle: number, index: number, i: number): number;
  ml_op_names_ptr(): number;
  ml_op_names_len(): number;
  ml_arena_capacity(): number;
  ml_arena_used(): number;
  ml_arena_head(): number;
  ml_arena_persistent(): number;
  ml_model_planned(handle: number): number;
  ml_model_persistent(handle: number): number;
  ml_plan_lower_bound(): number;
}

/** The instance plus helpers that turn engine failures into MicroliteErrors. */
export class Abi {
  constructor(readonly exports: Exports, readonly module: WebAssembly.Module) {}

  u8(): Uint8Array { return new Uint8Array(this.exports.memory.buffer); }

  /** The engine's last error message. */
  error(): string {
    const e = this.exports;
    const n = e.ml_error_len();
    return n ? new TextDecoder().decode(new Uint8Array(e.memory.buffer, e.ml_error_ptr(), n)) : '';
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
      if (err instanceof WebAssembly.RuntimeError) throw new MicroliteError(`internal engine error (${err.message}); please report it with the model`);
      throw err;
    }
  }
}


const isNode = typeof process !== 'undefined' && !!(process as { versions?: { node?: string } }).versions?.node;

async function readBytes(source: URL | string): Promise<ArrayBuffer | Uint8Array> {
  const url = typeof source === 'string' && !/^[a-z]+:/i.test(source) ? null : new URL(source);
  if (isNode && (url === null || url.protocol === 'file:')) {
    const { readFile } = await import('node:fs/promises');
    try {
      return await readFile(url ?? (source as string));
    } catch {
      throw new MicroliteError(`cannot read the engine build ${url ? url.pathname : source} (run npm run build)`);
    }
  }
  const response = await fetch(url ?? source);
  if (!response.ok) throw new MicroliteError(`cannot fetch the engine from ${String(source)}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Compiles and instantiates an engine build (it has no imports). */
export async function instantiate(source: URL | string | BufferSource | WebAssembly.Module): Promise<Abi> {
  let module: WebAssembly.Module;
  if (source instanceof WebAssembly.Module) module = source;
  else if (typeof source === 'string' || source instanceof URL) module = await WebAssembly.compile(await readBytes(source) as BufferSource);
  else module = await WebAssembly.compile(source);
  const instance = await WebAssembly.instantiate(module, {});
  return new Abi(instance.exports as unknown as Exports, module);
}
