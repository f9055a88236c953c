// signal_fft_auto_scale, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalFftAutoScale } from "../kernels-scalar/signal_fft_auto_scale";
