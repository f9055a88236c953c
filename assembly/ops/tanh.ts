// TANH: checks and input rescaling (TFLM tanh.cc). The int8/int16 input maths is LOGISTIC's
// (activationInputParams); tanh also takes a power-of-two int16 input scale of 2^-11.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { activationInputParams, activationInputMultiplier, activationInputLeftShift, activationInputRadius } from "./logistic";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/tanh";
import * as simd from "../../kernels-simd/tanh";
import { TanhParams } from "../../kernels-scalar/tanh";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 1)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>input.type;
  if (type != <i32>output.type) return opFail(node, "input and output dtypes differ");
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16) return opFailType(node, "input", input);
  const count = elementCount(input);
  if (elementCount(output) != count) return opFail(node, "input and output element counts differ");

  const p = changetype<TanhParams>(allocOpData(node, offsetof<TanhParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = count;
  if (type == DType.FLOAT32) return true;
  // int8 output is read as scale 1/128, zero point 0; TFLM does not check it either.
  if (!activationInputParams(node, input, output, 2)) return false;
  p.inputZeroPoint = input.zeroPoint;
  p.inputMultiplier = activationInputMultiplier;
  p.inputLeftShift = activationInputLeftShift;
  p.inputRangeRadius = activationInputRadius;
  return true;
}

function evalTanh(sg: Subgraph, node: Node): bool {
  const p = changetype<TanhParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.tanhInt8(p, input, output);
    else scalar.tanhInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.tanhInt16(p, input, output);
    else scalar.tanhInt16(p, input, output);
  } else {
    if (SIMD) simd.tanhFloat32(p, input, output);
    else scalar.tanhFloat32(p, input, output);
  }
  return true;
}

// In place: output 0 may share input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Tanh = new OpRegistration(prepare, evalTanh, noReset, 1);
