// MAX_POOL_2D: same options and checks as AVERAGE_POOL_2D (TFLM pooling.cc).

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, inputData, outputData } from "./registry";
import { preparePool2D } from "./average_pool2d";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/max_pool2d";
import * as simd from "../../kernels-simd/max_pool2d";
import { Pool2DParams } from "../../kernels-scalar/max_pool2d";

function evalMaxPool2D(sg: Subgraph, node: Node): bool {
  const p = changetype<Pool2DParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.maxPool2dInt8(p, input, output);
    else scalar.maxPool2dInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.maxPool2dInt16(p, input, output);
    else scalar.maxPool2dInt16(p, input, output);
  } else {
    if (SIMD) simd.maxPool2dFloat32(p, input, output);
    else scalar.maxPool2dFloat32(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const MaxPool2D = new OpRegistration(preparePool2D, evalMaxPool2D);
