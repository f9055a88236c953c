// ELU, SIMD set: the scalar reference (expm1 and a table lookup do not vectorise exactly).

export { eluFloat32, eluInt8 } from "../kernels-scalar/elu";
