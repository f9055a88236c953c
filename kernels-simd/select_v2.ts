// SELECT_V2, SIMD set: the scalar reference until a SIMD kernel is written.

export { selectV2 } from "../kernels-scalar/select_v2";
