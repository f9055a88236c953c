// The WASI command (build/microlite.wasi.wasm, build/microlite.wasi-simd.wasm):
//   run MODEL.tflite IN.bin OUT_PREFIX [--steps N] | inspect MODEL.tflite | --help
// It is a host of the embedding ABI like any other (it calls the ml_* functions of index.ts),
// so the command and a firmware host run exactly the same engine paths. Only the eight WASI
// calls of wasi/sys.ts are imported; `abort` is routed to wasi/sys.ts by the build (--use).

import {
  ml_alloc, ml_free, ml_error_ptr, ml_error_len, ml_simd, ml_load, ml_invoke,
  ml_input_count, ml_output_count, ml_input_tensor, ml_output_tensor, ml_tensor_count,
  ml_tensor_data, ml_tensor_bytes, ml_tensor_type, ml_tensor_rank, ml_tensor_dims, ml_tensor_scale,
  ml_tensor_zero_point, ml_tensor_flags, ml_tensor_name_ptr, ml_tensor_name_len,
  ml_op_count, ml_op_code, ml_op_version, ml_op_input_count, ml_op_output_count, ml_op_input, ml_op_output,
  ml_op_custom_name_ptr, ml_op_custom_name_len, ml_model_planned, ml_model_persistent,
} from "./index";
import { opNameAt } from "./schema/builtin_ops";
import { dtypeNameAt } from "./schema/tflite";
import { textLength, textStep } from "./common/error";
import { exit, STDOUT, STDERR, EXIT_ERROR, EXIT_USAGE, EXIT_INTERNAL } from "./wasi/sys";
import { put, putBytes, putChar, putInt, putFloat, pad, intWidth, flush } from "./wasi/out";
import { openPath, openedFd, fileSize, readExact, writeExact, skipBytes, close, putErrno } from "./wasi/files";
import { readArgs, argCount, argPtr, argLen, argIs, argStartsWith, parseCount } from "./wasi/args";
import { blockAlloc } from "./common/blocks";

const HELP = `microlite: TensorFlow Lite inference (WASI command), bit-exact with TFLM's reference kernels

usage:
  run MODEL.tflite IN.bin OUT_PREFIX [--steps N]
      IN.bin: every input tensor's raw bytes, in input order (x N for --steps N: the model
      is invoked N times without reset). Writes OUT_PREFIX.output<i>.bin (N outputs back to
      back). --input IN.bin / --output OUT_PREFIX may be given as options instead.
  inspect MODEL.tflite
      Ops, tensors (dtype, shape, quantization), arena bytes, linear-memory bytes.
  --help

Paths are relative to the preopened directory: wasmtime run --dir=. microlite.wasi.wasm run ...
`;

export function _start(): void {
  const code = main();
  flush(STDOUT);
  flush(STDERR);
  if (code != 0) exit(code);
}

function main(): u32 {
  if (!readArgs()) { put(STDERR, "microlite: cannot read the command line"); return failLine(EXIT_INTERNAL); }
  if (argCount() < 2) { put(STDERR, "microlite: no command given (run, inspect or --help)"); return failLine(EXIT_USAGE); }
  if (argIs(1, "run")) return cmdRun();
  if (argIs(1, "inspect")) return cmdInspect();
  if (argIs(1, "--help") || argIs(1, "-h") || argIs(1, "help")) {
    put(STDOUT, HELP);
    put(STDOUT, ml_simd() ? "(this build: SIMD kernels)\n" : "(this build: scalar kernels)\n");
    return 0;
  }
  put(STDERR, "microlite: unknown command '");
  putBytes(STDERR, argPtr(1), argLen(1));
  put(STDERR, "' (run, inspect or --help)");
  return failLine(EXIT_USAGE);
}

/** Ends the one-line error message already written to stderr. */
function failLine(code: u32): u32 {
  putChar(STDERR, 10);
  return code;
}

function putArg(fd: u32, i: i32): void { putBytes(fd, argPtr(i), argLen(i)); }

