// TANH reference kernels (TFLM reference_ops / reference_integer_ops arithmetic).
// The element-wise blocks (tanhInt16Block, tanhFloat32Block) are also used by the LSTM.

import { multiplyByQuantizedMultiplier, roundingDivideByPOT, fixedTanh } from "../assembly/math/fixedpoint";
import { sigmoidTableAt, LogisticParams } from "./logistic";

/** Everything eval needs, computed once in prepare: LOGISTIC's fields. */
@unmanaged
export class TanhParams extends LogisticParams {}

/**
 * int16 tanh by interpolating the sigmoid table (tanh(x) = 2 sigmoid(2x) - 1), as TFLM's
 * reference_integer_ops::Tanh (int16): output Q0.15. multiplier 0 means a power-of-two input
 * scale, handled as multiplier 3 << leftShift. In place is fine.
 */
export function tanhInt16Block(input: usize, output: usize, count: i32, multiplier: i32, leftShift: i32): void {
  if (multiplier == 0) { multiplier = 3 << leftShift; leftShift = 0; }
  const round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
  for (let i = 0; i < count; i++) {
    const x = (<i32>load<i16>(input + (<usize>i << 1)) * multiplier + round) >> leftShift;
    const absX = <u32>(x < 0 ? -x : x);
    // 2^8 steps per table entry: the table is read at 2x.
    const index = absX >> 8;
    let r: i32;
    if (index >= 255) {
      r = 0xffff << 8;
    } else {
      const a = sigmoidTableAt(index);
      const b = sigmoidTableAt(index + 1);
      r = <i32>((a << 8) + (absX & 0xff) * (b - a));
    }
    r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
    store<i16>(output + (<usize>i << 1), <i16>(r >> 8));
  }
}

/** float tanh. In place is fine. */
export function tanhFloat32Block(input: usize, output: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    store<f32>(output + (<usize>i << 2), <f32>Math.tanh(<f64>load<f32>(input + (<usize>i << 2))));
  }
}

export function tanhFloat32(p: TanhParams, input: usize, output: usize): void {
  tanhFloat32Block(input, output, p.count);
}

export function tanhInt16(p: TanhParams, input: usize, output: usize): void {
  tanhInt16Block(input, output, p.count, p.inputMultiplier, p.inputLeftShift);
}

/** int8: gemmlowp tanh on Q4.27; output scale 1/128, zero point 0. */
export function tanhInt8(p: TanhParams, input: usize, output: usize): void {
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
      r = roundingDivideByPOT(fixedTanh(multiplyByQuantizedMultiplier(x, multiplier, shift), 4), 24);
      r = r < -128 ? -128 : (r > 127 ? 127 : r);
    }
    store<i8>(output + <usize>i, <i8>r);
  }
}
