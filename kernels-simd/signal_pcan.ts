// signal_pcan, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalPcan } from "../kernels-scalar/signal_pcan";
