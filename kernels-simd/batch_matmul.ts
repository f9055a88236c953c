// BATCH_MATMUL, SIMD set: the scalar kernels.

export { BatchMatMulParams, batchMatMulFloat32, batchMatMulInt8, batchMatMulInt16 } from "../kernels-scalar/batch_matmul";
