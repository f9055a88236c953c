// LOGISTIC reference kernels (TFLM reference_ops / reference_integer_ops arithmetic).
// The element-wise blocks (sigmoidInt16Block, sigmoidFloat32Block) are also the LSTM's gate
// activations.

import { multiplyByQuantizedMultiplier, roundingDivideByPOT, fixedLogistic } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare. */
@unmanaged
export class LogisticParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  inputZeroPoint: i32;
  /** int8: |input - zero point| at or beyond which the output saturates. */
  inputRangeRadius: i32;
  /** int8: Q31 multiplier to Q4.27; int16: integer multiplier (0: power-of-two scale). */
  inputMultiplier: i32;
  inputLeftShift: i32;
}

/**
 * sigmoid(i / 24) in Q0.16 for i in [0, 255]: the look-up table TFLM's int16 logistic and tanh
 * interpolate (tanh(x) = 2 sigmoid(2x) - 1). Data, not a formula: the entries are TFLM's.
 */
export const SIGMOID_TABLE_U16: usize = memory.data<u16>([
  32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
  43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
  51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
  57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
  61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
  63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
  64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
  64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
  65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
  65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
  65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
  65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
  65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
  65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
  65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
  65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
]);

// @ts-ignore: decorator
@inline export function sigmoidTableAt(i: u32): u32 {
  return <u32>load<u16>(SIGMOID_TABLE_U16 + (<usize>i << 1));
}

/**
 * int16 sigmoid by table interpolation (TFLM reference_integer_ops::Logistic, int16): output
 * Q0.15. multiplier 0 means a power-of-two input scale, handled as multiplier 3 << leftShift.
 * In place is fine (input == output).
 */
export function sigmoidInt16Block(input: usize, output: usize, count: i32, multiplier: i32, leftShift: i32): void {
  if (multiplier == 0) { multiplier = 3 << leftShift; leftShift = 0; }
  const round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
  for (let i = 0; i < count; i++) {
    const x = (<i32>load<i16>(input + (<usize>i << 1)) * multiplier + round) >> leftShift;
    const absX = <u32>(x < 0 ? -x : x);
    // Q3.12 scaled by 3 in, so 2^9 steps per table entry (1/24).
    const index = absX >> 9;
    let r: u32;
    if (index >= 255) {
      r = 0x7fff << 10;
    } else {
      const a = sigmoidTableAt(index);
      const b = sigmoidTableAt(index + 1);
      r = (a << 9) + (absX & 0x1ff) * (b - a);
    }
    r = x >= 0 ? r + (1 << 9) : (1 << 25) - r + (1 << 9) - 1;
    store<i16>(output + (<usize>i << 1), <i16>(r >> 10));
  }
}

/** float sigmoid with TFLM's cut-offs. In place is fine. */
export function sigmoidFloat32Block(input: usize, output: usize, count: i32): void {
  const upper: f32 = 16.619047164916992188;
  const lower: f32 = -9.0;
  for (let i = 0; i < count; i++) {
    const v = load<f32>(input + (<usize>i << 2));
    let r: f32;
    if (v > upper) r = 1;
    else if (v < lower) r = Mathf.exp(v);
    else r = <f32>1 / (<f32>1 + Mathf.exp(-v));
    store<f32>(output + (<usize>i << 2), r);
  }
}

export function logisticFloat32(p: LogisticParams, input: usize, output: usize): void {
  sigmoidFloat32Block(input, output, p.count);
}

export function logisticInt16(p: LogisticParams, input: usize, output: usize): void {
  sigmoidInt16Block(input, output, p.count, p.inputMultiplier, p.inputLeftShift);
}

/** int8: gemmlowp logistic on Q4.27; output scale 1/256, zero point -128. */
export function logisticInt8(p: LogisticParams, input: usize, output: usize): void {
  const zp = p.inputZeroPoint;
  const radius = p.inputRangeRadius;
  const multiplier = p.inputMultiplier;
  const shift = p.inputLeftShift;
  for (let i = 0; i < p.count; i++) {
    const x = <i32>load<i8>(input + <usize>i) - zp;
    let r: i32;
    if (x <= -radius) r = -128;
    else if (x >= radius) r = 127;
    else {
      const q4 = multiplyByQuantizedMultiplier(x, multiplier, shift);
      r = roundingDivideByPOT(fixedLogistic(q4, 4), 23) - 128;
      r = r < -128 ? -128 : (r > 127 ? 127 : r);
    }
    store<i8>(output + <usize>i, <i8>r);
  }
}
