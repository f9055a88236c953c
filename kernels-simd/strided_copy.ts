// Element moves, SIMD set: the scalar kernels (memory.copy does the bulk).

export { StridedCopyParams, stridedCopy, copyBlocks, COPY_AXES } from "../kernels-scalar/strided_copy";
