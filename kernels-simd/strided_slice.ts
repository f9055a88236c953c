// STRIDED_SLICE, SIMD set: the scalar copy until a SIMD kernel is written.

export { stridedSlice } from "../kernels-scalar/strided_slice";
