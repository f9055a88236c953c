// GATHER_ND, SIMD set: the scalar kernel (slices are moved with memory.copy).

export { GatherNdParams, gatherNd, MAX_INDICES_ND } from "../kernels-scalar/gather_nd";
