// LOGICAL_AND / LOGICAL_OR, SIMD set: the scalar reference until a SIMD kernel is written.

export { logicalAnd, logicalOr } from "../kernels-scalar/logical";
