// SOFTMAX reference kernels (TFLM reference_ops::Softmax / SoftmaxInt16 arithmetic).

import {
  saturatingRoundingDoublingHighMul, roundingDivideByPOT, multiplyByQuantizedMultiplier, expOnNegativeValues,
  getReciprocal, reciprocalBitsOverUnit, lutLookupInt16,
} from "../assembly/math/fixedpoint";

/** Everything eval needs (TFLM SoftmaxParams), computed once in prepare. */
@unmanaged
export class SoftmaxParams {
  /** Input dtype (DType) and output dtype: select the kernel. */
  inputType: i32;
  outputType: i32;
  /** Rows (all dimensions but the last) and their length. */
  outer: i32;
  depth: i32;
  /** int8: input difference rescaling to Q5.26 (left shift >= 0); int16: to the LUT's range. */
  multiplier: i32;
  shift: i32;
  /** int8: differences below this contribute nothing (TFLM diff_min). */
  diffMin: i32;
  beta: f32;
  /** int16: 513-entry tables of exp(x) on [-10, 0] and 1/(1+x) on [0, 1] (persistent). */
  expLut: usize;
  reciprocalLut: usize;
}

// Integer bits of the Q-format of the rescaled differences and of the sum of exponentials.
const SCALED_DIFF_INTEGER_BITS = 5;
const ACCUMULATION_INTEGER_BITS = 12;

// @ts-ignore: decorator
@inline function expOfDiff(diff: i32, multiplier: i32, shift: i32): i32 {
  // MultiplyByQuantizedMultiplierGreaterThanOne, then exp as Q0.31.
  return expOnNegativeValues(saturatingRoundingDoublingHighMul(diff * (1 << shift), multiplier), SCALED_DIFF_INTEGER_BITS);
}

/** int8 input; output int8 (outBits 8) or int16 (outBits 16), both offset by the dtype minimum. */
// @ts-ignore: decorator
@inline function softmaxQuantized<O>(p: SoftmaxParams, input: usize, output: usize, outBits: i32): void {
  const depth = p.depth;
  const multiplier = p.multiplier;
  const shift = p.shift;
  const diffMin = p.diffMin;
  const outMin: i32 = outBits == 8 ? -128 : -32768;
  const outMax: i32 = outBits == 8 ? 127 : 32767;
  for (let r = 0; r < p.outer; r++) {
    const row = input + <usize>r * <usize>depth;
    const outRow = output + <usize>r * <usize>depth * sizeof<O>();
    let maxInRow: i32 = -128;
    for (let c = 0; c < depth; c++) {
      const v = <i32>load<i8>(row + <usize>c);
      if (v > maxInRow) maxInRow = v;
    }
    // Sum of exp in Q12.19 (Rescale from Q0.31), wrapping as TFLM's fixed-point add.
    let sumOfExps = 0;
    for (let c = 0; c < depth; c++) {
      const diff = <i32>load<i8>(row + <usize>c) - maxInRow;
      if (diff >= diffMin) {
        sumOfExps += roundingDivideByPOT(expOfDiff(diff, multiplier, shift), ACCUMULATION_INTEGER_BITS);
      }
    }
    const scale = getReciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
    let exponent = reciprocalBitsOverUnit + 31 - outBits;
    // TFLM aborts outside [0, 31] (only when more than ~2^8 values tie for the maximum).
    exponent = exponent < 0 ? 0 : (exponent > 31 ? 31 : exponent);
    for (let c = 0; c < depth; c++) {
      const diff = <i32>load<i8>(row + <usize>c) - maxInRow;
      let v = outMin;
      if (diff >= diffMin) {
        const e = expOfDiff(diff, multiplier, shift);
        v = roundingDivideByPOT(saturatingRoundingDoublingHighMul(scale, e), exponent) + outMin;
        v = v > outMax ? outMax : v;
      }
      store<O>(outRow + <usize>c * sizeof<O>(), <O>v);
    }
  }
}

