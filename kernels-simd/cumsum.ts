// CUMSUM, SIMD set: the scalar kernels.

export { CumSumParams, cumSumFloat32, cumSumInt8 } from "../kernels-scalar/cumsum";
