// SUB, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { subInt8, subInt16, subInt32, subFloat32 } from "../kernels-scalar/sub";
