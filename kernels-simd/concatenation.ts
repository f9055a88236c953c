// CONCATENATION, SIMD set: the scalar copy until a SIMD kernel is written.

export { concatenateInput } from "../kernels-scalar/concatenation";
