// ELU (TFLM elu.cc): float32, and int8 through a lookup table built in prepare.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareElementwise, ioOutput, F32, I8, I16 } from "./tensor_values";
import { roundAwayF32 } from "../math/fixedpoint";
import { checkQuantizedScale } from "./quantization";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/elu";
import * as simd from "../../kernels-simd/elu";
import { EluParams, eluTable } from "../../kernels-scalar/elu";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareElementwise(sg, node, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;

  const tableBytes: usize = type == DType.INT8 ? 256 : 0;
  const p = changetype<EluParams>(allocOpData(node, offsetof<EluParams>() + tableBytes));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = elementCount(input);
  if (type == DType.FLOAT32) return true;

  if (!checkQuantizedScale(node, input) || !checkQuantizedScale(node, output)) return false;
  // TFLM PopulateLookupTable<int8_t>, in float: dequantize, exp(x) - 1 below zero, requantize.
  const inverseScale = <f32>1 / output.scale;
  const table = eluTable(p);
  for (let q = -128; q <= 127; q++) {
    const x = input.scale * <f32>(q - input.zeroPoint);
    const y = x < 0 ? Mathf.exp(x) - 1 : x;
    const rescaled = roundAwayF32(y * inverseScale) + <f32>output.zeroPoint;
    // Saturate before converting (a huge value would not fit an int32).
    const v = rescaled < -128 ? -128 : (rescaled > 127 ? 127 : <i32>rescaled);
    store<i8>(table + <usize>(q & 0xff), <i8>v);
  }
  return true;
}

function evalElu(sg: Subgraph, node: Node): bool {
  const p = changetype<EluParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.type == DType.INT8) {
    if (SIMD) simd.eluInt8(p, input, output); else scalar.eluInt8(p, input, output);
  } else {
    if (SIMD) simd.eluFloat32(p, input, output); else scalar.eluFloat32(p, input, output);
  }
  return true;
}

// Element i is read before it is written: input 0 may share the output's buffer.
// @ts-ignore: decorator
@lazy export const Elu = new OpRegistration(prepare, evalElu, noReset, 1);
