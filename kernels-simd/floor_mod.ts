// FLOOR_MOD, SIMD set: the scalar reference until a SIMD kernel is written.

export { floorModFloat32 } from "../kernels-scalar/floor_mod";
