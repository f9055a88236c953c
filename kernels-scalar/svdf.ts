// SVDF reference kernels (TFLM svdf_common.cc arithmetic). The state holds, per batch and
// filter, the last `memorySize` feature activations; each invoke shifts it left by one
// element and writes the newest activation in each filter's last slot.
//
// TFLM keeps per-filter and per-unit sums in two scratch buffers; here each unit's sum is
// formed directly (bias, then its `rank` filters in order). Integer sums are identical, and
// float sums are added in TFLM's order, so no scratch buffer is needed.

import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";
import { Activation } from "../assembly/schema/tflite";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class SvdfParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  /** State and time-weights dtype (DType). */
  stateType: i32;
  batches: i32;
  inputSize: i32;
  numFilters: i32;
  numUnits: i32;
  rank: i32;
  memorySize: i32;
  inputZeroPoint: i32;
  stateZeroPoint: i32;
  outputZeroPoint: i32;
  /** input_scale * feature_scale / state_scale, as a Q31 multiplier and shift. */
  multiplier1: i32;
  shift1: i32;
  /** state_scale * time_scale / output_scale. */
  multiplier2: i32;
  shift2: i32;
  /** Fused activation (float only: TFLM's integer kernel applies none). */
  activation: i32;
}

/**
 * int8 input and feature weights; T (int8 or int16) state and time weights; int32 bias; int8
 * output clamped to the int8 range (TFLM ignores the fused activation here).
 */
// @ts-ignore: decorator
@inline function svdfInteger<T>(p: SvdfParams, input: usize, featureWeights: usize, timeWeights: usize, bias: usize,
                                state: usize, output: usize, stateMin: i32, stateMax: i32): void {
  const batches = p.batches;
  const inputSize = p.inputSize;
  const numFilters = p.numFilters;
  const memorySize = p.memorySize;
  const rank = p.rank;
  const inZp = p.inputZeroPoint;
  const stateZp = p.stateZeroPoint;
  const multiplier1 = p.multiplier1, shift1 = p.shift1;
  const multiplier2 = p.multiplier2, shift2 = p.shift2;
  const outputZp = p.outputZeroPoint;
  const numUnits = p.numUnits;
  const stateBatch = <usize>(numFilters * memorySize) * sizeof<T>();
  const filterBytes = <usize>memorySize * sizeof<T>();
  // Age the state: every element moves one slot to the left (across filters, as TFLM does).
  memory.copy(state, state + sizeof<T>(), <usize>batches * stateBatch - sizeof<T>());
  for (let b = 0; b < batches; b++) {
    const inRow = input + <usize>(b * inputSize);
    let newest = state + <usize>b * stateBatch + filterBytes - sizeof<T>();
    let w = featureWeights;
    for (let f = 0; f < numFilters; f++) {
      let dot = 0;
      for (let c = 0; c < inputSize; c++) dot += <i32>load<i8>(w + <usize>c) * (<i32>load<i8>(inRow + <usize>c) - inZp);
      w += <usize>inputSize;
      let v = multiplyByQuantizedMultiplier(dot, multiplier1, shift1);
      v = v < stateMin ? stateMin : (v > stateMax ? stateMax : v);
      // TFLM adds the state zero point after saturating; the sum is narrowed (wraps) to T.
      store<T>(newest, <T>(stateZp + v));
      newest += filterBytes;
    }
  }
  for (let b = 0; b < batches; b++) {
    const stateRow = state + <usize>b * stateBatch;
    const outRow = output + <usize>(b * numUnits);
    for (let u = 0; u < numUnits; u++) {
      let acc = bias ? load<i32>(bias + (<usize>u << 2)) : 0;
      for (let r = 0; r < rank; r++) {
        const f = u * rank + r;
        const s = stateRow + <usize>f * filterBytes;
        const t = timeWeights + <usize>f * filterBytes;
        for (let j = 0; j < memorySize; j++) {
          acc += <i32>load<T>(t + <usize>j * sizeof<T>()) * (<i32>load<T>(s + <usize>j * sizeof<T>()) - stateZp);
        }
      }
      let v = multiplyByQuantizedMultiplier(acc, multiplier2, shift2) + outputZp;
      v = v < -128 ? -128 : (v > 127 ? 127 : v);
      store<i8>(outRow + <usize>u, <i8>v);
    }
  }
}

/** int8 input, int16 state and time weights. */
export function svdfInt8StateInt16(p: SvdfParams, input: usize, featureWeights: usize, timeWeights: usize, bias: usize,
                                   state: usize, output: usize): void {
  svdfInteger<i16>(p, input, featureWeights, timeWeights, bias, state, output, -32768, 32767);
}

/** int8 input, int8 state and time weights. */
export function svdfInt8StateInt8(p: SvdfParams, input: usize, featureWeights: usize, timeWeights: usize, bias: usize,
                                  state: usize, output: usize): void {
  svdfInteger<i8>(p, input, featureWeights, timeWeights, bias, state, output, -128, 127);
}

/** TFLM ActivationValFloat. */
// @ts-ignore: decorator
@inline function activate(activation: i32, a: f32): f32 {
  if (activation == Activation.RELU) return 0 > a ? 0 : a;
  if (activation == Activation.RELU_N1_TO_1) { const m: f32 = a < 1 ? a : 1; return <f32>-1 > m ? <f32>-1 : m; }
  if (activation == Activation.RELU6) { const m: f32 = a < 6 ? a : 6; return 0 > m ? 0 : m; }
  if (activation == Activation.TANH) return Mathf.tanh(a);
  if (activation == Activation.SIGN_BIT) return (reinterpret<u32>(a) >> 31) != 0 ? 1 : 0;
  return a;
}

/** float32 throughout; bias optional. */
export function svdfFloat32(p: SvdfParams, input: usize, featureWeights: usize, timeWeights: usize, bias: usize,
                            state: usize, output: usize): void {
  const batches = p.batches;
  const inputSize = p.inputSize;
  const numFilters = p.numFilters;
  const memorySize = p.memorySize;
  const rank = p.rank;
  const stateBatch = <usize>(numFilters * memorySize) << 2;
  const filterBytes = <usize>memorySize << 2;
  memory.copy(state, state + 4, <usize>batches * stateBatch - 4);
  for (let b = 0; b < batches; b++) {
    const inRow = input + (<usize>(b * inputSize) << 2);
    let newest = state + <usize>b * stateBatch + filterBytes - 4;
    let w = featureWeights;
    for (let f = 0; f < numFilters; f++) {
      let dot: f32 = 0;
      for (let c = 0; c < inputSize; c++) dot += load<f32>(w + (<usize>c << 2)) * load<f32>(inRow + (<usize>c << 2));
      w += <usize>inputSize << 2;
      store<f32>(newest, dot);
      newest += filterBytes;
    }
  }
  for (let b = 0; b < batches; b++) {
    const stateRow = state + <usize>b * stateBatch;
    const outRow = output + (<usize>(b * p.numUnits) << 2);
    for (let u = 0; u < p.numUnits; u++) {
      let total: f32 = bias ? load<f32>(bias + (<usize>u << 2)) : 0;
      for (let r = 0; r < rank; r++) {
        const f = u * rank + r;
        const s = stateRow + <usize>f * filterBytes;
        const t = timeWeights + <usize>f * filterBytes;
        let dot: f32 = 0;
        for (let j = 0; j < memorySize; j++) dot += load<f32>(t + (<usize>j << 2)) * load<f32>(s + (<usize>j << 2));
        total += dot;
      }
      store<f32>(outRow + (<usize>u << 2), activate(p.activation, total));
    }
  }
}
