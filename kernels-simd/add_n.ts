// ADD_N, SIMD set: the scalar reference until a SIMD kernel is written.

export { addNFloat32, addNInt8 } from "../kernels-scalar/add_n";
