// The complex FFT of KISS FFT 1.3.0 (what TFLM's signal library links), shared by the
// SignalRfft and SignalIrfft kernels. One generic implementation over the sample type K:
// i16 (FIXED_POINT=16), i32 (FIXED_POINT=32) or f32. In fixed point every stage first divides
// by its radix (multiply by SAMP_MAX/radix with rounding) and every product is rounded back
// to K; every intermediate value is stored as K (wrapping) exactly where KISS FFT stores one,
// so results are bit-exact. Lengths are powers of two: radix-4 stages, then one radix-2.

/** Tables of one FFT size (persistent, built in prepare). Ops' params extend this. */
@unmanaged
export class KissFftTables {
  /** Complex FFT length (real FFT length / 2). */
  ncfft: i32;
  /** 1: inverse transform (twiddles conjugated, the radix-4 stage mirrored). */
  inverse: i32;
  numStages: i32;
  /** Radix of each stage (i32), outermost first. */
  radices: usize;
  /** ncfft complex twiddles of type K. */
  twiddles: usize;
  /** ncfft / 2 complex twiddles of the real-FFT split, of type K. */
  superTwiddles: usize;
}

/** Bytes of one complex value of type K. */
// @ts-ignore: decorator
@inline export function complexBytes<K>(): usize { return <usize>sizeof<K>() << 1; }

// @ts-ignore: decorator
@inline function re<K>(p: usize): K { return load<K>(p); }
// @ts-ignore: decorator
@inline function im<K>(p: usize): K { return load<K>(p + sizeof<K>()); }
// @ts-ignore: decorator
@inline function put<K>(p: usize, r: K, i: K): void { store<K>(p, r); store<K>(p + sizeof<K>(), i); }

/** KISS sround(smul(a, b) - smul(c, d)) (fixed point) or a*b - c*d (float). */
// @ts-ignore: decorator
@inline export function mulSub<K>(a: K, b: K, c: K, d: K): K {
  if (isFloat<K>()) return a * b - c * d;
  if (sizeof<K>() == 2) return <K>((<i32>a * <i32>b - <i32>c * <i32>d + 16384) >> 15);
  return <K>((<i64>a * <i64>b - <i64>c * <i64>d + 1073741824) >> 31);
}

/** KISS sround(smul(a, b) + smul(c, d)) (fixed point) or a*b + c*d (float). */
// @ts-ignore: decorator
@inline export function mulAdd<K>(a: K, b: K, c: K, d: K): K {
  if (isFloat<K>()) return a * b + c * d;
  if (sizeof<K>() == 2) return <K>((<i32>a * <i32>b + <i32>c * <i32>d + 16384) >> 15);
  return <K>((<i64>a * <i64>b + <i64>c * <i64>d + 1073741824) >> 31);
}

/** KISS DIVSCALAR(x, k): x * (SAMP_MAX / k), rounded; a no-op in float. */
// @ts-ignore: decorator
@inline export function fixDiv<K>(x: K, k: i32): K {
  if (isFloat<K>()) return x;
  if (sizeof<K>() == 2) return <K>((<i32>x * (32767 / k) + 16384) >> 15);
  return <K>((<i64>x * <i64>(2147483647 / k) + 1073741824) >> 31);
}

/** KISS C_FIXDIV on the complex value at p. */
// @ts-ignore: decorator
@inline function fixDivAt<K>(p: usize, k: i32): void {
  if (!isFloat<K>()) put<K>(p, fixDiv<K>(re<K>(p), k), fixDiv<K>(im<K>(p), k));
}

/** One radix-2 stage over m butterflies. */
function butterfly2<K>(out: usize, fstride: i32, twiddles: usize, m: i32): void {
  const cb = complexBytes<K>();
  let a = out;
  let b = out + <usize>m * cb;
  let tw = twiddles;
  const twStep = <usize>fstride * cb;
  for (let k = 0; k < m; k++) {
    fixDivAt<K>(a, 2); fixDivAt<K>(b, 2);
    const tr = mulSub<K>(re<K>(b), re<K>(tw), im<K>(b), im<K>(tw));
    const ti = mulAdd<K>(re<K>(b), im<K>(tw), im<K>(b), re<K>(tw));
    tw += twStep;
    put<K>(b, re<K>(a) - tr, im<K>(a) - ti);
    put<K>(a, re<K>(a) + tr, im<K>(a) + ti);
    a += cb; b += cb;
  }
}

