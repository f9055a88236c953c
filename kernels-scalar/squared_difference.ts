// SQUARED_DIFFERENCE reference kernels (TFLM squared_difference.cc): (x - y)^2 for float32 and
// int32 (wrapping, as the C++ int maths), and for int8/int16 TFLM's quantized path: both inputs
// shifted left and brought to twice the larger input scale, the raw difference squared, then
// rescaled to the output.

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";
import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierSmallerThanOneExp } from "../assembly/math/fixedpoint";
import { DType } from "../assembly/schema/tflite";

/** The op data: these params, then the Broadcast. */
@unmanaged
export class SquaredDifferenceParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  leftShift: i32;
  input1Offset: i32;
  input1Multiplier: i32;
  input1Shift: i32;
  input2Offset: i32;
  input2Multiplier: i32;
  input2Shift: i32;
  outputOffset: i32;
  outputMultiplier: i32;
  outputShift: i32;
  actMin: i32;
  actMax: i32;
}

// @ts-ignore: decorator
@inline export function squaredDifferenceBroadcast(p: SquaredDifferenceParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<SquaredDifferenceParams>());
}

function rowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const d = load<f32>(a) - load<f32>(b);
    store<f32>(out + (<usize>i << 2), d * d);
    a += strideA;
    b += strideB;
  }
}

function rowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const d = load<i32>(a) - load<i32>(b);
    store<i32>(out + (<usize>i << 2), d * d);
    a += strideA;
    b += strideB;
  }
}

// @ts-ignore: decorator
@inline function rowQuantized<T>(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<SquaredDifferenceParams>(params);
  const leftShift = p.leftShift;
  const offset1 = p.input1Offset, multiplier1 = p.input1Multiplier, shift1 = p.input1Shift;
  const offset2 = p.input2Offset, multiplier2 = p.input2Multiplier, shift2 = p.input2Shift;
  const outOffset = p.outputOffset, outMultiplier = p.outputMultiplier, outShift = p.outputShift;
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA * sizeof<T>(), strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = multiplyByQuantizedMultiplierSmallerThanOneExp((offset1 + <i32>load<T>(a)) << leftShift, multiplier1, shift1);
    const y = multiplyByQuantizedMultiplierSmallerThanOneExp((offset2 + <i32>load<T>(b)) << leftShift, multiplier2, shift2);
    const d = x - y;
    let v = multiplyByQuantizedMultiplier(d * d, outMultiplier, outShift) + outOffset;
    v = v < lo ? lo : (v > hi ? hi : v);
    store<T>(out + <usize>i * sizeof<T>(), <T>v);
    a += strideA;
    b += strideB;
  }
}

function rowInt8(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowQuantized<i8>(q, a, sa, b, sb, o, n); }
function rowInt16(q: usize, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void { rowQuantized<i16>(q, a, sa, b, sb, o, n); }

export function squaredDifference(p: SquaredDifferenceParams, a: usize, b: usize, out: usize): void {
  const bc = squaredDifferenceBroadcast(p);
  const q = changetype<usize>(p);
  switch (p.type) {
    case DType.FLOAT32: forEachRow(bc, q, a, b, out, 2, rowFloat32); break;
    case DType.INT32: forEachRow(bc, q, a, b, out, 2, rowInt32); break;
    case DType.INT8: forEachRow(bc, q, a, b, out, 0, rowInt8); break;
    default: forEachRow(bc, q, a, b, out, 1, rowInt16); break;
  }
}
