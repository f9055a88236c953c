// signal_energy, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalEnergy } from "../kernels-scalar/signal_energy";
