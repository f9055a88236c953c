// ADD_N reference kernels (TFLM add_n.cc, reference_ops::AddN). The inputs' data addresses
// are gathered into a scratch buffer at each invoke (as TFLM does), then summed element by
// element in input order.

import { multiplyByQuantizedMultiplierSmallerThanOneExp } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class AddNParams {
  /** Output dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  numInputs: i32;
  /** Scratch buffer for the input addresses (usize[numInputs]). */
  scratch: i32;
  /** int8: every input shares one scale and zero point. */
  inputOffset: i32;
  inputMultiplier: i32;
  inputShift: i32;
  leftShift: i32;
  outputOffset: i32;
  outputMultiplier: i32;
  outputShift: i32;
}

/** float32: 0 + in0 + in1 + ... per element. */
export function addNFloat32(p: AddNParams, inputs: usize, output: usize): void {
  const n = p.count, k = p.numInputs;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    let sum: f32 = 0;
    for (let j = 0; j < k; j++) sum += load<f32>(load<usize>(inputs + (<usize>j << 2)) + at);
    store<f32>(output + at, sum);
  }
}

/**
 * int8: each input rescaled (left shift 20, times 1/2) and summed. TFLM starts the sum from the
 * rescaled input offset (the real value of a stored 0), not from zero: kept for bit-exactness.
 */
export function addNInt8(p: AddNParams, inputs: usize, output: usize): void {
  const n = p.count, k = p.numInputs;
  const offset = p.inputOffset, multiplier = p.inputMultiplier, shift = p.inputShift, leftShift = p.leftShift;
  const start = multiplyByQuantizedMultiplierSmallerThanOneExp(offset << leftShift, multiplier, shift);
  const outOffset = p.outputOffset, outMultiplier = p.outputMultiplier, outShift = p.outputShift;
  for (let i = 0; i < n; i++) {
    let sum = start;
    for (let j = 0; j < k; j++) {
      const x = offset + <i32>load<i8>(load<usize>(inputs + (<usize>j << 2)) + <usize>i);
      sum += multiplyByQuantizedMultiplierSmallerThanOneExp(x << leftShift, multiplier, shift);
    }
    let v = multiplyByQuantizedMultiplierSmallerThanOneExp(sum, outMultiplier, outShift) + outOffset;
    v = v < -128 ? -128 : (v > 127 ? 127 : v);
    store<i8>(output + <usize>i, <i8>v);
  }
}
