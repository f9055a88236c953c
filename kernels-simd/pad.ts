// PAD / PADV2, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { pad } from "../kernels-scalar/pad";
