// signal_filter_bank_log, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalFilterBankLog } from "../kernels-scalar/signal_filter_bank_log";
