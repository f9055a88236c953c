// signal_delay, SIMD set: the scalar reference (block copies only).

export { signalDelay } from "../kernels-scalar/signal_delay";
