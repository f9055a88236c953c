// signal_rfft, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalRfftInt16 } from "../kernels-scalar/signal_rfft";
