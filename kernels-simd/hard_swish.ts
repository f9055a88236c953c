// HARD_SWISH, SIMD set: the scalar reference until a SIMD kernel is written.

export { hardSwishFloat32, hardSwishInt8 } from "../kernels-scalar/hard_swish";
