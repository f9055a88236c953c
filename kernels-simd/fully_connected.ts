// FULLY_CONNECTED, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { fullyConnectedInt8, fullyConnectedInt16, fullyConnectedFloat32 } from "../kernels-scalar/fully_connected";
