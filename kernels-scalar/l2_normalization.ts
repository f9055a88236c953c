// L2_NORMALIZATION reference kernels (TFLite reference_ops::L2Normalization and
// reference_integer_ops::L2Normalization) over the last dimension. float32: x / max(|x|, 1e-6).
// int8: (x - zp) times the fixed-point 1/sqrt(sum of squares), to an output in 1/128 steps.

import { multiplyByQuantizedMultiplier, invSqrtQuantizedMultiplierExp, qmMultiplier, qmShift } from "../assembly/math/fixedpoint";

@unmanaged
export class L2NormParams {
  outer: i32;
  depth: i32;
  isFloat: i32;
  inputZeroPoint: i32;
}

export function l2NormalizationFloat32(p: L2NormParams, input: usize, output: usize): void {
  const depth = p.depth;
  const epsilon: f32 = 1e-6;
  for (let o = 0; o < p.outer; o++) {
    const row = input + ((<usize>o * <usize>depth) << 2);
    const out = output + ((<usize>o * <usize>depth) << 2);
    let squares: f32 = 0;
    for (let c = 0; c < depth; c++) { const v = load<f32>(row + (<usize>c << 2)); squares += v * v; }
    let norm = Mathf.sqrt(squares);
    if (norm < epsilon) norm = epsilon; // std::max(l2_norm, epsilon)
    for (let c = 0; c < depth; c++) store<f32>(out + (<usize>c << 2), load<f32>(row + (<usize>c << 2)) / norm);
  }
}

export function l2NormalizationInt8(p: L2NormParams, input: usize, output: usize): void {
  const depth = p.depth;
  const zp = p.inputZeroPoint;
  for (let o = 0; o < p.outer; o++) {
    const row = input + <usize>o * <usize>depth;
    const out = output + <usize>o * <usize>depth;
    let squares = 0;
    for (let c = 0; c < depth; c++) { const v = <i32>load<i8>(row + <usize>c) - zp; squares += v * v; }
    const packed = invSqrtQuantizedMultiplierExp(squares, -1);
    const multiplier = qmMultiplier(packed);
    const shift = qmShift(packed) + 7; // output scale 1/128
    for (let c = 0; c < depth; c++) {
      let v = multiplyByQuantizedMultiplier(<i32>load<i8>(row + <usize>c) - zp, multiplier, shift);
      v = v < -128 ? -128 : (v > 127 ? 127 : v);
      store<i8>(out + <usize>c, <i8>v);
    }
  }
}
