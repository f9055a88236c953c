// FULLY_CONNECTED: options, checks and quantization (TFLM fully_connected.cc semantics).

import { Subgraph, Node, dim, elementCount, nodeOptions, numInputs } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType,
  inputData, outputData, allocOpData,
} from "./registry";
import { activationRangeQuantized, activationRangeFloat, actMin, actMax, actMinF, actMaxF, scaleCount, perChannelMultipliers } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/fully_connected";
import * as simd from "../../kernels-simd/fully_connected";
import { FullyConnectedParams } from "../../kernels-scalar/fully_connected";

// FullyConnectedOptions field ids.
const OPT_ACTIVATION = 0;
const OPT_WEIGHTS_FORMAT = 1;
// keep_num_dims (2) only shapes the output, which the model already states.

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 3, 1)) return false;
  const input = requireInput(sg, node, 0);
  const filter = requireInput(sg, node, 1);
  if (input === null || filter === null) return false;
  const bias = getInput(sg, node, 2);
  const output = getOutput(sg, node, 0);
  const options = nodeOptions(node);
  const activation = fbI8(options, OPT_ACTIVATION, 0);
  if (fbI8(options, OPT_WEIGHTS_FORMAT, 0) != 0) return opFail(node, "shuffled weights format is not supported");

  const inType = <i32>input.type;
  const fType = <i32>filter.type;
  if (inType != <i32>output.type) return opFail(node, "input and output dtypes differ");
  if (inType == DType.FLOAT32 && fType != DType.FLOAT32) {
    return opFail(node, "hybrid quantization (float32 input with quantized weights) is not supported, as in TFLM");
  }
  if ((inType == DType.INT8 || inType == DType.INT16) && fType != DType.INT8) return opFailType(node, "filter", filter);
  if (inType != DType.FLOAT32 && inType != DType.INT8 && inType != DType.INT16) return opFailType(node, "input", input);

  // Shapes: output [..., outputDepth], filter [outputDepth', accumDepth], input batches x accumDepth.
  if (filter.rank < 2 || output.rank < 1) return opFail(node, "filter must have rank >= 2 and output rank >= 1");
  const accumDepth = dim(filter, filter.rank - 1);
  const outputDepth = dim(output, output.rank - 1);
  const filterRows = dim(filter, filter.rank - 2);
  if (outputDepth > filterRows || elementCount(filter) != filterRows * accumDepth) return opFail(node, "filter shape does not match the output depth");
  const outCount = elementCount(output);
  const batches = outputDepth > 0 ? outCount / outputDepth : 0;
  if (accumDepth <= 0 || <i64>batches * <i64>accumDepth > <i64>elementCount(input)) {
    return opFail(node, "input is smaller than batches x accumulation depth");
  }
  if (bias !== null) {
    const want = inType == DType.FLOAT32 ? DType.FLOAT32 : (inType == DType.INT16 ? DType.INT64 : DType.INT32);
    if (<i32>bias.type != want) return opFailType(node, "bias", bias);
    if (elementCount(bias) < outputDepth) return opFail(node, "bias has fewer elements than output channels");
  }

  const p = changetype<FullyConnectedParams>(allocOpData(node, offsetof<FullyConnectedParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.batches = batches;
  p.accumDepth = accumDepth;
  p.outputDepth = outputDepth;
  p.type = inType;

  if (inType == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return kernelPrepare(p);
  }
  if (input.quantized == 0 || filter.quantized == 0 || output.quantized == 0) return opFail(node, "quantized tensors need scale and zero point");
  p.inputOffset = -input.zeroPoint;
  p.filterOffset = -filter.zeroPoint;
  p.outputOffset = output.zeroPoint;
  const channels = scaleCount(filter);
  if (channels > 1) {
    // Per-channel: TFLM supports it for int8 inputs only.
    if (inType != DType.INT8) return opFail(node, "per-channel quantization needs int8 input");
    p.channelMultipliers = allocPersistent(<usize>channels << 2);
    p.channelShifts = allocPersistent(<usize>channels << 2);
    if (p.channelShifts == 0) return false;
    if (channels < outputDepth) return opFail(node, "fewer filter scales than output channels");
    if (!perChannelMultipliers(node, input, filter, output, channels, p.channelMultipliers, p.channelShifts)) return false;
  } else {
    // GetQuantizedConvolutionMultipler: the scale product is taken in float, then widened.
    const inputProductScale = <f64>(input.scale * filter.scale);
    if (bias !== null && bias.quantized != 0) {
      const diff = Math.abs(inputProductScale - <f64>bias.scale);
      if (diff / <f64>output.scale > 0.02) return opFail(node, "bias scale does not match input scale x filter scale");
    }
    const packed = quantizeMultiplier(inputProductScale / <f64>output.scale);
    p.multiplier = qmMultiplier(packed);
    p.shift = qmShift(packed);
  }
  if (!activationRangeQuantized(node, activation, output)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return kernelPrepare(p);
}

/** The kernel set's own prepare (SIMD: path choice). */
function kernelPrepare(p: FullyConnectedParams): bool {
  if (SIMD) return simd.fullyConnectedPrepare(p);
  return scalar.fullyConnectedPrepare(p);
}

function evalFullyConnected(sg: Subgraph, node: Node): bool {
  const p = changetype<FullyConnectedParams>(node.opData);
  const input = inputData(sg, node, 0);
  const filter = inputData(sg, node, 1);
  const bias = inputData(sg, node, 2);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.fullyConnectedInt8(p, input, filter, bias, output);
    else scalar.fullyConnectedInt8(p, input, filter, bias, output);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.fullyConnectedFloat32(p, input, filter, bias, output);
    else scalar.fullyConnectedFloat32(p, input, filter, bias, output);
  } else {
    if (SIMD) simd.fullyConnectedInt16(p, input, filter, bias, output);
    else scalar.fullyConnectedInt16(p, input, filter, bias, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const FullyConnected = new OpRegistration(prepare, evalFullyConnected);
