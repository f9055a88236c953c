// SHAPE and BROADCAST_ARGS, SIMD set: the scalar kernels.

export { shape, broadcastArgs } from "../kernels-scalar/shape";
