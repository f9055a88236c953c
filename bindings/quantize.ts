// quantize() / dequantize(): real values to a tensor's integers and back, with the arithmetic
// of TFLM's QUANTIZE op (re-exported by index.ts).

import { MicroliteError } from './errors.js';
import type { DType, TensorData } from './types.js';

export type QuantizedArray = Int8Array | Int16Array | Uint8Array | Int32Array;
const Q_RANGES: Record<string, [number, number, new (n: number) => QuantizedArray]> = {
  int8: [-128, 127, Int8Array], uint8: [0, 255, Uint8Array], int16: [-32768, 32767, Int16Array], int32: [-2147483648, 2147483647, Int32Array],
};

/**
 * Quantizes real values for `tensor`: q = round(x / scale) + zeroPoint, rounding halves away from
 * zero and saturating to the dtype, as TFLM's QUANTIZE op does. The result can be passed to
 * {@link Tensor.set}.
 * @throws {MicroliteError} when `tensor` is not a quantized integer tensor.
 */
export function quantize(values: ArrayLike<number>, tensor: { dtype: DType; scale: number; zeroPoint: number }): QuantizedArray {
  const r = Q_RANGES[tensor.dtype];
  if (!r || !(tensor.scale > 0)) throw new MicroliteError(`quantize needs a quantized integer tensor, got ${tensor.dtype} with scale ${tensor.scale}`);
  const out = new r[2](values.length);
  const scale = Math.fround(tensor.scale);
  for (let i = 0; i < values.length; i++) {
    // As TFLM's QUANTIZE: the division in float32, halves rounded away from zero, and values
    // that do not fit an int32 (or NaN) converted the way TFLM's build does: to INT32_MIN.
    const x = Math.fround(Math.fround(values[i]) / scale);
    const q = x < 0 ? -Math.round(-x) : Math.round(x);
    const v = Math.abs(q) < 2147483648 ? q + tensor.zeroPoint : (tensor.zeroPoint - 2147483648) | 0;
    out[i] = v < r[0] ? r[0] : v > r[1] ? r[1] : v;
  }
  return out;
}

/**
 * Real values of a tensor: (q - zeroPoint) * scale for a quantized tensor; a copy of the data for
 * a float32 tensor.
 * @throws {MicroliteError} when the tensor is neither float32 nor quantized.
 */
export function dequantize(tensor: { data: TensorData; dtype: DType; scale: number; zeroPoint: number }): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return Float32Array.from(data);
  if (!(tensor.scale > 0)) throw new MicroliteError(`dequantize needs a quantized tensor (scale > 0), got ${tensor.dtype}`);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (Number(data[i]) - tensor.zeroPoint) * tensor.scale;
  return out;
}
