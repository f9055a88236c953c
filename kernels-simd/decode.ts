// decode, SIMD set: the scalar reference until a SIMD kernel is written.

export { decodeLut } from "../kernels-scalar/decode";
