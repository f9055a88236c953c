// DIV, SIMD set: the scalar reference until a SIMD kernel is written.

export { divInt32, divFloat32, divInt8 } from "../kernels-scalar/div";
