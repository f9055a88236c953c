// TRANSPOSE_CONV: options, checks and quantization (TFLM transpose_conv.cc semantics).
// Inputs: output_shape (ignored: the output tensor's shape is used, as TFLM does), filter
// (OHWI), input (NHWC), optional bias. float32 x float32 with float32 bias; int8 x int8
// per-channel with int32 bias; int16 x int8 with int64 (or int16) bias.
// TFLM computes the padding from the output size and does not relate the input size to it:
// input pixels whose window falls outside the output are skipped. Its quantized kernels ignore
// the fused activation (they clamp to the output dtype's range), and so do these.

import { Subgraph, Node, dim, elementCount, nodeOptions } from "../graph";
import { DType, Activation } from "../schema/tflite";
import { fbI8, fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType, checkRank, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { activationRangeQuantized, activationRangeFloat, actMin, actMax, actMinF, actMaxF } from "./quantization";
import { computePaddingHeightWidth, padHeight, padWidth } from "./padding";
import { checkPositiveDims, prepareChannelMultipliers, channelMultipliersAddr, channelShiftsAddr } from "./conv2d";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/transpose_conv";
import * as simd from "../../kernels-simd/transpose_conv";
import { TransposeConvParams } from "../../kernels-scalar/transpose_conv";

// TransposeConvOptions field ids.
const OPT_PADDING = 0;
const OPT_STRIDE_W = 1;
const OPT_STRIDE_H = 2;
const OPT_ACTIVATION = 3;
// quantized_bias_type (4) only records what the bias tensor's dtype already says.

// Input indices.
const FILTER = 1;
const INPUT = 2;
const BIAS = 3;

// Bound for sizes and strides: keeps every coordinate the kernels compute inside i32.
const GEOMETRY_LIMIT: i32 = 1 << 28;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 3, 4, 1)) return false;
  const filter = requireInput(sg, node, FILTER);
  const input = requireInput(sg, node, INPUT);
  if (filter === null || input === null) return false;
  const bias = getInput(sg, node, BIAS);
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const options = nodeOptions(node);
  const padding = <i32>fbI8(options, OPT_PADDING, 0);
  const strideW = fbI32(options, OPT_STRIDE_W, 0);
  const strideH = fbI32(options, OPT_STRIDE_H, 0);
  const activation = <i32>fbI8(options, OPT_ACTIVATION, 0);

  const inType = <i32>input.type;
  const fType = <i32>filter.type;
  if (inType != <i32>output.type) return opFail(node, "input and output dtypes differ");
  if (inType != DType.FLOAT32 && inType != DType.INT8 && inType != DType.INT16) return opFailType(node, "input", input);
  if (inType == DType.FLOAT32 && fType != DType.FLOAT32) return opFail(node, "hybrid models (float32 input with quantized weights) are not supported, as in TFLM");
  if (inType != DType.FLOAT32 && fType != DType.INT8) return opFailType(node, "filter", filter);

  if (!checkRank(node, "input", input, 4) || !checkRank(node, "filter", filter, 4) || !checkRank(node, "output", output, 4)) return false;
  if (!checkPositiveDims(node, "input", input) || !checkPositiveDims(node, "filter", filter) || !checkPositiveDims(node, "output", output)) return false;
  const batches = dim(input, 0);
  const inDepth = dim(input, 3);
  const outDepth = dim(output, 3);
  if (dim(output, 0) != batches) return opFail(node, "input and output batch sizes differ");
  if (dim(filter, 0) != outDepth) return opFail(node, "filter output channels (dimension 0) differ from the output's channels");
  if (dim(filter, 3) != inDepth) return opFail(node, "filter input channels (dimension 3) differ from the input's channels");
  if (padding != 0 && padding != 1) {
    if (opError(node, "padding ")) { errInt(padding); errStr(" is not supported (SAME or VALID)"); }
    return false;
  }
  if (strideH < 1 || strideW < 1 || strideH > GEOMETRY_LIMIT || strideW > GEOMETRY_LIMIT) {
    if (opError(node, "strides must be in 1..2^28, are ")) { errInt(strideH); errStr(" x "); errInt(strideW); }
    return false;
  }
  const outH = dim(output, 1), outW = dim(output, 2);
  const filterH = dim(filter, 1), filterW = dim(filter, 2);
  if (outH > GEOMETRY_LIMIT || outW > GEOMETRY_LIMIT || filterH > GEOMETRY_LIMIT || filterW > GEOMETRY_LIMIT) {
    return opFail(node, "output or filter is too large");
  }
  // As TFLM: the padding of a convolution whose input is this op's output (dilation 1).
  computePaddingHeightWidth(strideH, strideW, 1, 1, outH, outW, filterH, filterW, padding);

  let shortBias = 0;
  if (bias !== null) {
    const bType = <i32>bias.type;
    if (inType == DType.FLOAT32 && bType != DType.FLOAT32) return opFailType(node, "bias", bias);
    if (inType == DType.INT8 && bType != DType.INT32) return opFailType(node, "bias", bias);
    if (inType == DType.INT16) {
      if (bType == DType.INT16) shortBias = 1;
      else if (bType != DType.INT64) return opFailType(node, "bias", bias);
    }
    if (elementCount(bias) != outDepth) return opFail(node, "bias length differs from the output channels");
  }

  const p = changetype<TransposeConvParams>(allocOpData(node, offsetof<TransposeConvParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = inType;
  p.shortBias = shortBias;
  p.batches = batches;
  p.inHeight = dim(input, 1);
  p.inWidth = dim(input, 2);
  p.inDepth = inDepth;
  p.filterHeight = filterH;
  p.filterWidth = filterW;
  p.outHeight = outH;
  p.outWidth = outW;
  p.outDepth = outDepth;
  p.strideHeight = strideH;
  p.strideWidth = strideW;
  p.padHeight = padHeight;
  p.padWidth = padWidth;

  if (inType == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return true;
  }
  if (!prepareChannelMultipliers(node, input, filter, output, outDepth)) return false;
  p.channelMultipliers = channelMultipliersAddr;
  p.channelShifts = channelShiftsAddr;
  // TFLM's int8 kernel ignores the filter zero point; its int16 kernel ignores all zero points.
  p.inputOffset = -input.zeroPoint;
  p.outputOffset = output.zeroPoint;
  if (!activationRangeQuantized(node, Activation.NONE, output)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return true;
}

function evalTransposeConv(sg: Subgraph, node: Node): bool {
  const p = changetype<TransposeConvParams>(node.opData);
  const filter = inputData(sg, node, FILTER);
  const input = inputData(sg, node, INPUT);
  const bias = inputData(sg, node, BIAS);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT16) {
    if (SIMD) simd.transposeConvInt16(p, input, filter, bias, output);
    else scalar.transposeConvInt16(p, input, filter, bias, output);
  } else if (type == DType.INT8) {
    if (SIMD) simd.transposeConvInt8(p, input, filter, bias, output);
    else scalar.transposeConvInt8(p, input, filter, bias, output);
  } else {
    if (SIMD) simd.transposeConvFloat32(p, input, filter, bias, output);
    else scalar.transposeConvFloat32(p, input, filter, bias, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const TransposeConv = new OpRegistration(prepare, evalTransposeConv);
