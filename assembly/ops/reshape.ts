// RESHAPE: the output shape is the output tensor's (from the model); TFLM reshape.cc checks
// dtypes and element counts, then copies the bytes unless input and output share storage.

import { Subgraph, Node, elementCount } from "../graph";
import { OpRegistration, opFail, opError, inputData, outputData, noReset } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/reshape";
import * as simd from "../../kernels-simd/reshape";

function prepare(sg: Subgraph, node: Node): bool {
  // Input 1 (the new shape) only restates the output shape, which the model already holds.
  const input = prepareIO(sg, node, 1, 2, -1);
  if (input === null) return false;
  const output = ioOutput;
  const inCount = elementCount(input);
  const outCount = elementCount(output);
  if (inCount != outCount || input.bytes != output.bytes) {
    if (opError(node, "input has ")) { errInt(inCount); errStr(" elements, output "); errInt(outCount); }
    return false;
  }
  // The byte count is all eval needs: kept in the op data slot itself (no arena bytes).
  node.opData = <usize>input.bytes;
  return true;
}

function evalReshape(sg: Subgraph, node: Node): bool {
  const bytes = node.opData;
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (SIMD) simd.reshape(input, output, bytes);
  else scalar.reshape(input, output, bytes);
  return true;
}

// In place: the output may share the input's buffer (the planner decides; eval then copies nothing).
// @ts-ignore: decorator
@lazy export const Reshape = new OpRegistration(prepare, evalReshape, noReset, 1);
