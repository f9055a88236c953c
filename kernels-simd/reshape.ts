// RESHAPE, SIMD set: a byte copy either way.

export { reshape } from "../kernels-scalar/reshape";
