// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL reference kernels (TFLM
// comparisons.cc, reference_ops comparisons). Every op is one of three base comparisons
// (==, >, >=), with the operands swapped (LESS is GREATER of (b, a)) and/or the result negated
// (NOT_EQUAL): exact for NaN too. Quantized inputs are first brought to a common scale: both
// are shifted left by 8 and multiplied by their own scale (TFLM's "WithScaling" path).

import { Broadcast, forEachRowMixed } from "../assembly/ops/broadcast";
import { multiplyByQuantizedMultiplierSmallerThanOneExp } from "../assembly/math/fixedpoint";
import { DType } from "../assembly/schema/tflite";

export const enum CompareKind { Equal = 0, Greater = 1, GreaterEqual = 2 }

/** The op data: these params, then the Broadcast. `a` is the first operand compared. */
@unmanaged
export class ComparisonParams {
  /** Input dtype (DType). */
  type: i32;
  kind: i32;
  /** 1 to negate the result (NOT_EQUAL), else 0. */
  negate: i32;
  /** 1 when `a` is the op's second input (LESS, LESS_EQUAL). */
  swap: i32;
  offsetA: i32;
  multiplierA: i32;
  shiftA: i32;
  offsetB: i32;
  multiplierB: i32;
  shiftB: i32;
}

/** TFLM ComparisonParams.left_shift for int8 and int16. */
export const COMPARISON_LEFT_SHIFT = 8;

// @ts-ignore: decorator
@inline export function comparisonBroadcast(p: ComparisonParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<ComparisonParams>());
}

// @ts-ignore: decorator
@inline function test<T>(kind: i32, x: T, y: T): bool {
  return kind == CompareKind.Equal ? x == y : (kind == CompareKind.Greater ? x > y : x >= y);
}

// @ts-ignore: decorator
@inline function rowRaw<T>(kind: i32, params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const negate = changetype<ComparisonParams>(params).negate;
  const strideA = <usize>stepA * sizeof<T>(), strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    store<u8>(out + <usize>i, <u8>((test<T>(kind, load<T>(a), load<T>(b)) ? 1 : 0) ^ negate));
    a += strideA;
    b += strideB;
  }
}

// @ts-ignore: decorator
@inline function rowScaled<T>(kind: i32, params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<ComparisonParams>(params);
  const negate = p.negate;
  const offsetA = p.offsetA, multiplierA = p.multiplierA, shiftA = p.shiftA;
  const offsetB = p.offsetB, multiplierB = p.multiplierB, shiftB = p.shiftB;
  const strideA = <usize>stepA * sizeof<T>(), strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = multiplyByQuantizedMultiplierSmallerThanOneExp((offsetA + <i32>load<T>(a)) << COMPARISON_LEFT_SHIFT, multiplierA, shiftA);
    const y = multiplyByQuantizedMultiplierSmallerThanOneExp((offsetB + <i32>load<T>(b)) << COMPARISON_LEFT_SHIFT, multiplierB, shiftB);
    store<u8>(out + <usize>i, <u8>((test<i32>(kind, x, y) ? 1 : 0) ^ negate));
    a += strideA;
    b += strideB;
  }
}

function equalBool(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const negate = changetype<ComparisonParams>(params).negate;
  for (let i = 0; i < n; i++) {
    const x = load<u8>(a) != 0, y = load<u8>(b) != 0;
    store<u8>(out + <usize>i, <u8>((x == y ? 1 : 0) ^ negate));
    a += <usize>stepA;
    b += <usize>stepB;
  }
}
function equalF32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<f32>(CompareKind.Equal, q, a, sa, b, sb, o, n); }
function greaterF32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<f32>(CompareKind.Greater, q, a, sa, b, sb, o, n); }
function greaterEqualF32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<f32>(CompareKind.GreaterEqual, q, a, sa, b, sb, o, n); }
function equalI32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i32>(CompareKind.Equal, q, a, sa, b, sb, o, n); }
function greaterI32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i32>(CompareKind.Greater, q, a, sa, b, sb, o, n); }
function greaterEqualI32(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i32>(CompareKind.GreaterEqual, q, a, sa, b, sb, o, n); }
function equalI64(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i64>(CompareKind.Equal, q, a, sa, b, sb, o, n); }
function greaterI64(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i64>(CompareKind.Greater, q, a, sa, b, sb, o, n); }
function greaterEqualI64(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowRaw<i64>(CompareKind.GreaterEqual, q, a, sa, b, sb, o, n); }
function equalI8(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowScaled<i8>(CompareKind.Equal, q, a, sa, b, sb, o, n); }
function greaterI8(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowScaled<i8>(CompareKind.Greater, q, a, sa, b, sb, o, n); }
function greaterEqualI8(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowScaled<i8>(CompareKind.GreaterEqual, q, a, sa, b, sb, o, n); }
function greaterI16(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowScaled<i16>(CompareKind.Greater, q, a, sa, b, sb, o, n); }

/** Writes one bool byte (0 or 1) per output element; `a` and `b` are in comparison order. */
export function compare(p: ComparisonParams, a: usize, b: usize, out: usize): void {
  const bc = comparisonBroadcast(p);
  const q = changetype<usize>(p);
  const kind = p.kind;
  switch (p.type) {
    case DType.BOOL: forEachRowMixed(bc, q, a, 0, b, 0, out, 0, equalBool); break;
    case DType.FLOAT32:
      forEachRowMixed(bc, q, a, 2, b, 2, out, 0, kind == CompareKind.Equal ? equalF32 : (kind == CompareKind.Greater ? greaterF32 : greaterEqualF32));
      break;
    case DType.INT32:
      forEachRowMixed(bc, q, a, 2, b, 2, out, 0, kind == CompareKind.Equal ? equalI32 : (kind == CompareKind.Greater ? greaterI32 : greaterEqualI32));
      break;
    case DType.INT64:
      forEachRowMixed(bc, q, a, 3, b, 3, out, 0, kind == CompareKind.Equal ? equalI64 : (kind == CompareKind.Greater ? greaterI64 : greaterEqualI64));
      break;
    case DType.INT8:
      forEachRowMixed(bc, q, a, 0, b, 0, out, 0, kind == CompareKind.Equal ? equalI8 : (kind == CompareKind.Greater ? greaterI8 : greaterEqualI8));
      break;
    default: forEachRowMixed(bc, q, a, 1, b, 1, out, 0, greaterI16); break; // int16: GREATER only
  }
}
