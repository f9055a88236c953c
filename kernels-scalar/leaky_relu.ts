// LEAKY_RELU reference kernels (TFLM reference_ops::LeakyRelu and QuantizeLeakyRelu arithmetic).

import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class LeakyReluParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  alpha: f32;
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  /** input_scale * alpha / output_scale as a Q31 multiplier and shift (negative inputs). */
  multiplierAlpha: i32;
  shiftAlpha: i32;
  /** input_scale / output_scale (non-negative inputs). */
  multiplierIdentity: i32;
  shiftIdentity: i32;
}

/** float32: x > 0 ? x : x * alpha. */
export function leakyReluFloat32(p: LeakyReluParams, input: usize, output: usize): void {
  const alpha = p.alpha;
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x > 0 ? x : x * alpha);
  }
}

// Inputs at or above the zero point are rescaled by the identity multiplier, those below by
// the alpha multiplier; the result saturates to the output dtype.
// @ts-ignore: decorator
@inline function leakyReluQuantized<T>(p: LeakyReluParams, input: usize, output: usize, lo: i32, hi: i32): void {
  const n = p.count;
  const inZp = p.inputZeroPoint;
  const outZp = p.outputZeroPoint;
  const mAlpha = p.multiplierAlpha, sAlpha = p.shiftAlpha;
  const mIdentity = p.multiplierIdentity, sIdentity = p.shiftIdentity;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<T>(input + <usize>i * sizeof<T>()) - inZp;
    let v = x >= 0 ? multiplyByQuantizedMultiplier(x, mIdentity, sIdentity) : multiplyByQuantizedMultiplier(x, mAlpha, sAlpha);
    v += outZp;
    v = v < lo ? lo : (v > hi ? hi : v);
    store<T>(output + <usize>i * sizeof<T>(), <T>v);
  }
}

export function leakyReluInt8(p: LeakyReluParams, input: usize, output: usize): void {
  leakyReluQuantized<i8>(p, input, output, -128, 127);
}

export function leakyReluInt16(p: LeakyReluParams, input: usize, output: usize): void {
  leakyReluQuantized<i16>(p, input, output, -32768, 32767);
}
