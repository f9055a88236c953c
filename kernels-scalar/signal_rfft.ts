// SignalRfft, int16 (TFLM signal/src/rfft_int16.cc): a real FFT computed as KISS FFT 1.3.0
// does in 16-bit fixed point (FIXED_POINT=16): a complex FFT of half the length with radix-4
// and radix-2 stages, each dividing by its radix, then the real-FFT split. Every intermediate
// value is stored as int16 (wrapping) exactly where KISS FFT stores one, so results are
// bit-exact. Only power-of-two lengths are supported (the op refuses others in prepare).

@unmanaged
export class SignalRfftParams {
  fftLength: i32;
  /** Complex FFT length (fftLength / 2). */
  ncfft: i32;
  /** Input samples per frame (zero-padded to fftLength). */
  inputLength: i32;
  /** Complex outputs per frame in the output tensor (its last dim / 2). */
  outputLength: i32;
  frames: i32;
  /** Persistent tables: twiddles (ncfft int16 pairs), split twiddles (ncfft/2 pairs), stages. */
  twiddles: usize;
  superTwiddles: usize;
  /** Radix of each stage (i32), outermost first; numStages entries. */
  radices: usize;
  numStages: i32;
  /** Scratch: the zero-padded frame (fftLength int16) then the complex FFT (ncfft pairs). */
  scratchIndex: i32;
}

// ---- 16-bit fixed-point complex helpers (a complex value is two int16 at p, p+2) ----

// @ts-ignore: decorator
@inline function re(p: usize): i32 { return <i32>load<i16>(p); }
// @ts-ignore: decorator
@inline function im(p: usize): i32 { return <i32>load<i16>(p + 2); }
// @ts-ignore: decorator
@inline function put(p: usize, r: i32, i: i32): void { store<i16>(p, <i16>r); store<i16>(p + 2, <i16>i); }
/** Q15 product with rounding, truncated to int16 (KISS sround). */
// @ts-ignore: decorator
@inline function sround(x: i32): i32 { return <i32><i16>((x + 16384) >> 15); }
/** Division by the radix as KISS does it in fixed point: multiply by 32767/k in Q15. */
// @ts-ignore: decorator
@inline function fixdiv(p: usize, k: i32): void {
  const f = 32767 / k;
  put(p, sround(re(p) * f), sround(im(p) * f));
}

/** One radix-2 stage over m butterflies. */
function butterfly2(out: usize, fstride: i32, twiddles: usize, m: i32): void {
  let a = out;
  let b = out + (<usize>m << 2);
  let tw = twiddles;
  const twStep = <usize>fstride << 2;
  for (let k = 0; k < m; k++) {
    fixdiv(a, 2); fixdiv(b, 2);
    const tr = sround(re(b) * re(tw) - im(b) * im(tw));
    const ti = sround(re(b) * im(tw) + im(b) * re(tw));
    tw += twStep;
    put(b, re(a) - tr, im(a) - ti);
    put(a, re(a) + tr, im(a) + ti);
    a += 4; b += 4;
  }
}

/** One radix-4 (forward) stage over m butterflies. */
function butterfly4(out: usize, fstride: i32, twiddles: usize, m: i32): void {
  const q = <usize>m << 2;
  let tw1 = twiddles, tw2 = twiddles, tw3 = twiddles;
  const step = <usize>fstride << 2;
  let f0 = out;
  for (let k = 0; k < m; k++) {
    const f1 = f0 + q, f2 = f1 + q, f3 = f2 + q;
    fixdiv(f0, 4); fixdiv(f1, 4); fixdiv(f2, 4); fixdiv(f3, 4);
    // Products with the twiddles, each rounded to int16.
    const s0r = sround(re(f1) * re(tw1) - im(f1) * im(tw1)), s0i = sround(re(f1) * im(tw1) + im(f1) * re(tw1));
    const s1r = sround(re(f2) * re(tw2) - im(f2) * im(tw2)), s1i = sround(re(f2) * im(tw2) + im(f2) * re(tw2));
    const s2r = sround(re(f3) * re(tw3) - im(f3) * im(tw3)), s2i = sround(re(f3) * im(tw3) + im(f3) * re(tw3));
    const s5r = <i32><i16>(re(f0) - s1r), s5i = <i32><i16>(im(f0) - s1i);
    put(f0, re(f0) + s1r, im(f0) + s1i);
    const s3r = <i32><i16>(s0r + s2r), s3i = <i32><i16>(s0i + s2i);
    const s4r = <i32><i16>(s0r - s2r), s4i = <i32><i16>(s0i - s2i);
    put(f2, re(f0) - s3r, im(f0) - s3i);
    tw1 += step; tw2 += step << 1; tw3 += step * 3;
    put(f0, re(f0) + s3r, im(f0) + s3i);
    put(f1, s5r + s4i, s5i - s4r);
    put(f3, s5r - s4i, s5i + s4r);
    f0 += 4;
  }
}

