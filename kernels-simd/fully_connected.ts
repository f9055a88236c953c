// FULLY_CONNECTED, SIMD set. int8: one batch through ./gemv (8 channels per tile, the row
// widened once), more batches through the GEMM microkernel of ./gemm (batches x output channels,
// weights read in place); float32: 4 output channels per f32x4, each lane summing in the
// reference order (./gemm_float), bit-identical to the scalar kernel. Cases not covered
// (int16, a filter zero point, depth < 8, zero points or activation ranges outside int8) run
// the scalar kernel; the prepare picks.

import { FullyConnectedParams } from "../kernels-scalar/fully_connected";
import * as scalar from "../kernels-scalar/fully_connected";
import { DType } from "../assembly/schema/tflite";
import { gemmAllOffset } from "./gemm";
import { gemvFits, gemvRow } from "./gemv";
import { dotFloat4, storeFloat4, loadBias4 } from "./gemm_float";
import { SIMD_COMPACT } from "../assembly/config";

export { fullyConnectedInt16 } from "../kernels-scalar/fully_connected";

// Paths, kept in FullyConnectedParams.packed (kernel-private).
const PATH_SCALAR: usize = 0;
const PATH_INT8: usize = 1;
const PATH_FLOAT: usize = 2;

/** Chooses the kernel path (nothing is allocated: the weights are used as they are). */
export function fullyConnectedPrepare(p: FullyConnectedParams): bool {
  p.packed = PATH_SCALAR;
  if (p.type == DType.FLOAT32) {
    p.packed = PATH_FLOAT;
  } else if (p.type == DType.INT8) {
    const zeroPoint = -p.inputOffset;
    if (p.filterOffset == 0 && p.accumDepth >= 8 && zeroPoint >= -128 && zeroPoint <= 127 &&
        p.outputOffset >= -128 && p.outputOffset <= 127 &&
        p.actMin >= -128 && p.actMin <= p.actMax && p.actMax <= 127) {
      p.packed = PATH_INT8;
    }
  }
  return true;
}

/** int8 x int8 -> int8, int32 bias (may be 0). */
export function fullyConnectedInt8(p: FullyConnectedParams, input: usize, filter: usize, bias: usize, output: usize): void {
  if (p.packed != PATH_INT8) {
    scalar.fullyConnectedInt8(p, input, filter, bias, output);
    return;
  }
  if (gemvFits(p.accumDepth) && (p.batches == 1 || SIMD_COMPACT)) {
    // (The compact build, ../assembly/config, takes batches one row at a time.)
    for (let b = 0; b < p.batches; b++) {
      gemvRow(input + <usize>b * <usize>p.accumDepth, output + <usize>b * <usize>p.outputDepth, filter, p.accumDepth, p.outputDepth,
              bias, p.channelMultipliers, p.channelShifts, p.multiplier, p.shift, p.inputOffset, p.outputOffset, p.actMin, p.actMax);
    }
    return;
  }
  if (SIMD_COMPACT) {
    scalar.fullyConnectedInt8(p, input, filter, bias, output);
    return;
  }
  gemmAllOffset(p.batches, input, <usize>p.accumDepth, output, <usize>p.outputDepth, filter, p.accumDepth, p.outputDepth,
                bias, p.channelMultipliers, p.channelShifts, p.multiplier, p.shift, p.inputOffset, p.outputOffset, p.actMin, p.actMax);
}

/** float32, float bias (may be 0). */
export function fullyConnectedFloat32(p: FullyConnectedParams, input: usize, filter: usize, bias: usize, output: usize): void {
  if (p.packed != PATH_FLOAT) {
    scalar.fullyConnectedFloat32(p, input, filter, bias, output);
    return;
  }
  const depth = p.accumDepth;
  const outDepth = p.outputDepth;
  const rowBytes = <usize>depth << 2;
  const lo = f32x4.splat(p.actMinF);
  const hi = f32x4.splat(p.actMaxF);
  for (let n = 0; n < outDepth; n += 4) {
    const count = min(outDepth - n, 4);
    const w0 = filter + <usize>n * rowBytes;
    const w1 = count > 1 ? w0 + rowBytes : w0;
    const w2 = count > 2 ? w1 + rowBytes : w1;
    const w3 = count > 3 ? w2 + rowBytes : w2;
    const biasV = loadBias4(bias, n, count);
    for (let b = 0; b < p.batches; b++) {
      const acc = dotFloat4(f32x4.splat(0), input + <usize>b * rowBytes, w0, w1, w2, w3, depth);
      storeFloat4(output + ((<usize>b * <usize>outDepth + <usize>n) << 2), acc, biasV, lo, hi, count);
    }
  }
}
