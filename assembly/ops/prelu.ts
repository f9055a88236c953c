// PRELU (TFLM prelu.cc / prelu_common.cc): float32; int8 with int8 alpha; int16 with int8
// alpha. alpha broadcasts against the input (up to 4 dimensions, as TFLM's 4-D loop).

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantizedScale } from "./quantization";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/prelu";
import * as simd from "../../kernels-simd/prelu";
import { PreluParams, preluBroadcast } from "../../kernels-scalar/prelu";

const MAX_BROADCAST_RANK = 4;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const input = requireInput(sg, node, 0);
  const alpha = requireInput(sg, node, 1);
  if (input === null || alpha === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>input.type;
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != type) return opFail(node, "input and output dtypes differ");
  const alphaType = type == DType.INT16 ? DType.INT8 : type;
  if (<i32>alpha.type != alphaType) return opFailType(node, "alpha", alpha);

  const p = changetype<PreluParams>(allocOpData(node, offsetof<PreluParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  if (!prepareBroadcast(node, input, alpha, output, MAX_BROADCAST_RANK, preluBroadcast(p))) return false;
  if (type == DType.FLOAT32) return true;

  if (!checkQuantizedScale(node, input) || !checkQuantizedScale(node, alpha) || !checkQuantizedScale(node, output)) return false;
  // TFLM takes both ratios in double (per-tensor scales; alpha's first scale).
  const positive = <f64>input.scale / <f64>output.scale;
  const negative = <f64>input.scale * <f64>alpha.scale / <f64>output.scale;
  if (!isFinite(positive) || !isFinite(negative)) return opFail(node, "the scale ratio is not finite");
  const packedPositive = quantizeMultiplier(positive);
  const packedNegative = quantizeMultiplier(negative);
  p.multiplierPositive = qmMultiplier(packedPositive);
  p.shiftPositive = qmShift(packedPositive);
  p.multiplierNegative = qmMultiplier(packedNegative);
  p.shiftNegative = qmShift(packedNegative);
  p.inputOffset = -input.zeroPoint;
  p.alphaOffset = -alpha.zeroPoint;
  p.outputOffset = output.zeroPoint;
  return true;
}

function evalPrelu(sg: Subgraph, node: Node): bool {
  const p = changetype<PreluParams>(node.opData);
  const input = inputData(sg, node, 0);
  const alpha = inputData(sg, node, 1);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.preluInt8(p, input, alpha, output); else scalar.preluInt8(p, input, alpha, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.preluInt16(p, input, alpha, output); else scalar.preluInt16(p, input, alpha, output);
  } else {
    if (SIMD) simd.preluFloat32(p, input, alpha, output); else scalar.preluFloat32(p, input, alpha, output);
  }
  return true;
}

// Output element i reads input element i (the input never broadcasts when it is the same
// size as the output): input 0 may share the output's buffer.
// @ts-ignore: decorator
@lazy export const Prelu = new OpRegistration(prepare, evalPrelu, noReset, 1);
