// LOG_SOFTMAX reference kernels (TFLite reference_ops::LogSoftmax): float32 in float maths;
// int8 in gemmlowp fixed point (differences to the row maximum in Q5.26, exp summed in Q12.19,
// ln of the sum in Q5.26) to an output of scale 16/256 and zero point 127.

import {
  multiplyByQuantizedMultiplier, expOnNegativeValues, roundingDivideByPOT, logXForXGreaterThanOrEqualTo1,
} from "../assembly/math/fixedpoint";

@unmanaged
export class LogSoftmaxParams {
  outer: i32;
  depth: i32;
  isFloat: i32;
  inputMultiplier: i32;
  inputLeftShift: i32;
  reverseScalingDivisor: i32;
  /** TFLM's -reverse_scaling_right_shift: a left shift <= 0. */
  reverseScalingShift: i32;
  diffMin: i32;
}

export function logSoftmaxFloat32(p: LogSoftmaxParams, input: usize, output: usize): void {
  const depth = p.depth;
  for (let o = 0; o < p.outer; o++) {
    const row = input + ((<usize>o * <usize>depth) << 2);
    const out = output + ((<usize>o * <usize>depth) << 2);
    let max = -f32.MAX_VALUE;
    for (let c = 0; c < depth; c++) { const v = load<f32>(row + (<usize>c << 2)); if (v > max) max = v; } // std::max
    let sum: f32 = 0;
    for (let c = 0; c < depth; c++) sum += Mathf.exp(load<f32>(row + (<usize>c << 2)) - max);
    const logSum = Mathf.log(sum);
    for (let c = 0; c < depth; c++) store<f32>(out + (<usize>c << 2), load<f32>(row + (<usize>c << 2)) - max - logSum);
  }
}

export function logSoftmaxInt8(p: LogSoftmaxParams, input: usize, output: usize): void {
  const depth = p.depth;
  const multiplier = p.inputMultiplier;
  const shift = p.inputLeftShift;
  const diffMin = p.diffMin;
  for (let o = 0; o < p.outer; o++) {
    const row = input + <usize>o * <usize>depth;
    const out = output + <usize>o * <usize>depth;
    let max: i32 = -128;
    for (let c = 0; c < depth; c++) { const v = <i32>load<i8>(row + <usize>c); if (v > max) max = v; }
    let sumQ12 = 0;
    for (let c = 0; c < depth; c++) {
      const diff = <i32>load<i8>(row + <usize>c) - max;
      if (diff >= diffMin) {
        const diffQ5 = multiplyByQuantizedMultiplier(diff, multiplier, shift);
        sumQ12 += roundingDivideByPOT(expOnNegativeValues(diffQ5, 5), 12);
      }
    }
    const logSumQ5 = logXForXGreaterThanOrEqualTo1(sumQ12, 12, 5);
    const shiftedLogSum = logSumQ5 + i32.MIN_VALUE;
    const scaledMin = multiplyByQuantizedMultiplier(shiftedLogSum, p.reverseScalingDivisor, p.reverseScalingShift);
    const adjustedDiffMin = diffMin - 1 > scaledMin ? diffMin - 1 : scaledMin;
    for (let c = 0; c < depth; c++) {
      const diff = <i32>load<i8>(row + <usize>c) - max;
      let v: i32 = -128;
      if (diff > adjustedDiffMin) {
        const diffQ5 = multiplyByQuantizedMultiplier(diff, multiplier, shift);
        v = roundingDivideByPOT(diffQ5 - logSumQ5, 31 - 5 - 4) + 127;
        v = v < -128 ? -128 : (v > 127 ? 127 : v);
      }
      store<i8>(out + <usize>c, <i8>v);
    }
  }
}
