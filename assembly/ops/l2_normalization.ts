// L2_NORMALIZATION (TFLM l2norm.cc): float32, int8, up to 4 dimensions, over the last one; no
// fused activation. The int8 kernel produces values in steps of 1/128 around zero point 0
// whatever the output's quantization says (TFLM does not check it either).

import { Subgraph, Node, dim, elementCount, nodeOptions } from "../graph";
import { DType, Activation } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import {
  OpRegistration, opFail, checkSameShape, inputData, outputData, allocOpData,
} from "./registry";
import { prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/l2_normalization";
import * as simd from "../../kernels-simd/l2_normalization";
import { L2NormParams } from "../../kernels-scalar/l2_normalization";

// L2NormOptions field ids.
const OPT_ACTIVATION = 0;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (input.rank < 1 || input.rank > 4) return opFail(node, "input must have 1 to 4 dimensions");
  if (!checkSameShape(node, input, output)) return false;
  if (fbI8(nodeOptions(node), OPT_ACTIVATION, 0) != Activation.NONE) return opFail(node, "fused activations are not supported (as TFLM)");
  const p = changetype<L2NormParams>(allocOpData(node, offsetof<L2NormParams>()));
  if (changetype<usize>(p) == 0) return false;
  const depth = dim(input, input.rank - 1);
  p.depth = depth;
  p.outer = depth > 0 ? elementCount(input) / depth : 0;
  p.isFloat = type == DType.FLOAT32 ? 1 : 0;
  p.inputZeroPoint = type == DType.INT8 ? input.zeroPoint : 0;
  return true;
}

function evalL2Normalization(sg: Subgraph, node: Node): bool {
  const p = changetype<L2NormParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.isFloat != 0) {
    if (SIMD) simd.l2NormalizationFloat32(p, input, output); else scalar.l2NormalizationFloat32(p, input, output);
  } else {
    if (SIMD) simd.l2NormalizationInt8(p, input, output); else scalar.l2NormalizationInt8(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const L2Normalization = new OpRegistration(prepare, evalL2Normalization);
