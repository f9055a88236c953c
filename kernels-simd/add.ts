// ADD, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { addInt8, addInt16, addInt32, addFloat32 } from "../kernels-scalar/add";
