// SignalFftAutoScale (TFLM signal/src/fft_auto_scale.cc): shifts the frame left so its largest
// magnitude uses all 15 bits; outputs the shift.

import { msb32 } from "./signal_common";

/** Scales `size` int16 values; writes the applied shift (int32) to `scaleOut`. */
export function signalFftAutoScale(size: i32, input: usize, output: usize, scaleOut: usize): void {
  // The running maximum is an int16 as in TFLM: -(-32768) wraps to -32768, and a later
  // positive value then replaces it.
  let max: i32 = 0;
  for (let i = 0; i < size; i++) {
    const v = <i32>load<i16>(input + (<usize>i << 1));
    if (v > max) max = v;
    else if (-v > max) max = <i32><i16>(-v);
  }
  let bits = 16 - msb32(<u32>max) - 1;
  if (bits <= 0) bits = 0;
  const factor = 1 << bits;
  for (let i = 0; i < size; i++) {
    store<i16>(output + (<usize>i << 1), <i16>(<i32>load<i16>(input + (<usize>i << 1)) * factor));
  }
  store<i32>(scaleOut, bits);
}
