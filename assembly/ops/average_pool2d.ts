// AVERAGE_POOL_2D: options, checks and activation range (TFLM pooling.cc / pooling_common.cc).
// preparePool2D is shared with MAX_POOL_2D (same options, same checks).

import { Subgraph, Node, dim, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8, fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, opFail, opError, checkRank, inputData, outputData, allocOpData,
} from "./registry";
import { prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { activationRangeQuantized, activationRangeFloat, actMin, actMax, actMinF, actMaxF } from "./quantization";
import { computePaddingHeightWidth, padHeight, padWidth, outHeight, outWidth } from "./padding";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/average_pool2d";
import * as simd from "../../kernels-simd/average_pool2d";
import { Pool2DParams } from "../../kernels-scalar/average_pool2d";

// Pool2DOptions field ids.
const OPT_PADDING = 0;
const OPT_STRIDE_W = 1;
const OPT_STRIDE_H = 2;
const OPT_FILTER_W = 3;
const OPT_FILTER_H = 4;
const OPT_ACTIVATION = 5;

/**
 * True when every window along one axis holds at least one input element (the kernels
 * divide by the window's size and never read outside the input).
 */
function windowsInside(inSize: i32, outSize: i32, filter: i32, stride: i32, pad: i32): bool {
  for (let i = 0; i < outSize; i++) {
    const origin = <i64>i * <i64>stride - <i64>pad;
    const start: i64 = origin < 0 ? -origin : 0;
    const end: i64 = min(<i64>filter, <i64>inSize - origin);
    if (start >= end) return false;
  }
  return true;
}

/** Parses Pool2DOptions, checks shapes and dtypes, and fills Pool2DParams in op data. */
export function preparePool2D(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (!checkRank(node, "input", input, 4) || !checkRank(node, "output", output, 4)) return false;

  const batches = dim(input, 0);
  const inHeight = dim(input, 1);
  const inWidth = dim(input, 2);
  const depth = dim(input, 3);
  if (batches <= 0 || inHeight <= 0 || inWidth <= 0 || depth <= 0) return opFail(node, "input dimensions must be positive");
  if (dim(output, 0) != batches || dim(output, 3) != depth) return opFail(node, "output batches or channels differ from the input's");

  const options = nodeOptions(node);
  const padding = fbI8(options, OPT_PADDING, 0);
  const strideW = fbI32(options, OPT_STRIDE_W, 0);
  const strideH = fbI32(options, OPT_STRIDE_H, 0);
  const filterW = fbI32(options, OPT_FILTER_W, 0);
  const filterH = fbI32(options, OPT_FILTER_H, 0);
  const activation = fbI8(options, OPT_ACTIVATION, 0);
  if (padding != 0 && padding != 1) {
    if (opError(node, "padding ")) { errInt(padding); errStr(" is not supported (SAME or VALID)"); }
    return false;
  }
  if (strideW <= 0 || strideH <= 0) return opFail(node, "strides must be positive");
  if (filterW <= 0 || filterH <= 0) return opFail(node, "filter size must be positive");

  computePaddingHeightWidth(strideH, strideW, 1, 1, inHeight, inWidth, filterH, filterW, padding);
  if (dim(output, 1) != outHeight || dim(output, 2) != outWidth) {
    if (opError(node, "output is ")) {
      errInt(dim(output, 1)); errStr("x"); errInt(dim(output, 2)); errStr(", the pooling gives ");
      errInt(outHeight); errStr("x"); errInt(outWidth);
    }
    return false;
  }
  if (!windowsInside(inHeight, outHeight, filterH, strideH, padHeight) ||
      !windowsInside(inWidth, outWidth, filterW, strideW, padWidth)) {
    return opFail(node, "a pooling window lies entirely in the padding");
  }

  const p = changetype<Pool2DParams>(allocOpData(node, offsetof<Pool2DParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.batches = batches;
  p.inHeight = inHeight;
  p.inWidth = inWidth;
  p.depth = depth;
  p.outHeight = outHeight;
  p.outWidth = outWidth;
  p.strideHeight = strideH;
  p.strideWidth = strideW;
  p.filterHeight = filterH;
  p.filterWidth = filterW;
  p.padHeight = padHeight;
  p.padWidth = padWidth;

  if (type == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return true;
  }
  // Pooling passes quantized values through: input and output must share scale and zero point.
  if (input.quantized == 0 || output.quantized == 0) return opFail(node, "quantized tensors need scale and zero point");
  if (Math.abs(<f64>input.scale - <f64>output.scale) > 1.0e-6) return opFail(node, "input and output scales differ");
  if (input.zeroPoint != output.zeroPoint) return opFail(node, "input and output zero points differ");
  if (!activationRangeQuantized(node, activation, output)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return true;
}

function evalAveragePool2D(sg: Subgraph, node: Node): bool {
  const p = changetype<Pool2DParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.averagePool2dInt8(p, input, output);
    else scalar.averagePool2dInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.averagePool2dInt16(p, input, output);
    else scalar.averagePool2dInt16(p, input, output);
  } else {
    if (SIMD) simd.averagePool2dFloat32(p, input, output);
    else scalar.averagePool2dFloat32(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const AveragePool2D = new OpRegistration(preparePool2D, evalAveragePool2D);
