// L2_POOL_2D, SIMD set: the scalar kernel.

export { l2Pool2dFloat32 } from "../kernels-scalar/l2_pool2d";
