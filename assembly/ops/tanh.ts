// TANH: checks and input rescaling (TFLM tanh.cc): LOGISTIC's prepare (prepareSigmoidFamily),
// except that tanh also takes a power-of-two int16 input scale of 2^-11.

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, inputData, outputData, noReset } from "./registry";
import { prepareSigmoidFamily } from "./logistic";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/tanh";
import * as simd from "../../kernels-simd/tanh";
import { TanhParams } from "../../kernels-scalar/tanh";

function prepare(sg: Subgraph, node: Node): bool {
  return prepareSigmoidFamily(sg, node, 2) != 0;
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
