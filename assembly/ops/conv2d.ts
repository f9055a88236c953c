// CONV_2D: options, checks and quantization (TFLM conv.cc / conv_common.cc semantics).
// Accepted as in TFLM: float32 x float32, int8 x int8 (or packed int4) with int32 bias,
// int16 x int8 with int64 or int32 bias (or none). Filters are OHWI; a filter with fewer input
// channels than the input is a grouped convolution (TFLM's reference kernel supports groups).

import { Subgraph, Node, Tensor, dim, elementCount, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8, fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType,
  inputData, outputData, allocOpData, requestScratch, scratchData, checkRank,
} from "./registry";
import {
  activationRangeQuantized, activationRangeFloat, actMin, actMax, actMinF, actMaxF, scaleCount,
  perChannelMultipliers, quantizedDimension,
} from "./quantization";
import { computePaddingHeightWidth, padHeight, padWidth, outHeight, outWidth } from "./padding";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/conv2d";
import * as simd from "../../kernels-simd/conv2d";
import { Conv2DParams, unpackInt4 } from "../../kernels-scalar/conv2d";

// Conv2DOptions field ids.
const OPT_PADDING = 0;
const OPT_STRIDE_W = 1;
const OPT_STRIDE_H = 2;
const OPT_ACTIVATION = 3;
const OPT_DILATION_W = 4;
const OPT_DILATION_H = 5;
// quantized_bias_type (6) only records what the bias tensor's dtype already says.

// Limit for sizes, strides and dilations: keeps every window coordinate the kernels compute
// (origin, origin + dilation * tap, size - origin) inside i32.
const GEOMETRY_LIMIT: i64 = 1 << 30;

/**
 * Checks the window options and that the output's height and width are what TFLM's padding
 * rule gives (TFLM trusts the model's output shape; we refuse a mismatch instead of reading or
 * writing out of bounds). On success the padding is in padHeight/padWidth (./padding).
 * Shared with DEPTHWISE_CONV_2D.
 */
export function checkConvWindow(node: Node, padding: i32, strideH: i32, strideW: i32, dilationH: i32, dilationW: i32,
                                 inH: i32, inW: i32, filterH: i32, filterW: i32, outH: i32, outW: i32): bool {
  if (padding != 0 && padding != 1) {
    if (opError(node, "padding ")) { errInt(padding); errStr(" is not supported (SAME or VALID)"); }
    return false;
  }
  if (strideH < 1 || strideW < 1 || <i64>strideH > GEOMETRY_LIMIT || <i64>strideW > GEOMETRY_LIMIT) {
    if (opError(node, "strides must be in 1..2^30, are ")) { errInt(strideH); errStr(" x "); errInt(strideW); }
    return false;
  }
  if (dilationH < 1 || dilationW < 1 || <i64>dilationH > GEOMETRY_LIMIT || <i64>dilationW > GEOMETRY_LIMIT) {
    if (opError(node, "dilation factors must be in 1..2^30, are ")) { errInt(dilationH); errStr(" x "); errInt(dilationW); }
    return false;
  }
  if (inH < 1 || inW < 1 || filterH < 1 || filterW < 1) return opFail(node, "input and filter height and width must be >= 1");
  if (<i64>inH > GEOMETRY_LIMIT || <i64>inW > GEOMETRY_LIMIT ||
      <i64>(filterH - 1) * <i64>dilationH + 1 > GEOMETRY_LIMIT || <i64>(filterW - 1) * <i64>dilationW + 1 > GEOMETRY_LIMIT) {
    return opFail(node, "input or dilated filter is too large");
  }
  computePaddingHeightWidth(strideH, strideW, dilationH, dilationW, inH, inW, filterH, filterW, padding);
  if (outHeight < 1 || outWidth < 1 || outHeight != outH || outWidth != outW) {
    if (opError(node, "output height x width is ")) {
      errInt(outH); errStr(" x "); errInt(outW); errStr(", the padding, strides and dilation give ");
      errInt(outHeight); errStr(" x "); errInt(outWidth);
    }
    return false;
  }
  return true;
}

