// GATHER, SIMD set: the scalar kernel (slices are moved with memory.copy).

export { GatherParams, gather } from "../kernels-scalar/gather";
