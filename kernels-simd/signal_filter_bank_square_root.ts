// signal_filter_bank_square_root, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalFilterBankSquareRoot } from "../kernels-scalar/signal_filter_bank_square_root";
