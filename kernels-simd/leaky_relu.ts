// LEAKY_RELU, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { leakyReluFloat32, leakyReluInt8, leakyReluInt16 } from "../kernels-scalar/leaky_relu";