/** Checks a rank-4 tensor's dims are all >= 1. */
export function checkPositiveDims(node: Node, role: string, t: Tensor): bool {
  for (let i = 0; i < <i32>t.rank; i++) {
    if (dim(t, i) < 1) {
      if (opError(node, role)) { errStr(" dimension "); errInt(i); errStr(" is "); errInt(dim(t, i)); errStr(", must be >= 1"); }
      return false;
    }
  }
  return true;
}

/**
 * Per-channel quantization as TFLM PopulateConvolutionQuantizationParams: the filter has one
 * scale (broadcast) or one per output channel along a dimension of that size. Allocates and
 * fills `channels` multipliers and shifts, left in channelMultipliersAddr / channelShiftsAddr.
 */
export let channelMultipliersAddr: usize = 0;
export let channelShiftsAddr: usize = 0;
export function prepareChannelMultipliers(node: Node, input: Tensor, filter: Tensor, output: Tensor, channels: i32): bool {
  if (input.quantized == 0 || filter.quantized == 0 || output.quantized == 0) {
    return opFail(node, "quantized input, filter and output need scales and zero points");
  }
  const count = scaleCount(filter);
  if (count > 1) {
    const qd = quantizedDimension(filter);
    if (count != channels || qd < 0 || qd >= <i32>filter.rank || dim(filter, qd) != channels) {
      if (opError(node, "filter has ")) { errInt(count); errStr(" scales for "); errInt(channels); errStr(" output channels"); }
      return false;
    }
  }
  channelMultipliersAddr = allocPersistent(<usize>channels << 2);
  channelShiftsAddr = allocPersistent(<usize>channels << 2);
  if (channelMultipliersAddr == 0 || channelShiftsAddr == 0) return false;
  return perChannelMultipliers(node, input, filter, output, channels, channelMultipliersAddr, channelShiftsAddr);
}

/**
 * The dtype pairs CONV_2D and DEPTHWISE_CONV_2D accept (float32 x float32, int8 x int8 or int4,
 * int16 x int8; the output of the input's dtype) and rank-4 input, filter and output with
 * positive dimensions.
 */
