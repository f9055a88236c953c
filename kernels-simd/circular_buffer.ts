// CIRCULAR_BUFFER, SIMD set: the kernel is two memory.copy calls already.

export { circularBufferInt8 } from "../kernels-scalar/circular_buffer";
