// TRANSPOSE_CONV, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { transposeConvInt8, transposeConvInt16, transposeConvFloat32 } from "../kernels-scalar/transpose_conv";
