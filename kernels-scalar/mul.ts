// MUL reference kernels (TFLM reference_integer_ops::Mul / BroadcastMul4DSlow, reference_ops::Mul).

import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";
import { Broadcast, forEachRow } from "../assembly/ops/broadcast";

/** Everything eval needs (TFLM OpDataMul). The op data holds this, then the op's Broadcast. */
@unmanaged
export class MulParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  input1Offset: i32;   // -input1 zero point
  input2Offset: i32;   // -input2 zero point
  outputOffset: i32;   // output zero point
  multiplier: i32;
  shift: i32;
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
}

/** The Broadcast stored right after the params in op data. */
// @ts-ignore: decorator
@inline export function mulBroadcast(p: MulParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<MulParams>());
}

// @ts-ignore: decorator
@inline function mulRowQuantized<T>(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<MulParams>(params);
  const offset1 = p.input1Offset, offset2 = p.input2Offset, outputOffset = p.outputOffset;
  const multiplier = p.multiplier, shift = p.shift;
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA * sizeof<T>();
  const strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const product = (<i32>load<T>(a) + offset1) * (<i32>load<T>(b) + offset2);
    const v = outputOffset + multiplyByQuantizedMultiplier(product, multiplier, shift);
    store<T>(out + <usize>i * sizeof<T>(), <T>(v < lo ? lo : (v > hi ? hi : v)));
    a += strideA;
    b += strideB;
  }
}

function mulRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  mulRowQuantized<i8>(params, a, stepA, b, stepB, out, n);
}

function mulRowInt16(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  mulRowQuantized<i16>(params, a, stepA, b, stepB, out, n);
}

function mulRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<MulParams>(params);
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const v = load<i32>(a) * load<i32>(b); // wraps
    store<i32>(out + (<usize>i << 2), v < lo ? lo : (v > hi ? hi : v));
    a += strideA;
    b += strideB;
  }
}

function mulRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<MulParams>(params);
  const lo = p.actMinF, hi = p.actMaxF;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), Mathf.min(Mathf.max(load<f32>(a) * load<f32>(b), lo), hi));
    a += strideA;
    b += strideB;
  }
}

export function mulInt8(p: MulParams, a: usize, b: usize, out: usize): void {
  forEachRow(mulBroadcast(p), changetype<usize>(p), a, b, out, 0, mulRowInt8);
}

export function mulInt16(p: MulParams, a: usize, b: usize, out: usize): void {
  forEachRow(mulBroadcast(p), changetype<usize>(p), a, b, out, 1, mulRowInt16);
}

export function mulInt32(p: MulParams, a: usize, b: usize, out: usize): void {
  forEachRow(mulBroadcast(p), changetype<usize>(p), a, b, out, 2, mulRowInt32);
}

export function mulFloat32(p: MulParams, a: usize, b: usize, out: usize): void {
  forEachRow(mulBroadcast(p), changetype<usize>(p), a, b, out, 2, mulRowFloat32);
}
