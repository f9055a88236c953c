// RELU and RELU6, SIMD set. float32 uses pmax/pmin, which compare exactly as the reference's
// ternaries (NaN and -0 pass through unchanged). Quantized RELU6 is a clamp of the raw values;
// quantized RELU is one when the scales are equal (multiplier 1) and the zero points too,
// otherwise it runs the reference. Tails run element by element: the op may run in place.

import * as scalar from "../kernels-scalar/activations";
import { ActivationParams } from "../kernels-scalar/activations";

export function reluFloat32(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  const vectors = n & ~3;
  const zero = f32x4.splat(0);
  for (let i = 0; i < vectors; i += 4) {
    const at = <usize>i << 2;
    v128.store(output + at, f32x4.pmax(v128.load(input + at), zero));
  }
  for (let i = vectors; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x < 0 ? 0 : x);
  }
}

export function relu6Float32(p: ActivationParams, input: usize, output: usize): void {
  const n = p.count;
  const vectors = n & ~3;
  const zero = f32x4.splat(0), six = f32x4.splat(6);
  for (let i = 0; i < vectors; i += 4) {
    const at = <usize>i << 2;
    v128.store(output + at, f32x4.pmin(f32x4.pmax(v128.load(input + at), zero), six));
  }
  for (let i = vectors; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x > 6 ? 6 : (x < 0 ? 0 : x));
  }
}

// @ts-ignore: decorator
@inline function clampInt8(input: usize, output: usize, n: i32, lo: i32, hi: i32): void {
  const vectors = n & ~15;
  const vlo = i8x16.splat(<i8>lo), vhi = i8x16.splat(<i8>hi);
  for (let i = 0; i < vectors; i += 16) {
    v128.store(output + <usize>i, i8x16.min_s(i8x16.max_s(v128.load(input + <usize>i), vlo), vhi));
  }
  for (let i = vectors; i < n; i++) {
    const x = <i32>load<i8>(input + <usize>i);
    store<i8>(output + <usize>i, <i8>(x > hi ? hi : (x < lo ? lo : x)));
  }
}

// @ts-ignore: decorator
@inline function clampInt16(input: usize, output: usize, n: i32, lo: i32, hi: i32): void {
  const vectors = n & ~7;
  const vlo = i16x8.splat(<i16>lo), vhi = i16x8.splat(<i16>hi);
  for (let i = 0; i < vectors; i += 8) {
    const at = <usize>i << 1;
    v128.store(output + at, i16x8.min_s(i16x8.max_s(v128.load(input + at), vlo), vhi));
  }
  for (let i = vectors; i < n; i++) {
    const x = <i32>load<i16>(input + (<usize>i << 1));
    store<i16>(output + (<usize>i << 1), <i16>(x > hi ? hi : (x < lo ? lo : x)));
  }
}

/** RELU is a plain clamp when the multiplier is exactly 1 (2^30, shift 1) and zero points match. */
// @ts-ignore: decorator
@inline function reluIsClamp(p: ActivationParams): bool {
  return p.multiplier == (1 << 30) && p.shift == 1 && p.inputZeroPoint == p.outputZeroPoint;
}

export function reluInt8(p: ActivationParams, input: usize, output: usize): void {
  if (reluIsClamp(p)) clampInt8(input, output, p.count, p.actMin, p.actMax);
  else scalar.reluInt8(p, input, output);
}

export function reluInt16(p: ActivationParams, input: usize, output: usize): void {
  if (reluIsClamp(p)) clampInt16(input, output, p.count, p.actMin, p.actMax);
  else scalar.reluInt16(p, input, output);
}

// A clamp only when zero <= six (otherwise the reference's ternary order matters).
export function relu6Int8(p: ActivationParams, input: usize, output: usize): void {
  if (p.zero <= p.six) clampInt8(input, output, p.count, p.zero, p.six);
  else scalar.relu6Int8(p, input, output);
}

export function relu6Int16(p: ActivationParams, input: usize, output: usize): void {
  if (p.zero <= p.six) clampInt16(input, output, p.count, p.zero, p.six);
  else scalar.relu6Int16(p, input, output);
}
