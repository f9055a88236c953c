// Output sizes and implicit padding of windowed ops (conv, depthwise conv, pooling), with
// TFLM's arithmetic (kernels/padding.h): the padding depends on the computed output size,
// never on the model's output shape. Results go to globals (no allocation).

import { Padding } from "../schema/tflite";

/** Output extent along one axis (TFLM ComputeOutSize); 0 for stride 0 or an unknown padding. */
export function computeOutSize(padding: i32, inSize: i32, filterSize: i32, stride: i32, dilation: i32 = 1): i32 {
  const effectiveFilter = (filterSize - 1) * dilation + 1;
  if (stride == 0) return 0;
  if (padding == Padding.SAME) return (inSize + stride - 1) / stride;
  if (padding == Padding.VALID) return (inSize + stride - effectiveFilter) / stride;
  return 0;
}

/** Set by computePaddingWithOffset: 1 when the total padding is odd (the extra goes after). */
export let paddingOffset: i32 = 0;

/** Padding before the first element along one axis (TFLM ComputePaddingWithOffset). */
export function computePaddingWithOffset(stride: i32, dilation: i32, inSize: i32, filterSize: i32, outSize: i32): i32 {
  const effectiveFilter = (filterSize - 1) * dilation + 1;
  let total = (outSize - 1) * stride + effectiveFilter - inSize;
  if (total < 0) total = 0;
  paddingOffset = total % 2;
  return total / 2;
}

/** TFLM ComputePadding: the same padding without the offset. */
export function computePadding(stride: i32, dilation: i32, inSize: i32, filterSize: i32, outSize: i32): i32 {
  return computePaddingWithOffset(stride, dilation, inSize, filterSize, outSize);
}

// Results of computePaddingHeightWidth.
export let padHeight: i32 = 0;
export let padWidth: i32 = 0;
export let padHeightOffset: i32 = 0;
export let padWidthOffset: i32 = 0;
export let outHeight: i32 = 0;
export let outWidth: i32 = 0;

/**
 * TFLM ComputePaddingHeightWidth: sets outHeight/outWidth (from the padding rule) and
 * padHeight/padWidth (+ offsets). Callers compare outHeight/outWidth with the model's shape.
 */
export function computePaddingHeightWidth(strideHeight: i32, strideWidth: i32, dilationHeight: i32, dilationWidth: i32,
                                          inHeight: i32, inWidth: i32, filterHeight: i32, filterWidth: i32,
                                          padding: i32): void {
  outWidth = computeOutSize(padding, inWidth, filterWidth, strideWidth, dilationWidth);
  outHeight = computeOutSize(padding, inHeight, filterHeight, strideHeight, dilationHeight);
  padHeight = computePaddingWithOffset(strideHeight, dilationHeight, inHeight, filterHeight, outHeight);
  padHeightOffset = paddingOffset;
  padWidth = computePaddingWithOffset(strideWidth, dilationWidth, inWidth, filterWidth, outWidth);
  padWidthOffset = paddingOffset;
}
