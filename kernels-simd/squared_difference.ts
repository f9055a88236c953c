// SQUARED_DIFFERENCE, SIMD set: the scalar reference until a SIMD kernel is written.

export { squaredDifference } from "../kernels-scalar/squared_difference";