export function softmaxInt8(p: SoftmaxParams, input: usize, output: usize): void {
  softmaxQuantized<i8>(p, input, output, 8);
}

export function softmaxInt8Int16(p: SoftmaxParams, input: usize, output: usize): void {
  softmaxQuantized<i16>(p, input, output, 16);
}

/** int16 -> int16 through the exp and 1/(1+x) tables (TFLM SoftmaxInt16). */
export function softmaxInt16(p: SoftmaxParams, input: usize, output: usize): void {
  const depth = p.depth;
  const multiplier = p.multiplier;
  const shift = p.shift;
  const expLut = p.expLut;
  const reciprocalLut = p.reciprocalLut;
  for (let r = 0; r < p.outer; r++) {
    const row = input + ((<usize>r * <usize>depth) << 1);
    const outRow = output + ((<usize>r * <usize>depth) << 1);
    let maxInRow: i32 = -32768;
    for (let c = 0; c < depth; c++) {
      const v = <i32>load<i16>(row + (<usize>c << 1));
      if (v > maxInRow) maxInRow = v;
    }
    // exp(x - max) in Q0.15, kept in the output row until the sum is known.
    let sumOfExps = 0;
    for (let c = 0; c < depth; c++) {
      const diff = <i32>load<i16>(row + (<usize>c << 1)) - maxInRow;
      let scaled = multiplyByQuantizedMultiplier(diff, multiplier, shift) + 32767;
      scaled = scaled < -32768 ? -32768 : (scaled > 32767 ? 32767 : scaled);
      const e = lutLookupInt16(scaled, expLut);
      store<i16>(outRow + (<usize>c << 1), <i16>e);
      sumOfExps += <i32><i16>e;
    }
    // 1/sum: normalise the sum to [1, 2), look up 1/(1+x) with x = sum - 1.
    let headroomPlusOne = <i32>clz<u32>(<u32>sumOfExps);
    if (headroomPlusOne < 1) headroomPlusOne = 1; // only reachable past 65536 elements per row
    const shiftedSum = <i32>(((<i64>sumOfExps << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
    let symmetricSum = shiftedSum - ((1 << 15) + (1 << 16));
    symmetricSum = symmetricSum < -32768 ? -32768 : (symmetricSum > 32767 ? 32767 : symmetricSum);
    const reciprocal = <i64>lutLookupInt16(symmetricSum, reciprocalLut);
    let rightShift = 31 - headroomPlusOne;
    if (rightShift < 1) rightShift = 1; // the sum is at least exp(0) ~ 1.0 in Q0.15
    const round = <i64>(1 << (rightShift - 1));
    for (let c = 0; c < depth; c++) {
      const at = outRow + (<usize>c << 1);
      const v = <i32>((<i64>load<i16>(at) * reciprocal + round) >> rightShift);
      store<i16>(at, <i16>(v < 0 ? 0 : (v > 32767 ? 32767 : v)));
    }
  }
}

/** float32 (TFLM reference_ops::Softmax). */
export function softmaxFloat32(p: SoftmaxParams, input: usize, output: usize): void {
  const depth = p.depth;
  const beta = p.beta;
  for (let r = 0; r < p.outer; r++) {
    const row = input + ((<usize>r * <usize>depth) << 2);
    const outRow = output + ((<usize>r * <usize>depth) << 2);
    let max = -f32.MAX_VALUE;
    for (let c = 0; c < depth; c++) {
      const v = load<f32>(row + (<usize>c << 2));
      if (max < v) max = v;
    }
    let sum: f32 = 0;
    for (let c = 0; c < depth; c++) {
      const e = Mathf.exp((load<f32>(row + (<usize>c << 2)) - max) * beta);
      store<f32>(outRow + (<usize>c << 2), e);
      sum += e;
    }
    for (let c = 0; c < depth; c++) {
      const at = outRow + (<usize>c << 2);
      store<f32>(at, load<f32>(at) / sum);
    }
  }
}
