// LOGISTIC, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { logisticFloat32, logisticInt8, logisticInt16, sigmoidInt16Block, sigmoidFloat32Block } from "../kernels-scalar/logistic";
