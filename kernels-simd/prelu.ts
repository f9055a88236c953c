// PRELU, SIMD set: the scalar reference until a SIMD kernel is written.

export { preluFloat32, preluInt8, preluInt16 } from "../kernels-scalar/prelu";
