// SignalPCAN (TFLM signal/src/pcan_argc_fixed.cc): per-channel automatic gain control
// ("per-channel amplitude normalization") from a gain lookup table indexed by the noise
// estimate, then a soft "shrink" nonlinearity.

import { msb32 } from "./signal_common";

// Fractional bits of the SNR and of the output.
const SNR_BITS = 12;
const OUTPUT_BITS = 6;

/** Piecewise-quadratic interpolation of the gain table (int16 result, widened as TFLM does). */
// @ts-ignore: decorator
@inline function gainFor(x: u32, lut: usize): u32 {
  if (x <= 2) return <u32><i32>load<i16>(lut + (<usize>x << 1));
  const interval = msb32(x);
  const seg = lut + (<usize>(4 * interval - 6) << 1);
  const frac = <i32>((interval < 11 ? x << <u32>(11 - interval) : x >> <u32>(interval - 11)) & 0x3ff);
  let r = (<i32>load<i16>(seg + 4) * frac) >> 5;
  r += <i32>load<i16>(seg + 2) << 5;
  r *= frac;
  r = (r + (1 << 14)) >> 15;
  r += <i32>load<i16>(seg);
  return <u32><i32><i16>r;
}

// @ts-ignore: decorator
@inline function shrink(x: u32): u32 {
  if (x < (2 << SNR_BITS)) return (x * x) >> (2 + 2 * SNR_BITS - OUTPUT_BITS);
  return (x >> (SNR_BITS - OUTPUT_BITS)) - (1 << OUTPUT_BITS);
}

export function signalPcan(channels: i32, snrShift: i32, input: usize, noise: usize, lut: usize, output: usize): void {
  const shift = <u64>snrShift;
  for (let i = 0; i < channels; i++) {
    const gain = gainFor(load<u32>(noise + (<usize>i << 2)), lut);
    const snr = <u32>((<u64>load<u32>(input + (<usize>i << 2)) * <u64>gain) >> shift);
    store<u32>(output + (<usize>i << 2), shrink(snr));
  }
}
