// Bounds-checked, zero-copy FlatBuffer access over the model bytes in linear memory.
//
// Every accessor validates what it dereferences against [fbStart, fbEnd) before reading,
// so a hostile or truncated file can only produce an error, never an out-of-bounds read.
// A failed check records the first problem (with its byte offset) and returns 0; callers
// check `fbOk()` once per structure. These run at load time only, never in eval.

import { errBegin, errStr, errInt, textEquals, textLen } from "../common/error";

let fbStart: usize = 0;
let fbEnd: usize = 0;
let fbBad: bool = false;
// What the verifier is looking at, for messages ("subgraph 0 tensor 12").
let ctxA: string = "model";
let ctxAIndex: i32 = -1;
let ctxB: string = "";
let ctxBIndex: i32 = -1;

/** Selects the buffer that later accessors read. */
export function fbBegin(start: usize, length: usize): void {
  fbStart = start;
  fbEnd = start + length;
  fbBad = false;
  ctxA = "model"; ctxAIndex = -1; ctxB = ""; ctxBIndex = -1;
}

export function fbOk(): bool { return !fbBad; }
export function fbBase(): usize { return fbStart; }
export function fbSize(): usize { return fbEnd - fbStart; }

/** Sets the context printed in malformed-model messages. */
export function fbContext(outer: string, outerIndex: i32, inner: string = "", innerIndex: i32 = -1): void {
  ctxA = outer; ctxAIndex = outerIndex; ctxB = inner; ctxBIndex = innerIndex;
}

/** Records a malformed-model error at absolute position `at`. Always returns 0. */
export function fbMalformed(at: usize, why: string): usize {
  if (!fbBad) {
    fbBad = true;
    if (errBegin("malformed model (")) {
      errStr(ctxA);
      if (ctxAIndex >= 0) { errStr(" "); errInt(ctxAIndex); }
      if (textLen(ctxB) > 0) { errStr(" "); errStr(ctxB); if (ctxBIndex >= 0) { errStr(" "); errInt(ctxBIndex); } }
      errStr("): ");
      errStr(why);
      errStr(" at byte ");
      errInt(<i64>(at >= fbStart ? at - fbStart : 0));
      errStr(" of ");
      errInt(<i64>(fbEnd - fbStart));
    }
  }
  return 0;
}

/** True when [pos, pos+size) lies inside the buffer (overflow-safe). */
// @ts-ignore: decorator
@inline export function fbInside(pos: usize, size: u64): bool {
  return pos >= fbStart && pos <= fbEnd && size <= <u64>(fbEnd - pos);
}

/** Validates the table at `pos` (its vtable and inline size); returns pos or 0. */
export function fbTable(pos: usize): usize {
  if (pos == 0 || fbBad) return 0;
  if (!fbInside(pos, 4)) return fbMalformed(pos, "table offset outside the file");
  const vtOffset = <i64>load<i32>(pos);
  const vt = <i64>pos - vtOffset;
  if (vt < <i64>fbStart || vt + 4 > <i64>fbEnd) return fbMalformed(pos, "vtable outside the file");
  const vtable = <usize>vt;
  const vtSize = <u32>load<u16>(vtable);
  const tableSize = <u32>load<u16>(vtable + 2);
  if (vtSize < 4 || (vtSize & 1) != 0) return fbMalformed(vtable, "bad vtable size");
  if (!fbInside(vtable, vtSize)) return fbMalformed(vtable, "vtable extends past the end");
  if (tableSize < 4 || !fbInside(pos, tableSize)) return fbMalformed(pos, "table extends past the end");
  return pos;
}

/** Absolute address of field `id` of a validated table, or 0 when absent. Checks `size` fits. */
export function fbField(table: usize, id: i32, size: u32): usize {
  if (table == 0 || fbBad) return 0;
  const vtable = table - <usize>load<i32>(table);
  const vtSize = <u32>load<u16>(vtable);
  const slot: u32 = 4 + (<u32>id << 1);
  if (slot + 2 > vtSize) return 0;
  const off = <u32>load<u16>(vtable + slot);
  if (off == 0) return 0;
  const tableSize = <u32>load<u16>(vtable + 2);
  if (off + size > tableSize) return fbMalformed(table, "field extends past its table");
  return table + off;
}

