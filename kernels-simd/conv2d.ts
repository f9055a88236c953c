// CONV_2D, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { conv2dInt8, conv2dInt16Acc32, conv2dInt16Acc64, conv2dFloat32 } from "../kernels-scalar/conv2d";
