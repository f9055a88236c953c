// RELU and RELU6 reference kernels (TFLM activations.cc / activations_common.cc).
// Quantized RELU rescales to the output scale and clamps at the output's zero; quantized RELU6
// clamps the raw input between its zero and its 6.0 (the output scale is not used, as in TFLM).

import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class ActivationParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  /** RELU: input and output zero points, input/output scale ratio, the clamp range. */
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  multiplier: i32;
  shift: i32;
  actMin: i32;
  actMax: i32;
  /** RELU6: the input's quantized 0 and 6. */
  zero: i32;
  six: i32;
}

export function reluFloat32(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x < 0 ? 0 : x);
  }
}

export function relu6Float32(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x > 6 ? 6 : (x < 0 ? 0 : x));
  }
}

// @ts-ignore: decorator
@inline function reluQuantized<T>(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  const inZp = p.inputZeroPoint, outZp = p.outputZeroPoint;
  const m = p.multiplier, s = p.shift;
  const lo = p.actMin, hi = p.actMax;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<T>(input + <usize>i * sizeof<T>());
    let v = outZp + multiplyByQuantizedMultiplier(x - inZp, m, s);
    v = v < lo ? lo : (v > hi ? hi : v);
    store<T>(output + <usize>i * sizeof<T>(), <T>v);
  }
}

export function reluInt8(p: ActivationParams, input: usize, output: usize): void { reluQuantized<i8>(p, input, output); }
export function reluInt16(p: ActivationParams, input: usize, output: usize): void { reluQuantized<i16>(p, input, output); }

// @ts-ignore: decorator
@inline function relu6Quantized<T>(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  const lower = p.zero, upper = p.six;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<T>(input + <usize>i * sizeof<T>());
    store<T>(output + <usize>i * sizeof<T>(), <T>(x > upper ? upper : (x < lower ? lower : x)));
  }
}

export function relu6Int8(p: ActivationParams, input: usize, output: usize): void { relu6Quantized<i8>(p, input, output); }
export function relu6Int16(p: ActivationParams, input: usize, output: usize): void { relu6Quantized<i16>(p, input, output); }
