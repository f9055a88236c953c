// LOG_SOFTMAX, SIMD set: the scalar kernels.

export { LogSoftmaxParams, logSoftmaxFloat32, logSoftmaxInt8 } from "../kernels-scalar/log_softmax";
