// Error reporting without allocation: one static message buffer that the host reads
// through `errorPtr()`/`errorLen()`. Every failing path in the engine writes a message
// here and returns a failure code; nothing traps.

// Text literals. AssemblyScript stores a literal as a UTF-16 String object (20-byte header),
// which for the engine's hundreds of messages would be most of its static data. Builds made
// with assembly/transform/messages.js store every literal that only ever reaches textAt()
// (directly or through functions such as errStr, opFail, checkRank) as UTF-8 bytes and pass
// `MSG_TAG | length << 18 | address` in place of the String's address. textAt() reads both
// forms, so sources keep plain literals and untransformed compiles (as-pect) work unchanged.
// Static data sits far below 2 GiB (the transform checks it ends below 256 KiB), so the tag
// cannot collide with a String's address.
const MSG_TAG: usize = 0x80000000;

/** Length in characters of the text last located by textAt(). */
export let textLength: i32 = 0;
/** Bytes per character of that text: 1 (packed UTF-8) or 2 (String: low byte is the ASCII code). */
export let textStep: usize = 2;

/** Address of the first byte of text `s`; sets textLength and textStep. */
export function textAt(s: string): usize {
  const p = changetype<usize>(s);
  if (p >= MSG_TAG) {
    textLength = <i32>((p >>> 18) & 0x1fff);
    textStep = 1;
    return p & 0x3ffff;
  }
  textLength = s.length;
  textStep = 2;
  return p;
}

/** Length in characters of text `s`. */
export function textLen(s: string): i32 {
  textAt(s);
  return textLength;
}

/** True when bytes [p, p+n) equal text `s`. */
export function textEquals(p: usize, n: i32, s: string): bool {
  const q = textAt(s);
  if (n != textLength) return false;
  const step = textStep;
  for (let i = 0; i < n; i++) {
    if (load<u8>(p + <usize>i) != load<u8>(q + <usize>i * step)) return false;
  }
  return true;
}

/**
 * Finds item `k` of the ';'-separated list `s`: returns its address and sets textLength
 * (0 when there is no such item) and textStep.
 */
export function textItem(s: string, k: i32): usize {
  let p = textAt(s);
  const step = textStep;
  let n = textLength;
  for (; k > 0 && n > 0; n--) {
    if (load<u8>(p) == 59) k--;
    p += step;
  }
  let len = 0;
  while (len < n && load<u8>(p + <usize>len * step) != 59) len++;
  textLength = k != 0 ? 0 : len;
  return p;
}

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

/** Appends `n` characters at `p`, `step` bytes apart (see textAt). */
function putText(p: usize, n: i32, step: usize): void {
  for (let i = 0; i < n; i++) putByte(<i32>load<u8>(p + <usize>i * step));
}

/** Appends a (static, ASCII) string literal. */
export function errStr(s: string): void {
  const p = textAt(s);
  putText(p, textLength, textStep);
}

/** Appends item `k` of the ';'-separated list `s` (a table of names). */
export function errItem(s: string, k: i32): void {
  const p = textItem(s, k);
  putText(p, textLength, textStep);
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
