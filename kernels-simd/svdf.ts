// SVDF, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { svdfInt8StateInt16, svdfInt8StateInt8, svdfFloat32 } from "../kernels-scalar/svdf";
