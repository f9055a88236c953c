// Text output to stdout/stderr without allocation: one static buffer per stream, flushed when
// full and at the end. (The engine's block allocator owns memory above the stub heap, so the
// command makes no managed allocations: no string concatenation, no number-to-string.)

import { fd_write, STDOUT, STDERR } from "./sys";
import { textAt, textLength, textStep } from "../common/error";

const CAPACITY: usize = 512;
const outBuffer: usize = memory.data(<i32>CAPACITY);
const errBuffer: usize = memory.data(<i32>CAPACITY);
let outLength: usize = 0;
let errLength: usize = 0;
const iov: usize = memory.data(16, 4);

/** Writes all of [ptr, ptr+len) to `fd`; false when the stream fails. */
export function writeAll(fd: u32, ptr: usize, len: usize): bool {
  while (len > 0) {
    store<u32>(iov, <u32>ptr);
    store<u32>(iov + 4, <u32>len);
    if (fd_write(fd, iov, 1, iov + 8) != 0) return false;
    const n = <usize>load<u32>(iov + 8);
    if (n == 0) return false;
    ptr += n;
    len -= n;
  }
  return true;
}

export function flush(fd: u32): void {
  if (fd == STDERR) { writeAll(fd, errBuffer, errLength); errLength = 0; }
  else { writeAll(fd, outBuffer, outLength); outLength = 0; }
}

function putByte(fd: u32, c: i32): void {
  if (fd == STDERR) {
    if (errLength == CAPACITY) flush(fd);
    store<u8>(errBuffer + errLength++, <u8>c);
  } else {
    if (outLength == CAPACITY) flush(STDOUT);
    store<u8>(outBuffer + outLength++, <u8>c);
  }
}

/** An ASCII string literal. */
export function put(fd: u32, s: string): void {
  const p = textAt(s);
  const n = textLength, step = textStep;
  for (let i = 0; i < n; i++) putByte(fd, <i32>load<u8>(p + <usize>i * step));
}

/** Bytes from memory (file names, tensor names); control characters become '?'. */
export function putBytes(fd: u32, ptr: usize, len: usize): void {
  for (let i: usize = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + i);
    putByte(fd, c < 32 || c == 127 ? 63 : c);
  }
}

export function putChar(fd: u32, c: i32): void { putByte(fd, c); }

/** `count` spaces. */
export function pad(fd: u32, count: i32): void {
  for (let i = 0; i < count; i++) putByte(fd, 32);
}

const digits: usize = memory.data(32);

/** A decimal integer; `grouped` adds thousands separators (1,234,567). */
export function putInt(fd: u32, value: i64, grouped: bool = false): void {
  let v: u64 = <u64>value;
  if (value < 0) { putByte(fd, 45); v = <u64>(-value); }
  let n = 0;
  do { store<u8>(digits + <usize>(n++), <u8>(48 + <i32>(v % 10))); v /= 10; } while (v != 0);
  for (let i = n - 1; i >= 0; i--) {
    putByte(fd, <i32>load<u8>(digits + <usize>i));
    if (grouped && i > 0 && i % 3 == 0) putByte(fd, 44);
  }
}

/** Characters `putInt` would write (for column alignment). */
export function intWidth(value: i64): i32 {
  let n = value < 0 ? 2 : 1;
  let v: u64 = value < 0 ? <u64>(-value) : <u64>value;
  while (v >= 10) { v /= 10; n++; }
  return n;
}

/** A number with 6 significant digits, trailing zeros dropped, like C's %g. */
export function putFloat(fd: u32, value: f64): void {
  if (isNaN(value)) { put(fd, "nan"); return; }
  if (value < 0) { putByte(fd, 45); value = -value; }
  if (!isFinite(value)) { put(fd, "inf"); return; }
  if (value == 0) { putByte(fd, 48); return; }
  const SIG = 6;
  // Scale into [1e5, 1e6) by tens (no Math.pow/log10: their tables would cost 2 KB of static
  // data; the rounding error of a few dozen steps is far below the sixth digit).
  let e = SIG - 1;
  while (value >= 1e6) { value /= 10; e++; }
  while (value < 1e5) { value *= 10; e--; }
  let m = <i64>Math.round(value);
  if (m >= 1000000) { m /= 10; e++; }
  // The six digits, most significant first.
  for (let i = SIG - 1; i >= 0; i--) { store<u8>(digits + <usize>i, <u8>(48 + <i32>(m % 10))); m /= 10; }
  let last = SIG - 1;
  while (last > 0 && load<u8>(digits + <usize>last) == 48) last--;
  if (e < -5 || e >= SIG) {
    putByte(fd, <i32>load<u8>(digits));
    if (last > 0) { putByte(fd, 46); for (let i = 1; i <= last; i++) putByte(fd, <i32>load<u8>(digits + <usize>i)); }
    putByte(fd, 101);
    putByte(fd, e < 0 ? 45 : 43);
    if (e > -10 && e < 10) putByte(fd, 48);
    putInt(fd, e < 0 ? -e : e);
  } else if (e >= 0) {
    for (let i = 0; i <= e; i++) putByte(fd, <i32>load<u8>(digits + <usize>i));
    if (last > e) { putByte(fd, 46); for (let i = e + 1; i <= last; i++) putByte(fd, <i32>load<u8>(digits + <usize>i)); }
  } else {
    putByte(fd, 48); putByte(fd, 46);
    for (let i = 0; i < -e - 1; i++) putByte(fd, 48);
    for (let i = 0; i <= last; i++) putByte(fd, <i32>load<u8>(digits + <usize>i));
  }
}
