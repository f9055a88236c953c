// TANH, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { tanhFloat32, tanhInt8, tanhInt16, tanhInt16Block, tanhFloat32Block } from "../kernels-scalar/tanh";