// ---- loading ------------------------------------------------------------------------------

/** Reads the model file named by argument `arg` into an ABI buffer and loads it; handle or 0. */
function loadModel(arg: i32): i32 {
  const path = argPtr(arg);
  const len = argLen(arg);
  let err = openPath(path, len, false);
  if (err != 0) return openFailed("cannot open model file ", arg, err, false);
  const fd = openedFd;
  const size = fileSize(fd);
  if (size < 0) { close(fd); return openFailed("cannot read model file ", arg, <u16>(-1 - size), false); }
  if (size > 0x7fff0000) { close(fd); put(STDERR, "microlite: model file too large: "); putArg(STDERR, arg); failLine(0); return 0; }
  const buffer = ml_alloc(<u32>size);
  if (buffer == 0) {
    close(fd);
    put(STDERR, "microlite: out of memory: cannot hold a model of ");
    putInt(STDERR, size, true);
    put(STDERR, " bytes");
    failLine(0);
    return 0;
  }
  err = readExact(fd, buffer, <usize>size);
  close(fd);
  if (err != 0) { ml_free(buffer); return openFailed("cannot read model file ", arg, err, false); }
  const handle = ml_load(buffer, <u32>size);
  if (handle == 0) {
    ml_free(buffer);
    put(STDERR, "microlite: ");
    putArg(STDERR, arg);
    put(STDERR, ": ");
    putBytes(STDERR, ml_error_ptr(), <usize>ml_error_len());
    failLine(0);
  }
  return handle;
}

function openFailed(what: string, arg: i32, err: u16, writing: bool): i32 {
  put(STDERR, "microlite: ");
  put(STDERR, what);
  putArg(STDERR, arg);
  put(STDERR, ": ");
  putErrno(STDERR, err, writing);
  failLine(0);
  return 0;
}

// ---- run ----------------------------------------------------------------------------------

// Where each file argument is: (address, length) in the argument block.
let inputPtr: usize = 0, inputLen: usize = 0, prefixPtr: usize = 0, prefixLen: usize = 0;

function cmdRun(): u32 {
  let modelArg = -1;
  let positional = 0;
  let steps = 1;
  let inputOption = 0, outputOption = 0;
  for (let i = 2; i < argCount(); i++) {
    let valuePtr: usize = 0, valueLen: usize = 0, option = 0;
    if (argIs(i, "--steps") || argIs(i, "--input") || argIs(i, "--output")) {
      option = argIs(i, "--steps") ? 1 : argIs(i, "--input") ? 2 : 3;
      if (i + 1 >= argCount()) { put(STDERR, "microlite: "); putArg(STDERR, i); put(STDERR, " needs a value"); return failLine(EXIT_USAGE); }
      i++;
      valuePtr = argPtr(i); valueLen = argLen(i);
    } else if (argStartsWith(i, "--steps=")) { option = 1; valuePtr = argPtr(i) + 8; valueLen = argLen(i) - 8; }
    else if (argStartsWith(i, "--input=")) { option = 2; valuePtr = argPtr(i) + 8; valueLen = argLen(i) - 8; }
    else if (argStartsWith(i, "--output=")) { option = 3; valuePtr = argPtr(i) + 9; valueLen = argLen(i) - 9; }
    else if (argStartsWith(i, "--")) {
      put(STDERR, "microlite: unknown option "); putArg(STDERR, i); put(STDERR, " (see --help)");
      return failLine(EXIT_USAGE);
    } else {
      if (positional == 0) modelArg = i;
      else if (positional == 1) { inputPtr = argPtr(i); inputLen = argLen(i); }
      else if (positional == 2) { prefixPtr = argPtr(i); prefixLen = argLen(i); }
      positional++;
      continue;
    }
    if (option == 1) {
      steps = parseCount(valuePtr, valueLen);
      if (steps < 1) {
        put(STDERR, "microlite: --steps must be an integer >= 1, got '"); putBytes(STDERR, valuePtr, valueLen); putChar(STDERR, 39);
        return failLine(EXIT_USAGE);
      }
    } else if (option == 2) { inputPtr = valuePtr; inputLen = valueLen; inputOption++; }
    else { prefixPtr = valuePtr; prefixLen = valueLen; outputOption++; }
  }
  // Each file is named once: positionally or by its option.
  const inputs = (positional >= 2 ? 1 : 0) + inputOption;
  const outputs = (positional >= 3 ? 1 : 0) + outputOption;
  if (positional < 1 || positional > 3 || inputs != 1 || outputs != 1 || inputLen == 0 || prefixLen == 0) {
    put(STDERR, "microlite: usage: run MODEL.tflite IN.bin OUT_PREFIX [--steps N]");
    return failLine(EXIT_USAGE);
  }
  const handle = loadModel(modelArg);
  if (handle == 0) return EXIT_ERROR;
  return runModel(handle, modelArg, steps);
}

