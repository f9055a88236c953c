// SOFTMAX, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { softmaxInt8, softmaxInt8Int16, softmaxInt16, softmaxFloat32 } from "../kernels-scalar/softmax";
