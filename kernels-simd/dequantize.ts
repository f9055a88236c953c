// DEQUANTIZE, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { dequantizeInt8, dequantizeUint8, dequantizeInt16 } from "../kernels-scalar/dequantize";