function runModel(handle: i32, modelArg: i32, steps: i32): u32 {
  const inputs = ml_input_count(handle);
  const outputs = ml_output_count(handle);
  let perStep: u64 = 0;
  for (let i = 0; i < inputs; i++) perStep += <u64>ml_tensor_bytes(handle, ml_input_tensor(handle, i));

  // The input file must hold exactly `steps` invokes' worth of bytes; it is read step by step
  // straight into the input tensors (no copy of the whole file).
  let err = openPath(inputPtr, inputLen, false);
  if (err != 0) return fileFailed("cannot open input file ", inputPtr, inputLen, err, false);
  const inFd = openedFd;
  const size = fileSize(inFd);
  if (size < 0) return fileFailed("cannot read input file ", inputPtr, inputLen, <u16>(-1 - size), false);
  if (<u64>size != perStep * <u64>steps) {
    put(STDERR, "microlite: input holds "); putInt(STDERR, size, true);
    put(STDERR, " bytes; the model takes "); putInt(STDERR, <i64>perStep, true);
    put(STDERR, " bytes per invoke");
    if (steps > 1) { put(STDERR, " x "); putInt(STDERR, steps); put(STDERR, " steps"); }
    return failLine(EXIT_ERROR);
  }

  // Output files: PREFIX.output<i>.bin, created before the first invoke.
  const fdSlots: i32 = outputs > 0 ? outputs : 1;
  const fds = blockAlloc(<usize>fdSlots << 2);
  const name = blockAlloc(prefixLen + 32);
  if (fds == 0 || name == 0) { put(STDERR, "microlite: out of memory"); return failLine(EXIT_ERROR); }
  for (let o = 0; o < outputs; o++) {
    const nameLen = outputName(name, o);
    err = openPath(name, nameLen, true);
    if (err != 0) return fileFailed("cannot create output file ", name, nameLen, err, true);
    store<u32>(fds + (<usize>o << 2), openedFd);
  }

  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < inputs; i++) {
      const t = ml_input_tensor(handle, i);
      const bytes = <usize>ml_tensor_bytes(handle, t);
      const data = ml_tensor_data(handle, t);
      err = data != 0 ? readExact(inFd, data, bytes) : skipBytes(inFd, bytes);
      if (err != 0) return fileFailed("cannot read input file ", inputPtr, inputLen, err, false);
    }
    if (!ml_invoke(handle)) {
      put(STDERR, "microlite: invoke failed");
      if (steps > 1) { put(STDERR, " at step "); putInt(STDERR, s + 1); }
      put(STDERR, ": "); putBytes(STDERR, ml_error_ptr(), <usize>ml_error_len());
      return failLine(EXIT_ERROR);
    }
    for (let o = 0; o < outputs; o++) {
      const t = ml_output_tensor(handle, o);
      err = writeTensor(load<u32>(fds + (<usize>o << 2)), ml_tensor_data(handle, t), <usize>ml_tensor_bytes(handle, t));
      if (err != 0) {
        const nameLen = outputName(name, o);
        return fileFailed("cannot write output file ", name, nameLen, err, true);
      }
    }
  }
  close(inFd);
  for (let o = 0; o < outputs; o++) close(load<u32>(fds + (<usize>o << 2)));

  put(STDOUT, "ran "); putArg(STDOUT, modelArg);
  put(STDOUT, ml_simd() ? " (simd) " : " (scalar) ");
  putInt(STDOUT, steps); put(STDOUT, steps == 1 ? " step; wrote " : " steps; wrote ");
  for (let o = 0; o < outputs; o++) {
    if (o > 0) put(STDOUT, ", ");
    putBytes(STDOUT, name, outputName(name, o));
  }
  putChar(STDOUT, 10);
  return 0;
}

