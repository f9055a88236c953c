// Bounds-checked FlexBuffer map reader for custom operator options (prepare only).
//
// Custom ops (the TFLM "signal" library) keep their options as a FlexBuffer map in the
// operator's custom_options bytes. flexOpen() selects those bytes and finds the root map;
// the lookups then read values by key. Every read is checked against [start, end) of the
// options bytes, so a hostile model can only make a lookup fail, never read outside them.
// State lives in module globals (no allocation); one map is open at a time.

import { textEquals, textLen } from "../common/error";

// FlexBuffer value types (the high 6 bits of a packed type byte).
const enum FlexType {
  NULL = 0, INT = 1, UINT = 2, FLOAT = 3, KEY = 4, STRING = 5,
  INDIRECT_INT = 6, INDIRECT_UINT = 7, INDIRECT_FLOAT = 8, MAP = 9, VECTOR = 10,
  VECTOR_INT = 11, VECTOR_UINT = 12, VECTOR_FLOAT = 13, VECTOR_KEY = 14,
  VECTOR_INT2 = 16, VECTOR_UINT2 = 17, VECTOR_FLOAT2 = 18,
  VECTOR_INT3 = 19, VECTOR_UINT3 = 20, VECTOR_FLOAT3 = 21,
  VECTOR_INT4 = 22, VECTOR_UINT4 = 23, VECTOR_FLOAT4 = 24,
  BLOB = 25, BOOL = 26, VECTOR_BOOL = 36,
}

let bufStart: usize = 0;
let bufEnd: usize = 0;
let bad: bool = false;
// The open map: values start, element width, count; keys vector start and width.
let mapData: usize = 0;
let mapWidth: u32 = 0;
let mapCount: i32 = 0;
let keysData: usize = 0;
let keysWidth: u32 = 0;
// The value found by the last find(): its slot, the slot width and its packed type.
let valSlot: usize = 0;
let valWidth: u32 = 0;
let valPacked: u32 = 0;

// @ts-ignore: decorator
@inline function inside(p: usize, n: u64): bool {
  return p >= bufStart && p <= bufEnd && n <= <u64>(bufEnd - p);
}

// @ts-ignore: decorator
@inline function validWidth(w: u32): bool { return w == 1 || w == 2 || w == 4 || w == 8; }

/** Unsigned little-endian integer of width w at p (0 and `bad` when outside). */
function readU(p: usize, w: u32): u64 {
  if (!validWidth(w) || !inside(p, w)) { bad = true; return 0; }
  if (w == 1) return <u64>load<u8>(p);
  if (w == 2) return <u64>load<u16>(p);
  if (w == 4) return <u64>load<u32>(p);
  return load<u64>(p);
}

function readI(p: usize, w: u32): i64 {
  if (!validWidth(w) || !inside(p, w)) { bad = true; return 0; }
  if (w == 1) return <i64>load<i8>(p);
  if (w == 2) return <i64>load<i16>(p);
  if (w == 4) return <i64>load<i32>(p);
  return load<i64>(p);
}

function readF(p: usize, w: u32): f64 {
  if (!inside(p, w)) { bad = true; return 0; }
  if (w == 4) return <f64>load<f32>(p);
  if (w == 8) return load<f64>(p);
  bad = true;
  return 0;
}

/** Follows an offset stored at slot p (width w): the target lies that many bytes before p. */
function indirect(p: usize, w: u32): usize {
  const off = readU(p, w);
  if (bad || off > <u64>(p - bufStart)) { bad = true; return 0; }
  return p - <usize>off;
}

/**
 * Opens the FlexBuffer whose `length` bytes start at `data`; its root must be a map.
 * Returns false when the bytes are not a well-formed map (nothing is read outside them).
 */
export function flexOpen(data: usize, length: u32): bool {
  bufStart = data;
  bufEnd = data + <usize>length;
  bad = false;
  mapCount = 0;
  if (length < 3) { bad = true; return false; }
  const rootWidth = <u32>load<u8>(bufEnd - 1);
  const rootPacked = <u32>load<u8>(bufEnd - 2);
  if (!validWidth(rootWidth) || <u64>rootWidth + 2 > <u64>length) { bad = true; return false; }
  if ((rootPacked >> 2) != FlexType.MAP) { bad = true; return false; }
  const rootSlot = bufEnd - 2 - <usize>rootWidth;
  const map = indirect(rootSlot, rootWidth);
  const w: u32 = 1 << (rootPacked & 3);
  if (bad || map < bufStart + 3 * <usize>w) { bad = true; return false; }
  const count = readU(map - w, w);
  const kWidth = <u32>readU(map - 2 * w, w);
  const keys = indirect(map - 3 * w, w);
  if (bad || !validWidth(kWidth) || count > <u64>(bufEnd - map)) { bad = true; return false; }
  // Values, then one packed type byte per value.
  if (!inside(map, count * <u64>w + count)) { bad = true; return false; }
  // The keys vector has the same length.
  if (readU(keys - kWidth, kWidth) != count || !inside(keys, count * <u64>kWidth)) { bad = true; return false; }
  mapData = map;
  mapWidth = w;
  mapCount = <i32>count;
  keysData = keys;
  keysWidth = kWidth;
  return true;
}

/** False once any read of the open buffer failed (malformed). */
export function flexOk(): bool { return !bad; }

/** Compares the NUL-terminated key at p with `name`. */
function keyEquals(p: usize, name: string): bool {
  const n = textLen(name);
  if (!inside(p, <u64>n + 1)) return false;
  return load<u8>(p + <usize>n) == 0 && textEquals(p, n, name);
}

