// signal_window, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalWindow } from "../kernels-scalar/signal_window";
