// signal_filter_bank, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalFilterBank } from "../kernels-scalar/signal_filter_bank";
