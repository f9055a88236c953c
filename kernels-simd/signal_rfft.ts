// signal_rfft, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalRfftInt16, signalRfftInt32, signalRfftFloat } from "../kernels-scalar/signal_rfft";
