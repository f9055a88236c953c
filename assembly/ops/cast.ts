// CAST: element-wise static_cast between integer, bool and float32 dtypes (TFLM cast.cc).

import { Subgraph, Node, elementCount } from "../graph";
import { OpRegistration, opFail, opFailType, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/cast";
import * as simd from "../../kernels-simd/cast";
import { castSupported } from "../../kernels-scalar/cast";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (!castSupported(input.type)) return opFailType(node, "input", input);
  if (!castSupported(output.type)) return opFailType(node, "output", output);
  const count = elementCount(input);
  if (elementCount(output) != count) return opFail(node, "input and output sizes differ");
  const p = allocOpData(node, 12);
  if (p == 0) return false;
  store<i32>(p, input.type);
  store<i32>(p, output.type, 4);
  store<i32>(p, count, 8);
  return true;
}

function evalCast(sg: Subgraph, node: Node): bool {
  const p = node.opData;
  if (SIMD) simd.cast(load<i32>(p), load<i32>(p, 4), inputData(sg, node, 0), outputData(sg, node, 0), load<i32>(p, 8));
  else scalar.cast(load<i32>(p), load<i32>(p, 4), inputData(sg, node, 0), outputData(sg, node, 0), load<i32>(p, 8));
  return true;
}

// @ts-ignore: decorator
@lazy export const Cast = new OpRegistration(prepare, evalCast);
