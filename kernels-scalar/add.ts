// ADD reference kernels (TFLM reference_ops::Add / BroadcastAdd6DSlow arithmetic).

import { saturatingRoundingDoublingHighMul, roundingDivideByPOT } from "../assembly/math/fixedpoint";
import { Broadcast, forEachRow } from "../assembly/ops/broadcast";

/**
 * Everything eval needs (TFLM OpDataAdd), computed once in prepare. SUB uses the same
 * parameters. The op data holds this, immediately followed by the op's Broadcast.
 */
@unmanaged
export class AddParams {
  /** Output dtype (DType): selects the kernel. */
  type: i32;
  input1Offset: i32;   // -input1 zero point
  input2Offset: i32;   // -input2 zero point
  outputOffset: i32;   // output zero point
  /** Inputs are shifted left by this before rescaling (20 for int8, 15 for int16). */
  leftShift: i32;
  input1Multiplier: i32;
  input1Shift: i32;    // <= 0
  input2Multiplier: i32;
  input2Shift: i32;    // <= 0
  outputMultiplier: i32;
  outputShift: i32;    // <= 0
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
}

/** The Broadcast stored right after the params in op data. */
// @ts-ignore: decorator
@inline export function addBroadcast(p: AddParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<AddParams>());
}

/** TFLM MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0), double rounding. */
// @ts-ignore: decorator
@inline export function rescaleSmallerThanOne(x: i32, multiplier: i32, shift: i32): i32 {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -shift);
}

// The rows of ADD and SUB (./sub.ts): `subtract` is a constant at every call, folded once inlined.
// @ts-ignore: decorator
@inline export function addSubRowQuantized<T>(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32, subtract: bool): void {
  const p = changetype<AddParams>(params);
  const offset1 = p.input1Offset, offset2 = p.input2Offset, outputOffset = p.outputOffset;
  const leftShift = p.leftShift;
  const m1 = p.input1Multiplier, s1 = p.input1Shift;
  const m2 = p.input2Multiplier, s2 = p.input2Shift;
  const mo = p.outputMultiplier, so = p.outputShift;
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA * sizeof<T>();
  const strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = (<i32>load<T>(a) + offset1) << leftShift;
    const y = (<i32>load<T>(b) + offset2) << leftShift;
    const r1 = rescaleSmallerThanOne(x, m1, s1), r2 = rescaleSmallerThanOne(y, m2, s2);
    const v = rescaleSmallerThanOne(subtract ? r1 - r2 : r1 + r2, mo, so) + outputOffset;
    store<T>(out + <usize>i * sizeof<T>(), <T>(v < lo ? lo : (v > hi ? hi : v)));
    a += strideA;
    b += strideB;
  }
}

function addRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowQuantized<i8>(params, a, stepA, b, stepB, out, n, false);
}

function addRowInt16(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowQuantized<i16>(params, a, stepA, b, stepB, out, n, false);
}

// @ts-ignore: decorator
@inline export function addSubRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32, subtract: bool): void {
  const p = changetype<AddParams>(params);
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const x = load<i32>(a), y = load<i32>(b);
    const v = subtract ? x - y : x + y; // wraps, as TFLM's int32 add and sub do in practice
    store<i32>(out + (<usize>i << 2), v < lo ? lo : (v > hi ? hi : v));
    a += strideA;
    b += strideB;
  }
}

function addRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowInt32(params, a, stepA, b, stepB, out, n, false);
}

// @ts-ignore: decorator
@inline export function addSubRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32, subtract: bool): void {
  const p = changetype<AddParams>(params);
  const lo = p.actMinF, hi = p.actMaxF;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(a), y = load<f32>(b);
    store<f32>(out + (<usize>i << 2), Mathf.min(Mathf.max(subtract ? x - y : x + y, lo), hi));
    a += strideA;
    b += strideB;
  }
}

function addRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowFloat32(params, a, stepA, b, stepB, out, n, false);
}

export function addInt8(p: AddParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 0, addRowInt8);
}

export function addInt16(p: AddParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 1, addRowInt16);
}

export function addInt32(p: AddParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 2, addRowInt32);
}

export function addFloat32(p: AddParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 2, addRowFloat32);
}
