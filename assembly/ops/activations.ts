// RELU and RELU6 (TFLM activations.cc / activations_common.cc): float32, int8 and int16
// (int16 RELU with zero points 0). Input and output of the same dtype and element count.

import { Subgraph, Node, Tensor, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, getOutput, requireInput, opFail, inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareElementwise, F32, I8, I16 } from "./tensor_values";
import { dtypeMin, dtypeMax, checkQuantizedScale } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift, roundAwayF32 } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/activations";
import * as simd from "../../kernels-simd/activations";
import { ActivationParams } from "../../kernels-scalar/activations";

/** Common checks; returns the op data or null (message set). */
function prepareCommon(sg: Subgraph, node: Node): ActivationParams | null {
  const input = prepareElementwise(sg, node, F32 | I8 | I16);
  if (input === null) return null;
  const type = <i32>input.type;
  if (type != DType.FLOAT32 && !checkQuantized(node, input, type)) return null;
  const p = changetype<ActivationParams>(allocOpData(node, offsetof<ActivationParams>()));
  if (changetype<usize>(p) == 0) return null;
  p.type = type;
  p.count = elementCount(input);
  return p;
}

function checkQuantized(node: Node, t: Tensor, type: i32): bool {
  if (!checkQuantizedScale(node, t)) return false;
  if (t.zeroPoint < dtypeMin(type) || t.zeroPoint > dtypeMax(type)) return opFail(node, "zero points must be in the dtype's range");
  return true;
}

function prepareRelu(sg: Subgraph, node: Node): bool {
  const p = prepareCommon(sg, node);
  if (p === null) return false;
  const type = p.type;
  if (type == DType.FLOAT32) return true;
  const input = requireInput(sg, node, 0)!;
  const output = getOutput(sg, node, 0);
  if (!checkQuantized(node, output, type)) return false;
  if (type == DType.INT16 && (input.zeroPoint != 0 || output.zeroPoint != 0)) return opFail(node, "int16 needs zero points 0");
  const real = <f64>input.scale / <f64>output.scale;
  if (!isFinite(real)) return opFail(node, "the scale ratio is not finite");
  const packed = quantizeMultiplier(real);
  p.multiplier = qmMultiplier(packed);
  p.shift = qmShift(packed);
  p.inputZeroPoint = input.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  // TFLM: max(dtype min, zero point + round(0 / scale)); the top is the dtype's maximum.
  p.actMin = output.zeroPoint > dtypeMin(type) ? output.zeroPoint : dtypeMin(type);
  p.actMax = dtypeMax(type);
  return true;
}

function prepareRelu6(sg: Subgraph, node: Node): bool {
  const p = prepareCommon(sg, node);
  if (p === null) return false;
  const type = p.type;
  if (type == DType.FLOAT32) return true;
  const input = requireInput(sg, node, 0)!;
  // TFLM FloatToQuantizedType(6.0f, input scale, input zero point), saturated to the dtype.
  let six = <f64>roundAwayF32(<f32>6.0 / input.scale) + <f64>input.zeroPoint;
  six = Math.min(Math.max(six, <f64>dtypeMin(type)), <f64>dtypeMax(type));
  p.zero = input.zeroPoint;
  p.six = <i32>six;
  return true;
}

function evalRelu(sg: Subgraph, node: Node): bool {
  const p = changetype<ActivationParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.reluInt8(p, input, output); else scalar.reluInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.reluInt16(p, input, output); else scalar.reluInt16(p, input, output);
  } else {
    if (SIMD) simd.reluFloat32(p, input, output); else scalar.reluFloat32(p, input, output);
  }
  return true;
}

function evalRelu6(sg: Subgraph, node: Node): bool {
  const p = changetype<ActivationParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.relu6Int8(p, input, output); else scalar.relu6Int8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.relu6Int16(p, input, output); else scalar.relu6Int16(p, input, output);
  } else {
    if (SIMD) simd.relu6Float32(p, input, output); else scalar.relu6Float32(p, input, output);
  }
  return true;
}

// Element i is read before it is written: input 0 may share the output's buffer.
// @ts-ignore: decorator
@lazy export const Relu = new OpRegistration(prepareRelu, evalRelu, noReset, 1);
// @ts-ignore: decorator
@lazy export const Relu6 = new OpRegistration(prepareRelu6, evalRelu6, noReset, 1);