export function fbI32(table: usize, id: i32, dflt: i32): i32 {
  const p = fbField(table, id, 4);
  return p ? load<i32>(p) : dflt;
}
export function fbU32(table: usize, id: i32, dflt: u32): u32 {
  const p = fbField(table, id, 4);
  return p ? load<u32>(p) : dflt;
}
export function fbI8(table: usize, id: i32, dflt: i32): i32 {
  const p = fbField(table, id, 1);
  return p ? <i32>load<i8>(p) : dflt;
}
export function fbU8(table: usize, id: i32, dflt: i32): i32 {
  const p = fbField(table, id, 1);
  return p ? <i32>load<u8>(p) : dflt;
}
export function fbBool(table: usize, id: i32, dflt: bool): bool {
  const p = fbField(table, id, 1);
  return p ? load<u8>(p) != 0 : dflt;
}
export function fbF32(table: usize, id: i32, dflt: f32): f32 {
  const p = fbField(table, id, 4);
  return p ? load<f32>(p) : dflt;
}
export function fbU64(table: usize, id: i32, dflt: u64): u64 {
  const p = fbField(table, id, 8);
  return p ? load<u64>(p) : dflt;
}

/** Follows a uoffset at absolute `at`; returns the target position or 0 (malformed). */
function follow(at: usize): usize {
  if (!fbInside(at, 4)) return fbMalformed(at, "offset outside the file");
  const target = <u64>at + <u64>load<u32>(at);
  if (target >= <u64>fbEnd) return fbMalformed(at, "offset points past the end");
  return <usize>target;
}

/** The sub-table referenced by field `id`, validated; 0 when absent or malformed. */
export function fbRef(table: usize, id: i32): usize {
  const p = fbField(table, id, 4);
  if (p == 0) return 0;
  return fbTable(follow(p));
}

/** Validated vector (address of its length word) for field `id`; 0 when absent. */
export function fbVector(table: usize, id: i32, elementSize: u32): usize {
  const p = fbField(table, id, 4);
  if (p == 0) return 0;
  const v = follow(p);
  if (v == 0) return 0;
  if (!fbInside(v, 4)) return fbMalformed(v, "vector header outside the file");
  const n = <u64>load<u32>(v);
  if (!fbInside(v + 4, n * <u64>elementSize)) return fbMalformed(v, "vector length runs past the end");
  return v;
}

/** Validated string (a byte vector whose terminating NUL is inside the file); 0 when absent. */
export function fbString(table: usize, id: i32): usize {
  const v = fbVector(table, id, 1);
  if (v == 0) return 0;
  const n = <usize>load<u32>(v);
  if (!fbInside(v + 4 + n, 1)) return fbMalformed(v, "string is not terminated inside the file");
  return v;
}

// Vector element access. `v` must come from fbVector (length already validated).
// @ts-ignore: decorator
@inline export function vecLen(v: usize): i32 { return v ? <i32>load<u32>(v) : 0; }
// @ts-ignore: decorator
@inline export function vecData(v: usize): usize { return v + 4; }
// @ts-ignore: decorator
@inline export function vecI32(v: usize, i: i32): i32 { return load<i32>(v + 4 + (<usize>i << 2)); }

/** Element `i` of a vector of tables, validated; 0 when malformed. */
export function vecTable(v: usize, i: i32): usize {
  if (v == 0 || i < 0 || i >= vecLen(v)) return 0;
  return fbTable(follow(v + 4 + (<usize>i << 2)));
}

/** True when the string vector `s` equals the ASCII literal `lit`. */
export function strEquals(s: usize, lit: string): bool {
  if (s == 0) return false;
  return textEquals(s + 4, vecLen(s), lit);
}
