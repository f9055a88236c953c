// Integer helpers shared by the TFLM "signal" kernels: most significant bit, integer square
// roots and the fixed-point natural log, with TFLM signal/src's exact rounding.

/** Bit length of x (1-based index of the highest set bit); 32 for x == 0, as TFLM's gcc build. */
// @ts-ignore: decorator
@inline export function msb32(x: u32): i32 {
  return x != 0 ? 32 - <i32>clz(x) : 32;
}

/** Bit length of a 64-bit value (64 for 0). */
// @ts-ignore: decorator
@inline export function msb64(x: u64): i32 {
  return x != 0 ? 64 - <i32>clz(x) : 64;
}

/** Rounded integer square root of a 32-bit value (bit-by-bit method, 16-bit result). */
export function sqrt32(num: u32): u32 {
  if (num == 0) return 0;
  let res: u32 = 0;
  const maxBit = (32 - msb32(num)) | 1;
  let bit: u32 = (<u32>1) << (31 - maxBit);
  let iterations = (31 - maxBit) / 2 + 1;
  while (iterations-- > 0) {
    if (num >= res + bit) {
      num -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  // Round up when the remainder says so, unless that would overflow 16 bits.
  if (num > res && res != 0xffff) res++;
  return res & 0xffff;
}

/**
 * Rounded integer square root of a 64-bit value, truncated to 32 bits. Values below 2^32
 * take the 32-bit path, exactly as TFLM does (it is slightly off near 2^32).
 */
export function sqrt64(num: u64): u32 {
  if ((num >> 32) == 0) return sqrt32(<u32>num);
  let res: u64 = 0;
  const maxBit = (64 - msb64(num)) | 1;
  let bit: u64 = (<u64>1) << <u64>(63 - maxBit);
  let iterations = (63 - maxBit) / 2 + 1;
  while (iterations-- > 0) {
    if (num >= res + bit) {
      num -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  if (num > res && res != 0xffffffff) res++;
  return <u32>res;
}

// Correction of log2(1 + f) over its linear approximation f, for f = i/128 (i = 0..128),
// in 1/65536 units: round(65536 * (log2(1 + i/128) - i/128)). One padding entry follows.
const LOG_CORRECTION: usize = memory.data<u16>([
  0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646, 2797,
  2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633,
  4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
  5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633, 5626, 5615, 5602, 5586,
  5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370, 5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000,
  4944, 4885, 4825, 4762, 4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
  3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659, 2549, 2437, 2323, 2207,
  2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224, 1094, 963, 830, 695, 559, 421, 282, 142,
  0, 0,
]);

/** Fractional part of log2(x) in Q16, where `log2x` is floor(log2(x)). */
// @ts-ignore: decorator
@inline function log2Fraction(x: u32, log2x: u32): u32 {
  let frac = <i32>(x - (<u32>1 << log2x));
  if (log2x < 16) frac <<= <i32>(16 - log2x);
  else frac >>= <i32>(log2x - 16);
  // 128 segments of 512 (Q16), linear interpolation of the correction table.
  const segment = <u32>frac >> 9;
  const c0 = <i32>load<u16>(LOG_CORRECTION + (<usize>segment << 1));
  const c1 = <i32>load<u16>(LOG_CORRECTION + (<usize>(segment + 1) << 1));
  const segmentBase = <i32>(segment << 9);
  const relative = ((c1 - c0) * (frac - segmentBase)) >> 16;
  return <u32>(frac + c0 + relative);
}

/** TFLM Log32: natural log of x (x >= 2) scaled by outScale, in Q16 rounding. */
// @ts-ignore: decorator
@inline export function log32(x: u32, outScale: u32): u32 {
  const integer = <u32>(msb32(x) - 1);
  const log2 = (integer << 16) + log2Fraction(x, integer);
  // ln(2) in Q16 is 45426.
  const loge = <u32>((<u64>45426 * <u64>log2 + 32768) >> 16);
  return (outScale * loge + 32768) >> 16;
}
