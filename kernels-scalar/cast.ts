// CAST reference kernel: static_cast of every element (integers wrap, floats truncate toward
// zero; out-of-range floats saturate instead of trapping, where C++ is undefined).

import { DType } from "../assembly/schema/tflite";

// @ts-ignore: decorator
@inline function castLoop<From, To>(input: usize, output: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = load<From>(input + <usize>i * sizeof<From>());
    let r: To;
    if (isBoolean<To>()) r = <To>(v != 0);
    else if (isFloat<From>() && isInteger<To>() && sizeof<To>() < 4) r = <To><i32>v; // via int, as gcc does
    else r = <To>v;
    store<To>(output + <usize>i * sizeof<To>(), r);
  }
}

function castFrom<From>(outType: i32, input: usize, output: usize, n: i32): void {
  switch (outType) {
    case DType.INT8: castLoop<From, i8>(input, output, n); break;
    case DType.UINT8: castLoop<From, u8>(input, output, n); break;
    case DType.INT16: castLoop<From, i16>(input, output, n); break;
    case DType.UINT16: castLoop<From, u16>(input, output, n); break;
    case DType.INT32: castLoop<From, i32>(input, output, n); break;
    case DType.UINT32: castLoop<From, u32>(input, output, n); break;
    case DType.INT64: castLoop<From, i64>(input, output, n); break;
    case DType.FLOAT32: castLoop<From, f32>(input, output, n); break;
    case DType.BOOL: castLoop<From, bool>(input, output, n); break;
  }
}

/** Casts n elements from inType to outType (both among castSupported). */
export function cast(inType: i32, outType: i32, input: usize, output: usize, n: i32): void {
  switch (inType) {
    case DType.INT8: castFrom<i8>(outType, input, output, n); break;
    case DType.UINT8: castFrom<u8>(outType, input, output, n); break;
    case DType.BOOL: castFrom<u8>(outType, input, output, n); break;
    case DType.INT16: castFrom<i16>(outType, input, output, n); break;
    case DType.UINT16: castFrom<u16>(outType, input, output, n); break;
    case DType.INT32: castFrom<i32>(outType, input, output, n); break;
    case DType.UINT32: castFrom<u32>(outType, input, output, n); break;
    case DType.INT64: castFrom<i64>(outType, input, output, n); break;
    case DType.FLOAT32: castFrom<f32>(outType, input, output, n); break;
  }
}

/** The dtypes cast() handles, as input or output. */
export function castSupported(t: i32): bool {
  return t == DType.INT8 || t == DType.UINT8 || t == DType.BOOL || t == DType.INT16 || t == DType.UINT16 ||
    t == DType.INT32 || t == DType.UINT32 || t == DType.INT64 || t == DType.FLOAT32;
}
