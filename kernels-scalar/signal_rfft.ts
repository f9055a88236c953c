// SignalRfft (TFLM signal/src/rfft_{int16,int32,float}.cc): KISS FFT 1.3.0's real FFT
// (kiss_fftr) in 16- or 32-bit fixed point or float32: a complex FFT of half the length
// (./signal_kiss_fft), then the real-FFT split. Every intermediate value is stored as the
// sample type (wrapping) exactly where KISS FFT stores one, so results are bit-exact. Only
// power-of-two lengths are supported (the op refuses others in prepare).

import { KissFftTables, kissFft, complexBytes, mulSub, mulAdd, fixDiv } from "./signal_kiss_fft";

@unmanaged
export class SignalRfftParams extends KissFftTables {
  fftLength: i32;
  /** Input samples per frame (zero-padded to fftLength). */
  inputLength: i32;
  /** Complex outputs per frame in the output tensor (its last dim / 2). */
  outputLength: i32;
  frames: i32;
  /** DType of the samples (int16, int32 or float32). */
  sampleType: i32;
  /** Scratch: the zero-padded frame (fftLength values) then the complex FFT (ncfft values). */
  scratchIndex: i32;
}

/** KISS HALF_OF(a + b): fixed point shifts the unwrapped (16-bit: int) sum. */
// @ts-ignore: decorator
@inline function halfSum<K>(a: K, b: K): K {
  if (isFloat<K>()) return (a + b) * <K>0.5;
  if (sizeof<K>() == 2) return <K>((<i32>a + <i32>b) >> 1);
  return <K>((a + b) >> 1);
}

/** KISS HALF_OF(a - b). */
// @ts-ignore: decorator
@inline function halfDiff<K>(a: K, b: K): K {
  if (isFloat<K>()) return (a - b) * <K>0.5;
  if (sizeof<K>() == 2) return <K>((<i32>a - <i32>b) >> 1);
  return <K>((a - b) >> 1);
}

/** KISS kiss_fftr after the complex FFT: `spectrum` (ncfft values) to ncfft + 1 bins at `out`. */
function realSplit<K>(t: KissFftTables, spectrum: usize, out: usize): void {
  const sz = sizeof<K>();
  const cb = complexBytes<K>();
  const ncfft = t.ncfft;
  const dcR = fixDiv<K>(load<K>(spectrum), 2), dcI = fixDiv<K>(load<K>(spectrum + sz), 2);
  store<K>(out, dcR + dcI); store<K>(out + sz, <K>0);
  const nyquist = out + <usize>ncfft * cb;
  store<K>(nyquist, dcR - dcI); store<K>(nyquist + sz, <K>0);
  for (let k = 1; k <= (ncfft >> 1); k++) {
    const a = spectrum + <usize>k * cb;
    const b = spectrum + <usize>(ncfft - k) * cb;
    const pkR = fixDiv<K>(load<K>(a), 2), pkI = fixDiv<K>(load<K>(a + sz), 2);
    // The conjugate of the mirrored bin (negation stored as K first).
    const negI: K = -load<K>(b + sz);
    const nkR = fixDiv<K>(load<K>(b), 2), nkI = fixDiv<K>(negI, 2);
    const f1r: K = pkR + nkR, f1i: K = pkI + nkI;
    const f2r: K = pkR - nkR, f2i: K = pkI - nkI;
    const tw = t.superTwiddles + <usize>(k - 1) * cb;
    const twR = mulSub<K>(f2r, load<K>(tw), f2i, load<K>(tw + sz));
    const twI = mulAdd<K>(f2r, load<K>(tw + sz), f2i, load<K>(tw));
    const lo = out + <usize>k * cb;
    const hi = out + <usize>(ncfft - k) * cb;
    store<K>(lo, halfSum<K>(f1r, twR)); store<K>(lo + sz, halfSum<K>(f1i, twI));
    store<K>(hi, halfDiff<K>(f1r, twR)); store<K>(hi + sz, halfDiff<K>(twI, f1i));
  }
}

/** Real FFT of each frame: `input` frames of K -> `output` complex bins of K. */
function rfft<K>(p: SignalRfftParams, input: usize, output: usize, scratch: usize): void {
  const sz = <usize>sizeof<K>();
  const n = p.fftLength;
  const frame = scratch;
  const spectrum = scratch + <usize>n * sz;
  for (let f = 0; f < p.frames; f++) {
    memory.copy(frame, input + <usize>(f * p.inputLength) * sz, <usize>p.inputLength * sz);
    memory.fill(frame + <usize>p.inputLength * sz, 0, <usize>(n - p.inputLength) * sz);
    // The real frame read as ncfft complex values.
    kissFft<K>(p, frame, spectrum);
    realSplit<K>(p, spectrum, output + <usize>(f * p.outputLength) * complexBytes<K>());
  }
}

export function signalRfftInt16(p: SignalRfftParams, input: usize, output: usize, scratch: usize): void {
  rfft<i16>(p, input, output, scratch);
}

export function signalRfftInt32(p: SignalRfftParams, input: usize, output: usize, scratch: usize): void {
  rfft<i32>(p, input, output, scratch);
}

export function signalRfftFloat(p: SignalRfftParams, input: usize, output: usize, scratch: usize): void {
  rfft<f32>(p, input, output, scratch);
}
