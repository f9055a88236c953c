// AVERAGE_POOL_2D, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { averagePool2dInt8, averagePool2dInt16, averagePool2dFloat32 } from "../kernels-scalar/average_pool2d";
