// DEQUANTIZE reference kernels (TFLM reference_ops Dequantize): scale * (q - zero point),
// the difference converted to float and multiplied in float.

@unmanaged
export class DequantizeParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
  scale: f32;
  zeroPoint: i32;
}

// @ts-ignore: decorator
@inline function dequantize<T>(p: DequantizeParams, input: usize, output: usize): void {
  const scale = p.scale;
  const zeroPoint = p.zeroPoint;
  const n = p.count;
  for (let i = 0; i < n; i++) {
    store<f32>(output + (<usize>i << 2), scale * <f32>(<i32>load<T>(input + <usize>i * sizeof<T>()) - zeroPoint));
  }
}

export function dequantizeInt8(p: DequantizeParams, input: usize, output: usize): void { dequantize<i8>(p, input, output); }
export function dequantizeUint8(p: DequantizeParams, input: usize, output: usize): void { dequantize<u8>(p, input, output); }
export function dequantizeInt16(p: DequantizeParams, input: usize, output: usize): void { dequantize<i16>(p, input, output); }