/**
 * KISS kf_work: decimation in time. Stage `stage` has radix p and sub-length m; the input
 * is read with stride fstride (in complex elements).
 */
function work(p: SignalRfftParams, out: usize, input: usize, fstride: i32, stage: i32, m: i32): void {
  const radix = load<i32>(p.radices + (<usize>stage << 2));
  const sub = m / radix;
  const inStep = <usize>fstride << 2;
  if (sub == 1) {
    let src = input;
    for (let q = 0; q < radix; q++) {
      store<u32>(out + (<usize>q << 2), load<u32>(src));
      src += inStep;
    }
  } else {
    let src = input;
    for (let q = 0; q < radix; q++) {
      work(p, out + (<usize>(q * sub) << 2), src, fstride * radix, stage + 1, sub);
      src += inStep;
    }
  }
  if (radix == 4) butterfly4(out, fstride, p.twiddles, sub);
  else butterfly2(out, fstride, p.twiddles, sub);
}

/** Real FFT of each frame: `input` int16 frames -> `output` int16 complex bins. */
export function signalRfftInt16(p: SignalRfftParams, input: usize, output: usize, scratch: usize): void {
  const n = p.fftLength;
  const ncfft = p.ncfft;
  const frame = scratch;
  const spectrum = scratch + (<usize>n << 1);
  for (let f = 0; f < p.frames; f++) {
    memory.copy(frame, input + (<usize>(f * p.inputLength) << 1), <usize>p.inputLength << 1);
    memory.fill(frame + (<usize>p.inputLength << 1), 0, <usize>(n - p.inputLength) << 1);
    // The real frame read as ncfft complex values.
    work(p, spectrum, frame, 1, 0, ncfft);
    const out = output + (<usize>(f * p.outputLength) << 2);
    // DC and Nyquist from bin 0.
    const d = spectrum;
    const dcR = sround(re(d) * 16383), dcI = sround(im(d) * 16383);
    put(out, dcR + dcI, 0);
    put(out + (<usize>ncfft << 2), dcR - dcI, 0);
    for (let k = 1; k <= (ncfft >> 1); k++) {
      const a = spectrum + (<usize>k << 2);
      const b = spectrum + (<usize>(ncfft - k) << 2);
      const pkR = sround(re(a) * 16383), pkI = sround(im(a) * 16383);
      // The conjugate of the mirrored bin (negation stored as int16 first).
      const nkR = sround(re(b) * 16383), nkI = sround(<i32><i16>(-im(b)) * 16383);
      const f1r = <i32><i16>(pkR + nkR), f1i = <i32><i16>(pkI + nkI);
      const f2r = <i32><i16>(pkR - nkR), f2i = <i32><i16>(pkI - nkI);
      const tw = p.superTwiddles + (<usize>(k - 1) << 2);
      const twR = sround(f2r * re(tw) - f2i * im(tw));
      const twI = sround(f2r * im(tw) + f2i * re(tw));
      put(out + (<usize>k << 2), (f1r + twR) >> 1, (f1i + twI) >> 1);
      put(out + (<usize>(ncfft - k) << 2), (f1r - twR) >> 1, (twI - f1i) >> 1);
    }
  }
}
