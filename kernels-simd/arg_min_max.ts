// ARG_MAX / ARG_MIN, SIMD set: the scalar kernel.

export { ArgMinMaxParams, argMinMax } from "../kernels-scalar/arg_min_max";
