// DIV reference kernels (TFLM reference_ops::Div / BroadcastDivSlow and the int8 DivElementwise).

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";
import {
  getReciprocal, reciprocalBitsOverUnit, multiplyByQuantizedMultiplierGreaterThanOne,
  multiplyByQuantizedMultiplierSmallerThanOneExp,
} from "../assembly/math/fixedpoint";

/** Everything eval needs; the op data holds this, immediately followed by the Broadcast. */
@unmanaged
export class DivParams {
  /** Output dtype (DType): selects the kernel. */
  type: i32;
  input1Offset: i32;   // -input1 zero point
  input2Offset: i32;   // -input2 zero point
  outputOffset: i32;   // output zero point
  outputMultiplier: i32;
  outputShift: i32;
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
}

// @ts-ignore: decorator
@inline export function divBroadcast(p: DivParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<DivParams>());
}

/** Set by the int32 kernel when a divisor was 0 (TFLM would crash; we fail the invoke). */
let divisorWasZero: bool = false;

function divRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<DivParams>(params);
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const x = load<i32>(a);
    const y = load<i32>(b);
    let v: i32;
    if (y == 0) { divisorWasZero = true; v = 0; }
    else if (y == -1) v = -x;          // wraps for INT32_MIN instead of trapping
    else v = x / y;                    // truncates toward zero, as C++
    store<i32>(out + (<usize>i << 2), v < lo ? lo : (v > hi ? hi : v));
    a += strideA;
    b += strideB;
  }
}

function divRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<DivParams>(params);
  const lo = p.actMinF, hi = p.actMaxF;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), Mathf.min(Mathf.max(load<f32>(a) / load<f32>(b), lo), hi));
    a += strideA;
    b += strideB;
  }
}

function divRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<DivParams>(params);
  const offset1 = p.input1Offset, offset2 = p.input2Offset, outputOffset = p.outputOffset;
  const multiplier = p.outputMultiplier, shift = p.outputShift;
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA, strideB = <usize>stepB;
  for (let i = 0; i < n; i++) {
    let x = <i32>load<i8>(a) + offset1;
    let y = <i32>load<i8>(b) + offset2;
    // The reciprocal needs a positive divisor: move the sign to the dividend.
    if (y < 0) { x = -x; y = -y; }
    const reciprocal = getReciprocal(y, 31);
    const recipShift = reciprocalBitsOverUnit;
    // CountLeadingSignBits (gcc __builtin_clrsb; 31 for 0).
    const headroom = <i32>clz(x ^ (x >> 31)) - 1;
    const unscaled = multiplyByQuantizedMultiplierGreaterThanOne(x, reciprocal, headroom);
    const totalShift = shift - recipShift - headroom;
    const v = outputOffset + multiplyByQuantizedMultiplierSmallerThanOneExp(unscaled, multiplier, totalShift);
    store<i8>(out + <usize>i, <i8>(v < lo ? lo : (v > hi ? hi : v)));
    a += strideA;
    b += strideB;
  }
}

/** int32 division; false when some divisor was 0. */
export function divInt32(p: DivParams, a: usize, b: usize, out: usize): bool {
  divisorWasZero = false;
  forEachRow(divBroadcast(p), changetype<usize>(p), a, b, out, 2, divRowInt32);
  return !divisorWasZero;
}

export function divFloat32(p: DivParams, a: usize, b: usize, out: usize): void {
  forEachRow(divBroadcast(p), changetype<usize>(p), a, b, out, 2, divRowFloat32);
}

export function divInt8(p: DivParams, a: usize, b: usize, out: usize): void {
  forEachRow(divBroadcast(p), changetype<usize>(p), a, b, out, 0, divRowInt8);
}
