// SignalIrfft (TFLM signal/src/irfft_{int16,int32,float}.cc): KISS FFT 1.3.0's inverse real
// FFT (kiss_fftri): the ncfft + 1 input bins are folded into ncfft complex values, then an
// inverse complex FFT of ncfft points (./signal_kiss_fft) writes fft_length real samples.
// Fixed point divides by each radix on the way (the result is scaled by 1 / ncfft, as TFLM
// leaves it); float32 divides the result by fft_length, as TFLM's wrapper does.

import { KissFftTables, kissFft, complexBytes, mulSub, mulAdd, fixDiv } from "./signal_kiss_fft";

@unmanaged
export class SignalIrfftParams extends KissFftTables {
  fftLength: i32;
  /** Complex values per input frame (its last dim / 2; at least ncfft + 1 are read). */
  inputLength: i32;
  /** Samples per output frame (its last dim; fftLength are written). */
  outputLength: i32;
  frames: i32;
  /** DType of the samples (int16, int32 or float32). */
  sampleType: i32;
  /** Scratch: the folded spectrum, ncfft complex values. */
  scratchIndex: i32;
}

/** kiss_fftri's folding of the bins at `input` into `folded` (ncfft complex values). */
function fold<K>(t: KissFftTables, input: usize, folded: usize): void {
  const sz = sizeof<K>();
  const cb = complexBytes<K>();
  const ncfft = t.ncfft;
  const dc = load<K>(input), nyquist = load<K>(input + <usize>ncfft * cb);
  const r0: K = dc + nyquist, i0: K = dc - nyquist;
  store<K>(folded, fixDiv<K>(r0, 2)); store<K>(folded + sz, fixDiv<K>(i0, 2));
  for (let k = 1; k <= (ncfft >> 1); k++) {
    const a = input + <usize>k * cb;
    const b = input + <usize>(ncfft - k) * cb;
    const fkR = fixDiv<K>(load<K>(a), 2), fkI = fixDiv<K>(load<K>(a + sz), 2);
    // The conjugate of the mirrored bin (negation stored as K first).
    const negI: K = -load<K>(b + sz);
    const nkR = fixDiv<K>(load<K>(b), 2), nkI = fixDiv<K>(negI, 2);
    const eR: K = fkR + nkR, eI: K = fkI + nkI;
    const dR: K = fkR - nkR, dI: K = fkI - nkI;
    const tw = t.superTwiddles + <usize>(k - 1) * cb;
    const oR = mulSub<K>(dR, load<K>(tw), dI, load<K>(tw + sz));
    const oI = mulAdd<K>(dR, load<K>(tw + sz), dI, load<K>(tw));
    const lo = folded + <usize>k * cb;
    const hi = folded + <usize>(ncfft - k) * cb;
    store<K>(lo, eR + oR); store<K>(lo + sz, eI + oI);
    // Written after `lo`: when k == ncfft / 2 both are the same value and this one stays.
    const hiI: K = eI - oI;
    store<K>(hi, eR - oR); store<K>(hi + sz, -hiI);
  }
}

function irfft<K>(p: SignalIrfftParams, input: usize, output: usize, scratch: usize): void {
  const sz = <usize>sizeof<K>();
  const inStep = <usize>p.inputLength * complexBytes<K>();
  const outStep = <usize>p.outputLength * sz;
  let src = input;
  let dst = output;
  for (let f = 0; f < p.frames; f++) {
    fold<K>(p, src, scratch);
    kissFft<K>(p, scratch, dst);
    if (isFloat<K>()) {
      const n = <f32>p.fftLength;
      for (let i = 0; i < p.fftLength; i++) {
        const at = dst + (<usize>i << 2);
        store<f32>(at, load<f32>(at) / n);
      }
    }
    src += inStep;
    dst += outStep;
  }
}

export function signalIrfftInt16(p: SignalIrfftParams, input: usize, output: usize, scratch: usize): void {
  irfft<i16>(p, input, output, scratch);
}

export function signalIrfftInt32(p: SignalIrfftParams, input: usize, output: usize, scratch: usize): void {
  irfft<i32>(p, input, output, scratch);
}

export function signalIrfftFloat(p: SignalIrfftParams, input: usize, output: usize, scratch: usize): void {
  irfft<f32>(p, input, output, scratch);
}
