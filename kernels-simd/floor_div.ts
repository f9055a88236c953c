// FLOOR_DIV, SIMD set: the scalar reference until a SIMD kernel is written.

export { floorDivFloat32 } from "../kernels-scalar/floor_div";
