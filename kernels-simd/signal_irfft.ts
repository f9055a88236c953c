// signal_irfft, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalIrfftInt16, signalIrfftInt32, signalIrfftFloat } from "../kernels-scalar/signal_irfft";
