// MAX_POOL_2D reference kernels (TFLM reference_ops / reference_integer_ops MaxPool). NHWC;
// windows are clipped to the input. Parameters and the window walk are AVERAGE_POOL_2D's
// (poolWindows in ./average_pool2d.ts).

import { Pool2DParams, poolWindows, POOL_MAX } from "./average_pool2d";
export { Pool2DParams };

export function maxPool2dInt8(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<i8>(p, input, output, POOL_MAX);
}

export function maxPool2dInt16(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<i16>(p, input, output, POOL_MAX);
}

/** float32: starts at the lowest finite float; a NaN input never replaces the maximum. */
export function maxPool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  poolWindows<f32>(p, input, output, POOL_MAX);
}
