// MAX_POOL_2D, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { maxPool2dInt8, maxPool2dInt16, maxPool2dFloat32 } from "../kernels-scalar/max_pool2d";
