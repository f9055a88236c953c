// MEAN, SUM, REDUCE_MAX, SIMD set: the scalar kernels.

export { ReduceParams, ReduceKind, ReduceFinish, reduce } from "../kernels-scalar/reduce";
