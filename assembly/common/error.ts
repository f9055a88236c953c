// Error reporting without allocation: one static message buffer that the host reads
// through `errorPtr()`/`errorLen()`. Every failing path in the engine writes a message
// here and returns a failure code; nothing traps.

const ERROR_CAPACITY: i32 = 480;
const errorBuffer: usize = memory.data(ERROR_CAPACITY + 16);
let errorLength: i32 = 0;
// Set when a message is already present: the first (most specific) error wins and later
// writers are muted until the host clears it.
let muted: bool = false;

export function errorPtr(): usize { return errorBuffer; }
export function errorLen(): i32 { return errorLength; }
export function errorClear(): void { errorLength = 0; muted = false; }
export function hasError(): bool { return errorLength > 0; }

function putByte(c: i32): void {
  if (!muted && errorLength < ERROR_CAPACITY) {
    store<u8>(errorBuffer + <usize>errorLength, <u8>c);
    errorLength++;
  }
}

/** Appends a (static, ASCII) string literal. */
export function errStr(s: string): void {
  const n = s.length;
  const p = changetype<usize>(s);
  for (let i = 0; i < n; i++) putByte(<i32>load<u16>(p + (<usize>i << 1)));
}

/** Appends `len` characters of `s` starting at `start`. */
export function errStrRange(s: string, start: i32, len: i32): void {
  const p = changetype<usize>(s) + (<usize>start << 1);
  for (let i = 0; i < len; i++) putByte(<i32>load<u16>(p + (<usize>i << 1)));
}

/** Appends a decimal integer, with thousands separators when `grouped`. */
export function errInt(value: i64, grouped: bool = false): void {
  if (value < 0) { putByte(45); value = -value; }
  let v = <u64>value;
  const digits = memory.data(24);
  let n = 0;
  do { store<u8>(digits + <usize>n, <u8>(48 + <i32>(v % 10))); v /= 10; n++; } while (v != 0);
  for (let i = n - 1; i >= 0; i--) {
    putByte(<i32>load<u8>(digits + <usize>i));
    if (grouped && i > 0 && i % 3 == 0) putByte(44);
  }
}

/** Appends bytes taken from the model (a name), replacing anything not printable. */
export function errBytes(ptr: usize, len: i32): void {
  if (len > 64) len = 64;
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    putByte(c >= 32 && c < 127 ? c : 63);
  }
}

/** Starts a new message (the first error wins: later ones are ignored until cleared). */
export function errBegin(s: string): bool {
  muted = errorLength > 0;
  errStr(s);
  return !muted;
}

/** Convenience: a whole message from one literal; returns false so callers can `return fail(...)`. */
export function fail(s: string): bool {
  errBegin(s);
  return false;
}
