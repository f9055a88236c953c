// FILL and ZEROS_LIKE, SIMD set: the scalar kernels.

export { fill, zerosLike } from "../kernels-scalar/fill";
