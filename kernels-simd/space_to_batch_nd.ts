// SPACE_TO_BATCH_ND, SIMD set: the scalar kernel (pixels move with memory.copy).

export { SpaceToBatchParams, spaceToBatchNd } from "../kernels-scalar/space_to_batch_nd";
