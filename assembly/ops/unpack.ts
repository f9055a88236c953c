// UNPACK (TFLM unpack.cc): float32, int32, int16, int8. Splits the input along an axis into
// `num` outputs that lack that axis.

import { Subgraph, Node, dim, flatSize, nodeOptions, numOutputs } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_copy";
import * as simd from "../../kernels-simd/strided_copy";

// UnpackOptions field ids.
const OPT_NUM = 0;
const OPT_AXIS = 1;

@unmanaged
class UnpackParams {
  outer: i32;
  /** Bytes of each output per outer block. */
  copyBytes: i32;
  outputs: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  const outputs = numOutputs(node);
  if (outputs < 1) return opFail(node, "needs at least one output");
  if (!checkCounts(node, 1, 1, outputs)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const type = <i32>input.type;
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT16 && type != DType.INT8) return opFailType(node, "input", input);
  const options = nodeOptions(node);
  if (fbI32(options, OPT_NUM, 0) != outputs) return opFail(node, "num differs from the number of outputs");
  const rank = <i32>input.rank;
  let axis = fbI32(options, OPT_AXIS, 0);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return opFail(node, "axis is out of range");
  if (dim(input, axis) != outputs) return opFail(node, "output shape does not match the inputs");
  for (let i = 0; i < outputs; i++) {
    const output = getOutput(sg, node, i);
    if (!checkWritable(node, output)) return false;
    if (<i32>output.type != type) return opFail(node, "input and output dtypes differ");
    let same = <i32>output.rank == rank - 1;
    for (let k = 0; same && k < rank - 1; k++) same = dim(output, k) == dim(input, k < axis ? k : k + 1);
    if (!same) return opFail(node, "output shape does not match the inputs");
  }
  const p = changetype<UnpackParams>(allocOpData(node, offsetof<UnpackParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outer = flatSize(input, 0, axis);
  p.copyBytes = flatSize(input, axis + 1, rank) * dtypeSize(type);
  p.outputs = outputs;
  return true;
}

function evalUnpack(sg: Subgraph, node: Node): bool {
  const p = changetype<UnpackParams>(node.opData);
  const copy = <usize>p.copyBytes;
  const stride = copy * <usize>p.outputs;
  let src = inputData(sg, node, 0);
  for (let i = 0; i < p.outputs; i++) {
    if (SIMD) simd.copyBlocks(src, stride, outputData(sg, node, i), copy, p.outer, copy);
    else scalar.copyBlocks(src, stride, outputData(sg, node, i), copy, p.outer, copy);
    src += copy;
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Unpack = new OpRegistration(prepare, evalUnpack);
