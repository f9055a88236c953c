// SignalFilterBank (TFLM signal/src/filter_bank.cc): mel-style triangular filters over a
// power spectrum. Each frequency contributes weight * energy to its channel and
// unweight * energy to the next; sums are 64-bit (wrapping as uint64 in TFLM).

@unmanaged
export class SignalFilterBankParams {
  /** Output channels (TFLM computes numChannels + 1 and drops the first). */
  numChannels: i32;
  /** Constant tensors (model bytes): int16 weights, unweights, and per-channel starts/widths. */
  weights: usize;
  unweights: usize;
  frequencyStarts: usize;
  weightStarts: usize;
  widths: usize;
}

export function signalFilterBank(p: SignalFilterBankParams, input: usize, weights: usize, unweights: usize, output: usize): void {
  let weighted: u64 = 0;
  let unweighted: u64 = 0;
  for (let c = 0; c <= p.numChannels; c++) {
    const freqStart = <i32>load<i16>(p.frequencyStarts + (<usize>c << 1));
    const weightStart = <i32>load<i16>(p.weightStarts + (<usize>c << 1));
    const width = <i32>load<i16>(p.widths + (<usize>c << 1));
    for (let j = 0; j < width; j++) {
      const energy = <u64>load<u32>(input + (<usize>(freqStart + j) << 2));
      const w = weightStart + j;
      weighted += <u64><i64>load<i16>(weights + (<usize>w << 1)) * energy;
      unweighted += <u64><i64>load<i16>(unweights + (<usize>w << 1)) * energy;
    }
    // Channel 0 of TFLM's work area only carries the unweights into channel 1.
    if (c > 0) store<u64>(output + (<usize>(c - 1) << 3), weighted);
    weighted = unweighted;
    unweighted = 0;
  }
}
