// RESIZE_BILINEAR, SIMD set: the scalar kernels.

export { ResizeBilinearParams, resizeBilinearFloat32, resizeBilinearInt8 } from "../kernels-scalar/resize_bilinear";
