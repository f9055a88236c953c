// SignalFilterBankSpectralSubtraction (TFLM signal/src/filter_bank_spectral_subtraction.cc):
// a per-channel low-pass noise estimate (state kept across invokes) subtracted from the
// signal, with a floor of min_signal_remaining of the signal.

@unmanaged
export class SpectralSubtractionParams {
  numChannels: i32;
  smoothing: u32;
  oneMinusSmoothing: u32;
  alternateSmoothing: u32;
  alternateOneMinusSmoothing: u32;
  smoothingBits: u32;
  spectralSubtractionBits: u32;
  minSignalRemaining: u32;
  clamping: i32;
  /** Persistent uint32[numChannels]: the noise estimate (the op's state). */
  noiseEstimate: usize;
}

export function signalSpectralSubtraction(p: SpectralSubtractionParams, input: usize, output: usize, noiseOut: usize): void {
  const smoothingBits = p.smoothingBits;
  const ssBits = <u64>p.spectralSubtractionBits;
  const noise = p.noiseEstimate;
  for (let i = 0; i < p.numChannels; i++) {
    // Odd channels use the alternate coefficients.
    const odd = (i & 1) != 0;
    const smoothing = <u64>(odd ? p.alternateSmoothing : p.smoothing);
    const oneMinus = <u64>(odd ? p.alternateOneMinusSmoothing : p.oneMinusSmoothing);
    const signal = load<u32>(input + (<usize>i << 2));
    const scaled = signal << smoothingBits;
    const at = noise + (<usize>i << 2);
    const estimate = <u32>((<u64>scaled * smoothing + <u64>load<u32>(at) * oneMinus) >> ssBits);
    store<u32>(at, estimate);
    let kept = estimate;
    if (kept > scaled) {
      kept = scaled;
      if (p.clamping) store<u32>(at, kept);
    }
    const floor = <u32>((<u64>signal * <u64>p.minSignalRemaining) >> ssBits);
    const subtracted = (scaled - kept) >> smoothingBits;
    store<u32>(output + (<usize>i << 2), subtracted > floor ? subtracted : floor);
  }
  memory.copy(noiseOut, noise, <usize>p.numChannels << 2);
}
