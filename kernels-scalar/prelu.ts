// PRELU reference kernels (TFLM prelu.cc, reference_ops::BroadcastPrelu4DSlow): alpha is
// broadcast against the input. float32: x >= 0 ? x : x * alpha. int8 / int16 (int8 alpha):
// non-negative inputs are rescaled by input/output scale, the others by input x alpha / output.

import { Broadcast, forEachRowMixed } from "../assembly/ops/broadcast";
import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";

/** The op data: these params, then the Broadcast. */
@unmanaged
export class PreluParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  inputOffset: i32;   // -input zero point
  alphaOffset: i32;   // -alpha zero point
  outputOffset: i32;  // output zero point
  /** input scale / output scale. */
  multiplierPositive: i32;
  shiftPositive: i32;
  /** input scale x alpha scale / output scale. */
  multiplierNegative: i32;
  shiftNegative: i32;
}

// @ts-ignore: decorator
@inline export function preluBroadcast(p: PreluParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<PreluParams>());
}

function rowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(a);
    store<f32>(out + (<usize>i << 2), x >= 0 ? x : x * load<f32>(b));
    a += strideA;
    b += strideB;
  }
}

// @ts-ignore: decorator
@inline function rowQuantized<T>(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32, lo: i32, hi: i32): void {
  const p = changetype<PreluParams>(params);
  const inputOffset = p.inputOffset, alphaOffset = p.alphaOffset, outputOffset = p.outputOffset;
  const m1 = p.multiplierPositive, s1 = p.shiftPositive, m2 = p.multiplierNegative, s2 = p.shiftNegative;
  const strideA = <usize>stepA * sizeof<T>(), strideB = <usize>stepB;
  for (let i = 0; i < n; i++) {
    const x = inputOffset + <i32>load<T>(a);
    let v = x >= 0
      ? multiplyByQuantizedMultiplier(x, m1, s1)
      : multiplyByQuantizedMultiplier(x * (alphaOffset + <i32>load<i8>(b)), m2, s2);
    v += outputOffset;
    v = v < lo ? lo : (v > hi ? hi : v);
    store<T>(out + <usize>i * sizeof<T>(), <T>v);
    a += strideA;
    b += strideB;
  }
}

function rowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  rowQuantized<i8>(params, a, stepA, b, stepB, out, n, -128, 127);
}

function rowInt16(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  rowQuantized<i16>(params, a, stepA, b, stepB, out, n, -32768, 32767);
}

export function preluFloat32(p: PreluParams, input: usize, alpha: usize, output: usize): void {
  forEachRowMixed(preluBroadcast(p), changetype<usize>(p), input, 2, alpha, 2, output, 2, rowFloat32);
}

export function preluInt8(p: PreluParams, input: usize, alpha: usize, output: usize): void {
  forEachRowMixed(preluBroadcast(p), changetype<usize>(p), input, 0, alpha, 0, output, 0, rowInt8);
}

/** int16 input and output, int8 alpha. */
export function preluInt16(p: PreluParams, input: usize, alpha: usize, output: usize): void {
  forEachRowMixed(preluBroadcast(p), changetype<usize>(p), input, 1, alpha, 0, output, 1, rowInt16);
}