export function checkConvTensors(node: Node, input: Tensor, filter: Tensor, output: Tensor): bool {
  const inType = <i32>input.type;
  const fType = <i32>filter.type;
  if (inType != <i32>output.type) return opFail(node, "input and output dtypes differ");
  if (inType == DType.FLOAT32) {
    if (fType != DType.FLOAT32) return opFail(node, "hybrid models (float32 input with int8 weights) are not supported, as in TFLM");
  } else if (inType == DType.INT8) {
    if (fType != DType.INT8 && fType != DType.INT4) return opFailType(node, "filter", filter);
  } else if (inType == DType.INT16) {
    if (fType != DType.INT8) return opFailType(node, "filter", filter);
  } else {
    return opFailType(node, "input", input);
  }
  if (!checkRank(node, "input", input, 4) || !checkRank(node, "filter", filter, 4) || !checkRank(node, "output", output, 4)) return false;
  if (!checkPositiveDims(node, "input", input) || !checkPositiveDims(node, "filter", filter) || !checkPositiveDims(node, "output", output)) return false;
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 3, 1)) return false;
  const input = requireInput(sg, node, 0);
  const filter = requireInput(sg, node, 1);
  if (input === null || filter === null) return false;
  const bias = getInput(sg, node, 2);
  const output = getOutput(sg, node, 0);
  const options = nodeOptions(node);
  const padding = <i32>fbI8(options, OPT_PADDING, 0);
  const strideW = fbI32(options, OPT_STRIDE_W, 0);
  const strideH = fbI32(options, OPT_STRIDE_H, 0);
  const activation = <i32>fbI8(options, OPT_ACTIVATION, 0);
  const dilationW = fbI32(options, OPT_DILATION_W, 1);
  const dilationH = fbI32(options, OPT_DILATION_H, 1);

  if (!checkConvTensors(node, input, filter, output)) return false;
  const inType = <i32>input.type;
  const fType = <i32>filter.type;
  const batches = dim(input, 0);
  const inDepth = dim(input, 3);
  const filterDepth = dim(filter, 3);
  const outDepth = dim(output, 3);
  if (dim(output, 0) != batches) return opFail(node, "input and output batch sizes differ");
  if (dim(filter, 0) != outDepth) return opFail(node, "filter output channels (dimension 0) differ from the output's channels");
  if (inDepth % filterDepth != 0) {
    if (opError(node, "input channels (")) { errInt(inDepth); errStr(") are not a multiple of the filter's input channels ("); errInt(filterDepth); errStr(")"); }
    return false;
  }
  const groups = inDepth / filterDepth;
  if (outDepth % groups != 0) return opFail(node, "output channels are not a multiple of the number of groups");
  if (!checkConvWindow(node, padding, strideH, strideW, dilationH, dilationW, dim(input, 1), dim(input, 2),
                       dim(filter, 1), dim(filter, 2), dim(output, 1), dim(output, 2))) return false;

  let wide = 0;
  if (bias !== null) {
    const bType = <i32>bias.type;
    if (inType == DType.FLOAT32 && bType != DType.FLOAT32) return opFailType(node, "bias", bias);
    if (inType == DType.INT8 && bType != DType.INT32) return opFailType(node, "bias", bias);
    if (inType == DType.INT16) {
      if (bType == DType.INT64) wide = 1;
      else if (bType != DType.INT32) return opFailType(node, "bias", bias);
    }
    if (elementCount(bias) != outDepth) return opFail(node, "bias length differs from the output channels");
  }

  const p = changetype<Conv2DParams>(allocOpData(node, offsetof<Conv2DParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = inType;
  p.wideAccumulator = wide;
  p.batches = batches;
  p.inHeight = dim(input, 1);
  p.inWidth = dim(input, 2);
  p.inDepth = inDepth;
  p.filterHeight = dim(filter, 1);
  p.filterWidth = dim(filter, 2);
  p.filterDepth = filterDepth;
  p.outHeight = dim(output, 1);
  p.outWidth = dim(output, 2);
  p.outDepth = outDepth;
  p.groups = groups;
  p.filtersPerGroup = outDepth / groups;
  p.strideHeight = strideH;
  p.strideWidth = strideW;
  p.dilationHeight = dilationH;
  p.dilationWidth = dilationW;
  p.padHeight = padHeight;
  p.padWidth = padWidth;
  p.unpackScratch = -1;

  if (inType == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return kernelPrepare(p);
  }
  if (!prepareChannelMultipliers(node, input, filter, output, outDepth)) return false;
  p.channelMultipliers = channelMultipliersAddr;
  p.channelShifts = channelShiftsAddr;
  // TFLM's int8 kernel ignores the filter zero point; its int16 kernel ignores all zero points.
  p.inputOffset = -input.zeroPoint;
  p.outputOffset = output.zeroPoint;
  if (!activationRangeQuantized(node, activation, output)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  if (fType == DType.INT4) {
    // TFLM unpacks the int4 filter into an arena scratch buffer at every invoke.
    p.filterCount = elementCount(filter);
    p.unpackScratch = requestScratch(sg, node, p.filterCount);
    if (p.unpackScratch < 0) return opFail(node, "cannot allocate the unpacked int4 filter");
  }
  return kernelPrepare(p);
}

/** The kernel set's own prepare (SIMD: path choice). */
function kernelPrepare(p: Conv2DParams): bool {
  if (SIMD) return simd.conv2dPrepare(p);
  return scalar.conv2dPrepare(p);
}

function evalConv2D(sg: Subgraph, node: Node): bool {
  const p = changetype<Conv2DParams>(node.opData);
  const input = inputData(sg, node, 0);
  let filter = inputData(sg, node, 1);
  const bias = inputData(sg, node, 2);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (p.unpackScratch >= 0) {
      const unpacked = scratchData(sg, p.unpackScratch);
      unpackInt4(filter, p.filterCount, unpacked);
      filter = unpacked;
    }
    if (SIMD) simd.conv2dInt8(p, input, filter, bias, output);
    else scalar.conv2dInt8(p, input, filter, bias, output);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.conv2dFloat32(p, input, filter, bias, output);
    else scalar.conv2dFloat32(p, input, filter, bias, output);
  } else if (p.wideAccumulator) {
    if (SIMD) simd.conv2dInt16Acc64(p, input, filter, bias, output);
    else scalar.conv2dInt16Acc64(p, input, filter, bias, output);
  } else {
    if (SIMD) simd.conv2dInt16Acc32(p, input, filter, bias, output);
    else scalar.conv2dInt16Acc32(p, input, filter, bias, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Conv2D = new OpRegistration(prepare, evalConv2D);
