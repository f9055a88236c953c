// MAXIMUM / MINIMUM, SIMD set: the scalar reference until a SIMD kernel is written.

export { maximum, minimum } from "../kernels-scalar/maximum_minimum";
