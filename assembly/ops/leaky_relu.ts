// LEAKY_RELU: options, checks and quantization (TFLM leaky_relu.cc / leaky_relu_common.cc).
// float32, int8 and int16, input and output of the same dtype and size.

import { Subgraph, Node, nodeOptions, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { fbF32 } from "../schema/flatbuffer";
import {
  OpRegistration, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { prepareElementwise, ioOutput, F32, I8, I16 } from "./tensor_values";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/leaky_relu";
import * as simd from "../../kernels-simd/leaky_relu";
import { LeakyReluParams } from "../../kernels-scalar/leaky_relu";

// LeakyReluOptions field ids.
const OPT_ALPHA = 0;

function prepare(sg: Subgraph, node: Node): bool {
  // TFLM requires matching element counts only.
  const input = prepareElementwise(sg, node, F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  const alpha = fbF32(nodeOptions(node), OPT_ALPHA, 0);

  const p = changetype<LeakyReluParams>(allocOpData(node, offsetof<LeakyReluParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = <i32>(input.bytes / <u32>(type == DType.FLOAT32 ? 4 : (type == DType.INT16 ? 2 : 1)));
  p.alpha = alpha;
  if (type == DType.FLOAT32) return true;

  if (input.quantized == 0 || output.quantized == 0) return opFail(node, "quantized input and output need scales and zero points");
  p.inputZeroPoint = input.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  // As TFLM: both ratios are formed in float, then widened to double.
  const alphaRatio = <f64>(input.scale * alpha / output.scale);
  const identityRatio = <f64>(input.scale / output.scale);
  if (!isFinite(alphaRatio) || !isFinite(identityRatio)) return opFail(node, "input scale x alpha / output scale is not finite");
  const alphaPacked = quantizeMultiplier(alphaRatio);
  p.multiplierAlpha = qmMultiplier(alphaPacked);
  p.shiftAlpha = qmShift(alphaPacked);
  const identityPacked = quantizeMultiplier(identityRatio);
  p.multiplierIdentity = qmMultiplier(identityPacked);
  p.shiftIdentity = qmShift(identityPacked);
  return true;
}

function evalLeakyRelu(sg: Subgraph, node: Node): bool {
  const p = changetype<LeakyReluParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT16) {
    if (SIMD) simd.leakyReluInt16(p, input, output);
    else scalar.leakyReluInt16(p, input, output);
  } else if (type == DType.INT8) {
    if (SIMD) simd.leakyReluInt8(p, input, output);
    else scalar.leakyReluInt8(p, input, output);
  } else {
    if (SIMD) simd.leakyReluFloat32(p, input, output);
    else scalar.leakyReluFloat32(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const LeakyRelu = new OpRegistration(prepare, evalLeakyRelu);
