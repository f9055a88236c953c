// DEPTHWISE_CONV_2D, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { depthwiseConv2dInt8, depthwiseConv2dInt16, depthwiseConv2dFloat32 } from "../kernels-scalar/depthwise_conv2d";
