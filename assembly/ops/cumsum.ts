// CUMSUM (TFLM cumsum.cc): float32, int8; a constant int32 axis (TFLM reads it at eval);
// options exclusive and reverse. int8: multipliers as TFLM (input 1/2 after a 20-bit left
// shift, output 2 x input_scale / (2^20 x output_scale), which must be below 1).

import { Subgraph, Node, dim, flatSize, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, checkSameShape, inputData, outputData, allocOpData,
} from "./registry";
import { readAxis, axisValue, resolveAxis, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantized } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/cumsum";
import * as simd from "../../kernels-simd/cumsum";
import { CumSumParams } from "../../kernels-scalar/cumsum";

// CumsumOptions field ids.
const OPT_EXCLUSIVE = 0;
const OPT_REVERSE = 1;
const LEFT_SHIFT = 20;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const axisTensor = requireInput(sg, node, 1);
  if (axisTensor === null) return false;
  const type = <i32>input.type;
  if (input.rank < 1) return opFail(node, "input must have at least one dimension");
  if (!checkSameShape(node, input, output)) return false;
  if (!readAxis(node, axisTensor)) return false;
  const rank = <i32>input.rank;
  const axis = resolveAxis(node, axisValue, rank);
  if (axis < 0) return false;
  const p = changetype<CumSumParams>(allocOpData(node, offsetof<CumSumParams>()));
  if (changetype<usize>(p) == 0) return false;
  const options = nodeOptions(node);
  p.outer = flatSize(input, 0, axis);
  p.depth = dim(input, axis);
  p.inner = flatSize(input, axis + 1, rank);
  p.exclusive = fbBool(options, OPT_EXCLUSIVE, false) ? 1 : 0;
  p.reverse = fbBool(options, OPT_REVERSE, false) ? 1 : 0;
  if (type == DType.FLOAT32) return true;
  if (!checkQuantized(node, input) || !checkQuantized(node, output)) return false;
  p.inputOffset = -input.zeroPoint;
  p.outputOffset = output.zeroPoint;
  p.leftShift = LEFT_SHIFT;
  const twiceMaxInputScale = 2 * <f64>input.scale;
  const inPacked = quantizeMultiplier(<f64>input.scale / twiceMaxInputScale);
  const outPacked = quantizeMultiplier(twiceMaxInputScale / (<f64>(1 << LEFT_SHIFT) * <f64>output.scale));
  if (qmShift(inPacked) > 0 || qmShift(outPacked) > 0) return opFail(node, "output scale is too small for the input scale");
  p.inputMultiplier = qmMultiplier(inPacked);
  p.inputShift = qmShift(inPacked);
  p.outputMultiplier = qmMultiplier(outPacked);
  p.outputShift = qmShift(outPacked);
  return true;
}

function evalCumSum(sg: Subgraph, node: Node): bool {
  const p = changetype<CumSumParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.leftShift != 0) {
    if (SIMD) simd.cumSumInt8(p, input, output); else scalar.cumSumInt8(p, input, output);
  } else {
    if (SIMD) simd.cumSumFloat32(p, input, output); else scalar.cumSumFloat32(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const CumSum = new OpRegistration(prepare, evalCumSum);
