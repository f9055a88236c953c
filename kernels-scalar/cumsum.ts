// CUMSUM reference kernels (TFLite reference_ops::CumSum): running sums along one axis,
// optionally exclusive (each output excludes its own element) and/or reversed. int8 works in
// the ADD-style rescaled domain: inputs (x - zp) << 20 scaled by 1/2, summed in int32, then
// rescaled to the output. TFLM starts each int8 sum at the scaled input offset (-zp) rather
// than 0; reproduced.

import { multiplyByQuantizedMultiplierSmallerThanOneExp } from "../assembly/math/fixedpoint";

@unmanaged
export class CumSumParams {
  /** Product of the dimensions before the axis, the axis size, product after it. */
  outer: i32;
  depth: i32;
  inner: i32;
  exclusive: i32;
  reverse: i32;
  // int8 only
  inputOffset: i32;
  outputOffset: i32;
  inputMultiplier: i32;
  inputShift: i32;
  outputMultiplier: i32;
  outputShift: i32;
  leftShift: i32;
}

export function cumSumFloat32(p: CumSumParams, input: usize, output: usize): void {
  const depth = p.depth, inner = p.inner;
  const stride = <isize>inner << 2;
  const exclusive = p.exclusive != 0;
  for (let o = 0; o < p.outer; o++) {
    for (let i = 0; i < inner; i++) {
      const first = <isize>(o * depth * inner + i) << 2;
      let at = p.reverse != 0 ? first + <isize>(depth - 1) * stride : first;
      const step = p.reverse != 0 ? -stride : stride;
      let acc: f32 = 0;
      for (let d = 0; d < depth; d++) {
        const x = load<f32>(input + <usize>at);
        if (exclusive) { store<f32>(output + <usize>at, acc); acc += x; }
        else { acc += x; store<f32>(output + <usize>at, acc); }
        at += step;
      }
    }
  }
}

export function cumSumInt8(p: CumSumParams, input: usize, output: usize): void {
  const depth = p.depth, inner = p.inner;
  const stride = <isize>inner;
  const exclusive = p.exclusive != 0;
  const offset = p.inputOffset;
  const scale = 1 << p.leftShift;
  for (let o = 0; o < p.outer; o++) {
    for (let i = 0; i < inner; i++) {
      const first = <isize>(o * depth * inner + i);
      let at = p.reverse != 0 ? first + <isize>(depth - 1) * stride : first;
      const step = p.reverse != 0 ? -stride : stride;
      let acc = multiplyByQuantizedMultiplierSmallerThanOneExp(offset * scale, p.inputMultiplier, p.inputShift);
      for (let d = 0; d < depth; d++) {
        const x = multiplyByQuantizedMultiplierSmallerThanOneExp((offset + <i32>load<i8>(input + <usize>at)) * scale, p.inputMultiplier, p.inputShift);
        let sum: i32;
        if (exclusive) { sum = acc; acc += x; }
        else { acc += x; sum = acc; }
        let v = multiplyByQuantizedMultiplierSmallerThanOneExp(sum, p.outputMultiplier, p.outputShift) + p.outputOffset;
        v = v < -128 ? -128 : (v > 127 ? 127 : v);
        store<i8>(output + <usize>at, <i8>v);
        at += step;
      }
    }
  }
}
