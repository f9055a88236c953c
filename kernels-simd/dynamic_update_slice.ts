// dynamic_update_slice, SIMD set: the scalar reference (row copies are memory.copy already).

export { dynamicUpdateSlice } from "../kernels-scalar/dynamic_update_slice";
