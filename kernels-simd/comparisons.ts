// Comparisons, SIMD set: the scalar reference until a SIMD kernel is written.

export { compare } from "../kernels-scalar/comparisons";
