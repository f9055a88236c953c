// MAXIMUM / MINIMUM reference kernels (TFLM maximum_minimum.cc with
// reference_ops::MaximumMinimumBroadcastSlow): max is `a > b ? a : b`, min is `a < b ? a : b`
// (so with a NaN the second operand wins unless it is the NaN). Quantized values are compared
// as stored, as TFLM does.

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";
import { DType } from "../assembly/schema/tflite";

/** The op data: the dtype, then the Broadcast. */
@unmanaged
export class MaximumMinimumParams {
  type: i32;
}

// @ts-ignore: decorator
@inline export function maxMinBroadcast(p: MaximumMinimumParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<MaximumMinimumParams>());
}

// @ts-ignore: decorator
@inline function row<T>(isMax: bool, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA * sizeof<T>(), strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = load<T>(a), y = load<T>(b);
    store<T>(out + <usize>i * sizeof<T>(), isMax ? (x > y ? x : y) : (x < y ? x : y));
    a += strideA;
    b += strideB;
  }
}

function maxRowInt8(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i8>(true, a, sa, b, sb, o, n); }
function maxRowInt16(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i16>(true, a, sa, b, sb, o, n); }
function maxRowInt32(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i32>(true, a, sa, b, sb, o, n); }
function maxRowInt64(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i64>(true, a, sa, b, sb, o, n); }
function maxRowFloat32(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<f32>(true, a, sa, b, sb, o, n); }
function minRowInt8(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i8>(false, a, sa, b, sb, o, n); }
function minRowInt16(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i16>(false, a, sa, b, sb, o, n); }
function minRowInt32(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i32>(false, a, sa, b, sb, o, n); }
function minRowInt64(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<i64>(false, a, sa, b, sb, o, n); }
function minRowFloat32(p: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { row<f32>(false, a, sa, b, sb, o, n); }

export function maximum(p: MaximumMinimumParams, a: usize, b: usize, out: usize): void {
  const bc = maxMinBroadcast(p);
  const q = changetype<usize>(p);
  switch (p.type) {
    case DType.INT8: forEachRow(bc, q, a, b, out, 0, maxRowInt8); break;
    case DType.INT16: forEachRow(bc, q, a, b, out, 1, maxRowInt16); break;
    case DType.INT32: forEachRow(bc, q, a, b, out, 2, maxRowInt32); break;
    case DType.INT64: forEachRow(bc, q, a, b, out, 3, maxRowInt64); break;
    default: forEachRow(bc, q, a, b, out, 2, maxRowFloat32); break;
  }
}

export function minimum(p: MaximumMinimumParams, a: usize, b: usize, out: usize): void {
  const bc = maxMinBroadcast(p);
  const q = changetype<usize>(p);
  switch (p.type) {
    case DType.INT8: forEachRow(bc, q, a, b, out, 0, minRowInt8); break;
    case DType.INT16: forEachRow(bc, q, a, b, out, 1, minRowInt16); break;
    case DType.INT32: forEachRow(bc, q, a, b, out, 2, minRowInt32); break;
    case DType.INT64: forEachRow(bc, q, a, b, out, 3, minRowInt64); break;
    default: forEachRow(bc, q, a, b, out, 2, minRowFloat32); break;
  }
}
