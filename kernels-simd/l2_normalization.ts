// L2_NORMALIZATION, SIMD set: the scalar kernels.

export { L2NormParams, l2NormalizationFloat32, l2NormalizationInt8 } from "../kernels-scalar/l2_normalization";
