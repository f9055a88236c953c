// DEPTHWISE_CONV_2D: options, checks and quantization (TFLM depthwise_conv.cc /
// depthwise_conv_common.cc semantics). Accepted: float32 x float32, int8 x int8 (or packed int4)
// with int32 bias, int16 x int8 with int64 bias (TFLM's reference kernel for the 16x8 case).
// Filter [1, H, W, outDepth]; outDepth = inDepth x depth multiplier.

import { Subgraph, Node, dim, elementCount, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8, fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType,
  inputData, outputData, allocOpData, requestScratch, scratchData, checkRank,
} from "./registry";
import { activationRangeQuantized, activationRangeFloat, actMin, actMax, actMinF, actMaxF } from "./quantization";
import { padHeight, padWidth } from "./padding";
import { checkConvWindow, checkConvTensors, prepareChannelMultipliers, channelMultipliersAddr, channelShiftsAddr } from "./conv2d";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/depthwise_conv2d";
import * as simd from "../../kernels-simd/depthwise_conv2d";
import { DepthwiseConv2DParams } from "../../kernels-scalar/depthwise_conv2d";
import { unpackInt4 } from "../../kernels-scalar/conv2d";

// DepthwiseConv2DOptions field ids.
const OPT_PADDING = 0;
const OPT_STRIDE_W = 1;
const OPT_STRIDE_H = 2;
const OPT_DEPTH_MULTIPLIER = 3;
const OPT_ACTIVATION = 4;
const OPT_DILATION_W = 5;
const OPT_DILATION_H = 6;

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
  const depthMultiplierOption = fbI32(options, OPT_DEPTH_MULTIPLIER, 0);
  const activation = <i32>fbI8(options, OPT_ACTIVATION, 0);
  const dilationW = fbI32(options, OPT_DILATION_W, 1);
  const dilationH = fbI32(options, OPT_DILATION_H, 1);

  if (!checkConvTensors(node, input, filter, output)) return false;
  const inType = <i32>input.type;
  const fType = <i32>filter.type;
  const batches = dim(input, 0);
  const inDepth = dim(input, 3);
  const outDepth = dim(output, 3);
  if (dim(output, 0) != batches) return opFail(node, "input and output batch sizes differ");
  if (dim(filter, 3) != outDepth) return opFail(node, "filter channels (dimension 3) differ from the output's channels");
  // The multiplier follows from the channel counts (as TFLite computes it); the option, when
  // set, must agree, since TFLM's kernel would loop over the option's value.
  if (outDepth % inDepth != 0) {
    if (opError(node, "output channels (")) { errInt(outDepth); errStr(") are not a multiple of the input channels ("); errInt(inDepth); errStr(")"); }
    return false;
  }
  const multiplier = outDepth / inDepth;
  if (depthMultiplierOption != 0 && depthMultiplierOption != multiplier) {
    if (opError(node, "depth_multiplier ")) { errInt(depthMultiplierOption); errStr(" disagrees with the channels ("); errInt(inDepth); errStr(" in, "); errInt(outDepth); errStr(" out)"); }
    return false;
  }
  if (!checkConvWindow(node, padding, strideH, strideW, dilationH, dilationW, dim(input, 1), dim(input, 2),
                       dim(filter, 1), dim(filter, 2), dim(output, 1), dim(output, 2))) return false;

  if (bias !== null) {
    const want = inType == DType.FLOAT32 ? DType.FLOAT32 : (inType == DType.INT16 ? DType.INT64 : DType.INT32);
    if (<i32>bias.type != want) return opFailType(node, "bias", bias);
    if (elementCount(bias) != outDepth) return opFail(node, "bias length differs from the output channels");
  }

  const p = changetype<DepthwiseConv2DParams>(allocOpData(node, offsetof<DepthwiseConv2DParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = inType;
  p.batches = batches;
  p.inHeight = dim(input, 1);
  p.inWidth = dim(input, 2);
  p.inDepth = inDepth;
  p.filterHeight = dim(filter, 1);
  p.filterWidth = dim(filter, 2);
  p.outHeight = dim(output, 1);
  p.outWidth = dim(output, 2);
  p.outDepth = outDepth;
  p.depthMultiplier = multiplier;
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
    return true;
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
  return true;
}

function evalDepthwiseConv2D(sg: Subgraph, node: Node): bool {
  const p = changetype<DepthwiseConv2DParams>(node.opData);
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
    if (SIMD) simd.depthwiseConv2dInt8(p, input, filter, bias, output);
    else scalar.depthwiseConv2dInt8(p, input, filter, bias, output);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.depthwiseConv2dFloat32(p, input, filter, bias, output);
    else scalar.depthwiseConv2dFloat32(p, input, filter, bias, output);
  } else {
    if (SIMD) simd.depthwiseConv2dInt16(p, input, filter, bias, output);
    else scalar.depthwiseConv2dInt16(p, input, filter, bias, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const DepthwiseConv2D = new OpRegistration(prepare, evalDepthwiseConv2D);
