// MUL, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { mulInt8, mulInt16, mulInt32, mulFloat32 } from "../kernels-scalar/mul";
