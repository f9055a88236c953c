// HARD_SWISH reference kernels (TFLM reference_ops::HardSwish): float32 as
// x * min(6, max(0, x + 3)) / 6, and int8 in TFLM's 16-bit fixed point.

import { saturatingRoundingDoublingHighMul16, roundingDivideByPOT16 } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class HardSwishParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  /** Q15 multiplier and (non-positive) exponent from the hi-res input scale to the output scale. */
  outputMultiplier: i32;
  outputExponent: i32;
  /** Q15 multiplier and exponent from the hi-res input scale to the "3.0 is 32768" scale. */
  reluishMultiplier: i32;
  reluishExponent: i32;
}

export function hardSwishFloat32(p: HardSwishParams, input: usize, output: usize): void {
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    const relu6 = Mathf.min(<f32>6, Mathf.max(<f32>0, x + 3));
    store<f32>(output + (<usize>i << 2), x * relu6 / 6);
  }
}

/** int16 value times 2^amount, saturated to int16 (TFLM SaturatingLeftShift). */
// @ts-ignore: decorator
@inline function saturatingLeftShift16(value: i32, amount: i32): i32 {
  const r = <i64>value << <i64>(amount < 40 ? amount : 40);
  return r > 32767 ? 32767 : (r < -32768 ? -32768 : <i32>r);
}

/** a * b * 2 / 65536, truncated toward zero (TFLM SaturatingDoublingHighMul, no rounding). */
// @ts-ignore: decorator
@inline function saturatingDoublingHighMul16(a: i32, b: i32): i32 {
  if (a == b && a == -32768) return 32767;
  return <i32><i16>((a * b) / (1 << 15));
}

export function hardSwishInt8(p: HardSwishParams, input: usize, output: usize): void {
  const n = p.count;
  const inZp = p.inputZeroPoint, outZp = p.outputZeroPoint;
  const outMultiplier = p.outputMultiplier, outExponent = p.outputExponent;
  const reluishMultiplier = p.reluishMultiplier, reluishExponent = p.reluishExponent;
  for (let i = 0; i < n; i++) {
    const hires = <i32><i16>((<i32>load<i8>(input + <usize>i) - inZp) * 128);
    const onOutputScale = saturatingRoundingDoublingHighMul16(hires, outMultiplier);
    // Rescale to [-3, 3] -> [-1, 1] (saturating), then to [0, 1].
    let reluish = hires;
    if (reluishExponent > 0) reluish = saturatingLeftShift16(reluish, reluishExponent - 1);
    reluish = saturatingRoundingDoublingHighMul16(reluish, reluishMultiplier);
    if (reluishExponent > 0) reluish = saturatingLeftShift16(reluish, 1);
    if (reluishExponent < 0) reluish = roundingDivideByPOT16(reluish, -reluishExponent);
    reluish = (reluish + (1 << 15)) >> 1;
    const preshift = saturatingDoublingHighMul16(reluish, onOutputScale);
    // The zero point is added in int16 (it wraps as TFLM's int16_t sum does), then clamped.
    let v = <i32><i16>(roundingDivideByPOT16(preshift, -outExponent) + outZp);
    v = v > 127 ? 127 : (v < -128 ? -128 : v);
    store<i8>(output + <usize>i, <i8>v);
  }
}