/** Finds `name` in the open map; sets valSlot/valWidth/valPacked. */
function find(name: string): bool {
  for (let i = 0; i < mapCount; i++) {
    const key = indirect(keysData + <usize>i * keysWidth, keysWidth);
    if (bad) return false;
    if (keyEquals(key, name)) {
      valSlot = mapData + <usize>i * mapWidth;
      valWidth = mapWidth;
      valPacked = <u32>load<u8>(mapData + <usize>mapCount * mapWidth + <usize>i);
      return true;
    }
  }
  return false;
}

/** True when the open map has key `name`. */
export function flexHas(name: string): bool { return find(name); }

// Scalar conversion as flexbuffers' AsInt64/AsDouble/AsBool do for numeric types.
let scalarOk: bool = false;
function scalarAsI64(slot: usize, width: u32, packed: u32): i64 {
  scalarOk = true;
  const type = packed >> 2;
  const own: u32 = 1 << (packed & 3);
  switch (type) {
    case FlexType.INT: return readI(slot, width);
    case FlexType.UINT: case FlexType.BOOL: return <i64>readU(slot, width);
    case FlexType.FLOAT: return <i64>readF(slot, width);
    case FlexType.INDIRECT_INT: { const p = indirect(slot, width); return bad ? 0 : readI(p, own); }
    case FlexType.INDIRECT_UINT: { const p = indirect(slot, width); return bad ? 0 : <i64>readU(p, own); }
    case FlexType.INDIRECT_FLOAT: { const p = indirect(slot, width); return bad ? 0 : <i64>readF(p, own); }
    default: scalarOk = false; return 0;
  }
}

function scalarAsF64(slot: usize, width: u32, packed: u32): f64 {
  const type = packed >> 2;
  const own: u32 = 1 << (packed & 3);
  if (type == FlexType.FLOAT) { scalarOk = true; return readF(slot, width); }
  if (type == FlexType.INDIRECT_FLOAT) { scalarOk = true; const p = indirect(slot, width); return bad ? 0 : readF(p, own); }
  if (type == FlexType.UINT || type == FlexType.INDIRECT_UINT) return <f64><u64>scalarAsI64(slot, width, packed);
  return <f64>scalarAsI64(slot, width, packed);
}

/** Integer value of `name` (numbers and bools convert), or `dflt` when absent or not numeric. */
export function flexInt(name: string, dflt: i64): i64 {
  if (!find(name)) return dflt;
  const v = scalarAsI64(valSlot, valWidth, valPacked);
  return scalarOk && !bad ? v : dflt;
}

/** Float value of `name`, or `dflt`. */
export function flexFloat(name: string, dflt: f64): f64 {
  if (!find(name)) return dflt;
  const v = scalarAsF64(valSlot, valWidth, valPacked);
  return scalarOk && !bad ? v : dflt;
}

/** Bool value of `name` (non-zero numbers are true), or `dflt`. */
export function flexBool(name: string, dflt: bool): bool {
  if (!find(name)) return dflt;
  const v = scalarAsI64(valSlot, valWidth, valPacked);
  return scalarOk && !bad ? v != 0 : dflt;
}

/** True when `name` holds a number or bool that flexInt can read. */
export function flexIsNumber(name: string): bool {
  if (!find(name)) return false;
  scalarAsI64(valSlot, valWidth, valPacked);
  return scalarOk && !bad;
}

// Vectors of numbers: typed (VECTOR_INT...), fixed (VECTOR_INT2..4) or untyped (VECTOR).
let vecData: usize = 0;
let vecWidth: u32 = 0;
let vecCount: i32 = 0;
let vecElemType: u32 = 0;   // element FlexType for typed vectors, NULL for untyped

function openVector(name: string): bool {
  vecCount = 0;
  if (!find(name)) return false;
  const type = valPacked >> 2;
  const own: u32 = 1 << (valPacked & 3);
  const p = indirect(valSlot, valWidth);
  if (bad) return false;
  let count: u64 = 0;
  let elem: u32 = FlexType.NULL;
  if (type == FlexType.VECTOR || (type >= FlexType.VECTOR_INT && type <= FlexType.VECTOR_FLOAT) || type == FlexType.VECTOR_BOOL) {
    count = readU(p - own, own);
    if (type != FlexType.VECTOR) elem = type == FlexType.VECTOR_BOOL ? FlexType.BOOL : type - FlexType.VECTOR_INT + FlexType.INT;
  } else if (type >= FlexType.VECTOR_INT2 && type <= FlexType.VECTOR_FLOAT4) {
    count = <u64>((type - FlexType.VECTOR_INT2) / 3 + 2);
    elem = (type - FlexType.VECTOR_INT2) % 3 + FlexType.INT;
  } else {
    return false;
  }
  const typesBytes: u64 = type == FlexType.VECTOR ? count : 0;
  if (bad || count > 0x7fffffff || !inside(p, count * <u64>own + typesBytes)) { bad = true; return false; }
  vecData = p;
  vecWidth = own;
  vecCount = <i32>count;
  vecElemType = elem;
  return true;
}

/** Length of the numeric vector `name`, or -1 when absent or not a vector. */
export function flexVectorLength(name: string): i32 {
  return openVector(name) ? vecCount : -1;
}

/** Element `i` of the numeric vector `name` as an integer, or `dflt`. */
export function flexVectorInt(name: string, i: i32, dflt: i64): i64 {
  if (!openVector(name) || i < 0 || i >= vecCount) return dflt;
  const slot = vecData + <usize>i * vecWidth;
  const packed = vecElemType != FlexType.NULL
    ? (vecElemType << 2) | <u32>ctz(vecWidth)
    : <u32>load<u8>(vecData + <usize>vecCount * vecWidth + <usize>i);
  const v = scalarAsI64(slot, vecWidth, packed);
  return scalarOk && !bad ? v : dflt;
}
