// signal_filter_bank_spectral_subtraction, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalSpectralSubtraction } from "../kernels-scalar/signal_filter_bank_spectral_subtraction";