/** Writes PREFIX.output<o>.bin at `dst`; returns its length. */
function outputName(dst: usize, o: i32): usize {
  memory.copy(dst, prefixPtr, prefixLen);
  let n = prefixLen;
  const suffix = ".output";
  for (let k = 0; k < suffix.length; k++) store<u8>(dst + n++, <u8>suffix.charCodeAt(k));
  const width = intWidth(o);
  let v = o;
  for (let k = width - 1; k >= 0; k--) { store<u8>(dst + n + <usize>k, <u8>(48 + v % 10)); v /= 10; }
  n += <usize>width;
  store<u8>(dst + n++, 46); store<u8>(dst + n++, 98); store<u8>(dst + n++, 105); store<u8>(dst + n++, 110); // ".bin"
  return n;
}

const zeros: usize = memory.data(64);

/** An output's bytes; a tensor without storage (never written by any op) reads as zeros. */
function writeTensor(fd: u32, data: usize, bytes: usize): u16 {
  if (data != 0) return writeExact(fd, data, bytes);
  while (bytes > 0) {
    const n = bytes < 64 ? bytes : 64;
    const err = writeExact(fd, zeros, n);
    if (err != 0) return err;
    bytes -= n;
  }
  return 0;
}

function fileFailed(what: string, path: usize, len: usize, err: u16, writing: bool): u32 {
  put(STDERR, "microlite: "); put(STDERR, what); putBytes(STDERR, path, len); put(STDERR, ": ");
  putErrno(STDERR, err, writing);
  return failLine(EXIT_ERROR);
}

// ---- inspect ------------------------------------------------------------------------------

function cmdInspect(): u32 {
  if (argCount() != 3 || argStartsWith(2, "--")) {
    put(STDERR, "microlite: usage: inspect MODEL.tflite");
    return failLine(EXIT_USAGE);
  }
  const handle = loadModel(2);
  if (handle == 0) return EXIT_ERROR;
  const ops = ml_op_count(handle);
  const tensors = ml_tensor_count(handle);
  putArg(STDOUT, 2); put(STDOUT, ": "); putInt(STDOUT, ops); put(STDOUT, " ops, "); putInt(STDOUT, tensors);
  put(STDOUT, ml_simd() ? " tensors (simd build)\n" : " tensors (scalar build)\n");
  const planned = ml_model_planned(handle);
  const persistent = ml_model_persistent(handle);
  put(STDOUT, "arena: "); putInt(STDOUT, planned + persistent, true); put(STDOUT, " bytes = ");
  putInt(STDOUT, planned, true); put(STDOUT, " planned + "); putInt(STDOUT, persistent, true); put(STDOUT, " persistent\n");
  const memoryBytes = <i64>memory.size() << 16;
  put(STDOUT, "linear memory: "); putInt(STDOUT, memoryBytes, true); put(STDOUT, " bytes ("); putInt(STDOUT, memory.size());
  put(STDOUT, " pages of 64 KiB: static data, the model file, the arena)\n");

  put(STDOUT, "\nops:\n");
  for (let i = 0; i < ops; i++) {
    pad(STDOUT, 5 - intWidth(i)); putInt(STDOUT, i); put(STDOUT, "  ");
    const width = putOpName(handle, i);
    put(STDOUT, " v"); putInt(STDOUT, ml_op_version(handle, i));
    pad(STDOUT, 30 - width - 2 - intWidth(ml_op_version(handle, i)));
    put(STDOUT, " in ["); putIndexList(handle, i, ml_op_input_count(handle, i), true);
    put(STDOUT, "] out ["); putIndexList(handle, i, ml_op_output_count(handle, i), false);
    put(STDOUT, "]\n");
  }
  put(STDOUT, "\ntensors:\n");
  for (let t = 0; t < tensors; t++) putTensor(handle, t);
  return 0;
}

