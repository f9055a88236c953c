// signal_overlap_add, SIMD set: the scalar reference until a SIMD kernel is written.

export { signalOverlapAddInt16, signalOverlapAddFloat } from "../kernels-scalar/signal_overlap_add";
