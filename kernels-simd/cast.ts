// CAST, SIMD set: the scalar reference until a SIMD kernel is written.

export { cast } from "../kernels-scalar/cast";