/** The op's name (builtin name, or the custom op's own name); returns its width. */
function putOpName(handle: i32, i: i32): i32 {
  const customLen = ml_op_custom_name_len(handle, i);
  if (customLen > 0) {
    put(STDOUT, "CUSTOM:"); putBytes(STDOUT, ml_op_custom_name_ptr(handle, i), <usize>customLen);
    return 7 + customLen;
  }
  const code = ml_op_code(handle, i);
  const name = opNameAt(code);
  const len = textLength;
  if (len == 0) { put(STDOUT, "BUILTIN_"); putInt(STDOUT, code); return 8 + intWidth(code); }
  for (let k = 0; k < len; k++) putChar(STDOUT, <i32>load<u8>(name + <usize>k * textStep));
  return len;
}

function putIndexList(handle: i32, op: i32, n: i32, inputs: bool): void {
  for (let k = 0; k < n; k++) {
    if (k > 0) putChar(STDOUT, 44);
    putInt(STDOUT, inputs ? ml_op_input(handle, op, k) : ml_op_output(handle, op, k));
  }
}

function putTensor(handle: i32, t: i32): void {
  pad(STDOUT, 5 - intWidth(t)); putInt(STDOUT, t); put(STDOUT, "  ");
  // dtype
  const type = ml_tensor_type(handle, t);
  const name = dtypeNameAt(type);
  let width = textLength;
  if (width == 0) { put(STDOUT, "type"); putInt(STDOUT, type); width = 4 + intWidth(type); }
  else for (let k = 0; k < width; k++) putChar(STDOUT, <i32>load<u8>(name + <usize>k * textStep));
  pad(STDOUT, 9 - width);
  // shape
  const rank = ml_tensor_rank(handle, t);
  const dims = ml_tensor_dims(handle, t);
  putChar(STDOUT, 91);
  width = 2;
  for (let d = 0; d < rank; d++) {
    if (d > 0) { putChar(STDOUT, 44); width++; }
    const v = load<i32>(dims + (<usize>d << 2));
    putInt(STDOUT, v);
    width += intWidth(v);
  }
  putChar(STDOUT, 93);
  pad(STDOUT, 19 - width);
  // storage and role
  const flags = ml_tensor_flags(handle, t);
  const kind = (flags & 1) != 0 ? "constant" : (flags & 2) != 0 ? "variable" : (flags & 4) != 0 ? "planned" : "unused";
  put(STDOUT, kind); pad(STDOUT, 10 - kind.length);
  const role = (flags & 24) == 24 ? "input+output" : (flags & 8) != 0 ? "input" : (flags & 16) != 0 ? "output" : "";
  put(STDOUT, role); pad(STDOUT, 13 - role.length);
  putInt(STDOUT, ml_tensor_bytes(handle, t), true); put(STDOUT, " B");
  const scale = ml_tensor_scale(handle, t);
  if (scale > 0) { put(STDOUT, "  scale "); putFloat(STDOUT, scale); put(STDOUT, " zp "); putInt(STDOUT, ml_tensor_zero_point(handle, t)); }
  const nameLen = ml_tensor_name_len(handle, t);
  if (nameLen > 0) { put(STDOUT, "  "); putBytes(STDOUT, ml_tensor_name_ptr(handle, t), <usize>nameLen); }
  putChar(STDOUT, 10);
}
