// Command-line arguments (args_sizes_get/args_get), kept in one block: argv[0] is the
// program name as the runtime gives it; arguments are NUL-terminated UTF-8.

import { args_sizes_get, args_get } from "./sys";
import { blockAlloc } from "../common/blocks";
import { textEquals, textLen } from "../common/error";

const sizes: usize = memory.data(8, 4);
let count: i32 = 0;
let pointers: usize = 0;

/** Reads the arguments; false when the runtime fails or memory runs out. */
export function readArgs(): bool {
  if (args_sizes_get(sizes, sizes + 4) != 0) return false;
  const n = load<u32>(sizes);
  const bytes = load<u32>(sizes + 4);
  if (n == 0) return true;
  const block = blockAlloc(<usize>n * 4 + <usize>bytes + 1);
  if (block == 0) return false;
  if (args_get(block, block + <usize>n * 4) != 0) return false;
  pointers = block;
  count = <i32>n;
  return true;
}

export function argCount(): i32 { return count; }

export function argPtr(i: i32): usize { return <usize>load<u32>(pointers + (<usize>i << 2)); }

export function argLen(i: i32): usize {
  const p = argPtr(i);
  let n: usize = 0;
  while (load<u8>(p + n) != 0) n++;
  return n;
}

/** True when argument `i` equals the ASCII literal `s`. */
export function argIs(i: i32, s: string): bool {
  if (i < 0 || i >= count) return false;
  return textEquals(argPtr(i), <i32>argLen(i), s);
}

/** True when argument `i` starts with `s` (for --name=value). */
export function argStartsWith(i: i32, s: string): bool {
  const n = textLen(s);
  if (<i32>argLen(i) < n) return false;
  return textEquals(argPtr(i), n, s);
}

/** A positive decimal integer in [ptr, ptr+len) below 2^31, or -1. */
export function parseCount(ptr: usize, len: usize): i32 {
  if (len == 0 || len > 10) return -1;
  let v: i64 = 0;
  for (let k: usize = 0; k < len; k++) {
    const c = <i32>load<u8>(ptr + k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v > 0x7fffffff ? -1 : <i32>v;
}
