// float32 building blocks shared by the SIMD CONV_2D and FULLY_CONNECTED kernels.
//
// Lanes are 4 output channels. Each lane adds its products one at a time in the reference
// kernel's order (a separate multiply then add, as the scalar code), so the sums round exactly
// as TFLM's do and the results are the scalar kernel's to the bit. The 4 channels' weights are
// read in place, 4 depth values of each at a time, and transposed in registers to
// [w0[k], w1[k], w2[k], w3[k]] vectors.

/** acc + sum over k < len of x[k] * [w0[k], w1[k], w2[k], w3[k]], lane by lane in order of k. */
// @ts-ignore: decorator
@inline export function dotFloat4(acc: v128, x: usize, w0: usize, w1: usize, w2: usize, w3: usize, len: i32): v128 {
  const bytes = <usize>len << 2;
  const end = bytes & ~15;
  let k: usize = 0;
  for (; k < end; k += 16) {
    const a = v128.load(w0 + k), b = v128.load(w1 + k), c = v128.load(w2 + k), d = v128.load(w3 + k);
    const t0 = v128.shuffle<i32>(a, b, 0, 4, 1, 5), t1 = v128.shuffle<i32>(a, b, 2, 6, 3, 7);
    const t2 = v128.shuffle<i32>(c, d, 0, 4, 1, 5), t3 = v128.shuffle<i32>(c, d, 2, 6, 3, 7);
    const xk = x + k;
    acc = f32x4.add(acc, f32x4.mul(v128.load_splat<f32>(xk), v128.shuffle<i32>(t0, t2, 0, 1, 4, 5)));
    acc = f32x4.add(acc, f32x4.mul(v128.load_splat<f32>(xk, 4), v128.shuffle<i32>(t0, t2, 2, 3, 6, 7)));
    acc = f32x4.add(acc, f32x4.mul(v128.load_splat<f32>(xk, 8), v128.shuffle<i32>(t1, t3, 0, 1, 4, 5)));
    acc = f32x4.add(acc, f32x4.mul(v128.load_splat<f32>(xk, 12), v128.shuffle<i32>(t1, t3, 2, 3, 6, 7)));
  }
  for (; k < bytes; k += 4) {
    let w = v128.load_zero<f32>(w0 + k);
    w = v128.load_lane<f32>(w1 + k, w, 1);
    w = v128.load_lane<f32>(w2 + k, w, 2);
    w = v128.load_lane<f32>(w3 + k, w, 3);
    acc = f32x4.add(acc, f32x4.mul(v128.load_splat<f32>(x + k), w));
  }
  return acc;
}

/** Stores min(max(acc + bias, lo), hi) for `channels` (1..4) lanes at out. */
// @ts-ignore: decorator
@inline export function storeFloat4(out: usize, acc: v128, bias: v128, lo: v128, hi: v128, channels: i32): void {
  const v = f32x4.min(f32x4.max(f32x4.add(acc, bias), lo), hi);
  if (channels == 4) {
    v128.store(out, v);
  } else {
    v128.store_lane<f32>(out, v, 0);
    if (channels > 1) v128.store_lane<f32>(out, v, 1, 4);
    if (channels > 2) v128.store_lane<f32>(out, v, 2, 8);
  }
}

/** Bias of channels n .. n + channels - 1 (0 when there is no bias); missing lanes are 0. */
// @ts-ignore: decorator
@inline export function loadBias4(bias: usize, n: i32, channels: i32): v128 {
  if (bias == 0) return f32x4.splat(0);
  const at = bias + (<usize>n << 2);
  if (channels == 4) return v128.load(at);
  let v = v128.load_zero<f32>(at);
  if (channels > 1) v = v128.load_lane<f32>(at, v, 1, 4);
  if (channels > 2) v = v128.load_lane<f32>(at, v, 2, 8);
  return v;
}
