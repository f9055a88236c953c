// SignalFilterBankLog (TFLM signal/src/filter_bank_log.cc): scaled natural log of each
// channel, saturated to int16; inputs <= 1 (after the correction shift) give 0.

import { log32 } from "./signal_common";

export function signalFilterBankLog(channels: i32, outputScale: u32, correctionBits: u32, input: usize, output: usize): void {
  for (let i = 0; i < channels; i++) {
    const scaled = load<u32>(input + (<usize>i << 2)) << correctionBits;
    let v: u32 = 0;
    if (scaled > 1) {
      v = log32(scaled, outputScale);
      if (v > 32767) v = 32767;
    }
    store<i16>(output + (<usize>i << 1), <i16>v);
  }
}
