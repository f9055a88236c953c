// signal_stacker, SIMD set: the scalar reference (block copies only).

export { signalStacker, signalStackerReset } from "../kernels-scalar/signal_stacker";