/** One radix-4 stage over m butterflies (the inverse mirrors the +-i rotation). */
function butterfly4<K>(out: usize, fstride: i32, twiddles: usize, m: i32, inverse: bool): void {
  const cb = complexBytes<K>();
  const q = <usize>m * cb;
  let tw1 = twiddles, tw2 = twiddles, tw3 = twiddles;
  const step = <usize>fstride * cb;
  let f0 = out;
  for (let k = 0; k < m; k++) {
    const f1 = f0 + q, f2 = f1 + q, f3 = f2 + q;
    fixDivAt<K>(f0, 4); fixDivAt<K>(f1, 4); fixDivAt<K>(f2, 4); fixDivAt<K>(f3, 4);
    const s0r = mulSub<K>(re<K>(f1), re<K>(tw1), im<K>(f1), im<K>(tw1)), s0i = mulAdd<K>(re<K>(f1), im<K>(tw1), im<K>(f1), re<K>(tw1));
    const s1r = mulSub<K>(re<K>(f2), re<K>(tw2), im<K>(f2), im<K>(tw2)), s1i = mulAdd<K>(re<K>(f2), im<K>(tw2), im<K>(f2), re<K>(tw2));
    const s2r = mulSub<K>(re<K>(f3), re<K>(tw3), im<K>(f3), im<K>(tw3)), s2i = mulAdd<K>(re<K>(f3), im<K>(tw3), im<K>(f3), re<K>(tw3));
    const s5r: K = re<K>(f0) - s1r, s5i: K = im<K>(f0) - s1i;
    put<K>(f0, re<K>(f0) + s1r, im<K>(f0) + s1i);
    const s3r: K = s0r + s2r, s3i: K = s0i + s2i;
    const s4r: K = s0r - s2r, s4i: K = s0i - s2i;
    put<K>(f2, re<K>(f0) - s3r, im<K>(f0) - s3i);
    tw1 += step; tw2 += step << 1; tw3 += step * 3;
    put<K>(f0, re<K>(f0) + s3r, im<K>(f0) + s3i);
    if (inverse) {
      put<K>(f1, s5r - s4i, s5i + s4r);
      put<K>(f3, s5r + s4i, s5i - s4r);
    } else {
      put<K>(f1, s5r + s4i, s5i - s4r);
      put<K>(f3, s5r - s4i, s5i + s4r);
    }
    f0 += cb;
  }
}

/**
 * KISS kf_work: decimation in time. Stage `stage` has radix p and sub-length m / p; the
 * input is read with stride fstride (in complex elements).
 */
function work<K>(t: KissFftTables, out: usize, input: usize, fstride: i32, stage: i32, m: i32): void {
  const cb = complexBytes<K>();
  const radix = load<i32>(t.radices + (<usize>stage << 2));
  const sub = m / radix;
  const inStep = <usize>fstride * cb;
  let src = input;
  if (sub == 1) {
    for (let q = 0; q < radix; q++) {
      memory.copy(out + <usize>q * cb, src, cb);
      src += inStep;
    }
  } else {
    for (let q = 0; q < radix; q++) {
      work<K>(t, out + <usize>(q * sub) * cb, src, fstride * radix, stage + 1, sub);
      src += inStep;
    }
  }
  if (radix == 4) butterfly4<K>(out, fstride, t.twiddles, sub, t.inverse != 0);
  else butterfly2<K>(out, fstride, t.twiddles, sub);
}

/** Complex FFT of t.ncfft values of type K from `input` to `out` (distinct buffers). */
export function kissFft<K>(t: KissFftTables, input: usize, out: usize): void {
  work<K>(t, out, input, 1, 0, t.ncfft);
}
