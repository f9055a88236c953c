// signal_framer, SIMD set: the scalar reference (block copies only).

export { signalFramer, signalFramerReset } from "../kernels-scalar/signal_framer";
