// SignalFilterBankSquareRoot (TFLM signal/src/filter_bank_square_root.cc): rounded sqrt of
// each uint64 channel, shifted down by the FFT auto-scale bits.

import { sqrt64 } from "./signal_common";

export function signalFilterBankSquareRoot(channels: i32, input: usize, scaleBits: usize, output: usize): void {
  // The shift count is a runtime int32; like x86 and wasm, only its low 5 bits count.
  const shift = load<i32>(scaleBits);
  for (let i = 0; i < channels; i++) {
    store<u32>(output + (<usize>i << 2), sqrt64(load<u64>(input + (<usize>i << 3))) >> <u32>shift);
  }
}
