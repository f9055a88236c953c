// BATCH_TO_SPACE_ND, SIMD set: the scalar kernel (pixels move with memory.copy).

export { BatchToSpaceParams, batchToSpaceNd } from "../kernels-scalar/batch_to_space_nd";
