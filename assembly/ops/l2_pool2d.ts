// L2_POOL_2D (TFLM l2_pool_2d.cc): float32 only (TFLM has no quantized L2 pooling); the
// options, padding and shape checks are AVERAGE_POOL_2D's (preparePool2D).

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, requireInput, opFailType, inputData, outputData } from "./registry";
import { preparePool2D } from "./average_pool2d";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/l2_pool2d";
import * as simd from "../../kernels-simd/l2_pool2d";
import { Pool2DParams } from "../../kernels-scalar/average_pool2d";

function prepare(sg: Subgraph, node: Node): bool {
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  if (<i32>input.type != DType.FLOAT32) return opFailType(node, "input", input);
  return preparePool2D(sg, node);
}

function evalL2Pool2D(sg: Subgraph, node: Node): bool {
  const p = changetype<Pool2DParams>(node.opData);
  if (SIMD) simd.l2Pool2dFloat32(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.l2Pool2dFloat32(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const L2Pool2D = new OpRegistration(prepare, evalL2Pool2D);
