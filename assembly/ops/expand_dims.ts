// EXPAND_DIMS (TFLM expand_dims.cc): float32, int8, int16. Inserts a dimension of size 1 at a
// constant int32 axis. The bytes are unchanged: the output may share the input's buffer.

import { Subgraph, Node, dim } from "../graph";
import { OpRegistration, requireInput, opFail, inputData, outputData, noReset } from "./registry";
import { readAxis, axisValue, prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/reshape";
import * as simd from "../../kernels-simd/reshape";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const axisTensor = requireInput(sg, node, 1);
  if (axisTensor === null) return false;
  if (!readAxis(node, axisTensor)) return false;
  const rank = <i32>input.rank;
  const axis = axisValue < 0 ? axisValue + rank + 1 : axisValue;
  if (axis < 0 || axis > rank) return opFail(node, "axis is out of range");
  if (<i32>output.rank != rank + 1) return opFail(node, "output shape does not match the inputs");
  for (let i = 0; i <= rank; i++) {
    const want = i < axis ? dim(input, i) : (i == axis ? 1 : dim(input, i - 1));
    if (dim(output, i) != want) return opFail(node, "output shape does not match the inputs");
  }
  node.opData = <usize>input.bytes;
  return true;
}

function evalExpandDims(sg: Subgraph, node: Node): bool {
  if (SIMD) simd.reshape(inputData(sg, node, 0), outputData(sg, node, 0), node.opData);
  else scalar.reshape(inputData(sg, node, 0), outputData(sg, node, 0), node.opData);
  return true;
}

// @ts-ignore: decorator
@lazy export const ExpandDims = new OpRegistration(prepare, evalExpandDims, noReset, 1);
