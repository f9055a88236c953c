// QUANTIZE reference kernels (TFLM reference_ops AffineQuantize and Requantize).

import { roundAwayF32, multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare. */
@unmanaged
export class QuantizeParams {
  /** Which kernel runs (QuantizeKind). */
  kind: i32;
  count: i32;
  /** Output scale (float input). */
  scale: f32;
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  /** input scale / output scale as a Q31 multiplier and shift (integer input). */
  multiplier: i32;
  shift: i32;
}

/** float32 -> T (int8 or int16): round(x / scale) + zero point, saturated. */
// @ts-ignore: decorator
@inline function affineQuantize<T>(p: QuantizeParams, input: usize, output: usize, lo: i32, hi: i32): void {
  const scale = p.scale;
  const zeroPoint = p.outputZeroPoint;
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const r = roundAwayF32(load<f32>(input + (<usize>i << 2)) / scale);
    // C++'s float->int32 cast of an out-of-range value or NaN yields INT32_MIN on the
    // platforms TFLM's results come from (x86 cvttss2si, wasm32 clang); match that.
    let q = r >= -2147483648.0 && r < 2147483648.0 ? <i32>r : i32.MIN_VALUE;
    q += zeroPoint;
    q = q < lo ? lo : (q > hi ? hi : q);
    store<T>(output + <usize>i * sizeof<T>(), <T>q);
  }
}

export function quantizeFloat32ToInt8(p: QuantizeParams, input: usize, output: usize): void {
  affineQuantize<i8>(p, input, output, -128, 127);
}

export function quantizeFloat32ToInt16(p: QuantizeParams, input: usize, output: usize): void {
  affineQuantize<i16>(p, input, output, -32768, 32767);
}

/**
 * Integer In -> Out: (x - input zero point) rescaled by the multiplier, plus the output zero
 * point, saturated to Out's range ([lo, hi]). Covers TFLM's int8<->uint8 "xor 0x80" fast path,
 * which gives the same bytes.
 */
// @ts-ignore: decorator
@inline export function requantize<In, Out>(p: QuantizeParams, input: usize, output: usize, lo: i32, hi: i32): void {
  const inputZeroPoint = p.inputZeroPoint;
  const outputZeroPoint = p.outputZeroPoint;
  const multiplier = p.multiplier;
  const shift = p.shift;
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<In>(input + <usize>i * sizeof<In>()) - inputZeroPoint;
    let q = multiplyByQuantizedMultiplier(x, multiplier, shift) + outputZeroPoint;
    q = q < lo ? lo : (q > hi ? hi : q);
    store<Out>(output + <usize>i * sizeof<Out>(), <Out>q);
  }
}

export function requantizeInt8ToInt8(p: QuantizeParams, input: usize, output: usize): void { requantize<i8, i8>(p, input, output, -128, 127); }
export function requantizeInt8ToUint8(p: QuantizeParams, input: usize, output: usize): void { requantize<i8, u8>(p, input, output, 0, 255); }
export function requantizeInt8ToInt16(p: QuantizeParams, input: usize, output: usize): void { requantize<i8, i16>(p, input, output, -32768, 32767); }
export function requantizeInt8ToInt32(p: QuantizeParams, input: usize, output: usize): void { requantize<i8, i32>(p, input, output, i32.MIN_VALUE, i32.MAX_VALUE); }
export function requantizeUint8ToInt8(p: QuantizeParams, input: usize, output: usize): void { requantize<u8, i8>(p, input, output, -128, 127); }
export function requantizeInt16ToInt8(p: QuantizeParams, input: usize, output: usize): void { requantize<i16, i8>(p, input, output, -128, 127); }
export function requantizeInt16ToInt16(p: QuantizeParams, input: usize, output: usize): void { requantize<i16, i16>(p, input, output, -32768, 32767); }
export function requantizeInt16ToInt32(p: QuantizeParams, input: usize, output: usize): void { requantize<i16, i32>(p, input, output, i32.MIN_VALUE, i32.MAX_VALUE); }
export function requantizeInt32ToInt8(p: QuantizeParams, input: usize, output: usize): void { requantize<i32, i8>(p, input, output, -128, 127); }
export function requantizeInt32ToInt16(p: QuantizeParams, input: usize, output: usize): void { requantize<i32, i16>(p, input, output, -32768, 32767); }
