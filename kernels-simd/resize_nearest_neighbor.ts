// RESIZE_NEAREST_NEIGHBOR, SIMD set: the scalar kernel (pixels move with memory.copy).

export { ResizeNearestParams, resizeNearestNeighbor } from "../kernels-scalar/resize_nearest_neighbor";
