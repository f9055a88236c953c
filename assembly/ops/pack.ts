// PACK (TFLM pack.cc): float32, int8, int16, int32, int64. values_count inputs of one shape
// stacked along a new axis of the output.

import { Subgraph, Node, dim, flatSize, nodeOptions, numInputs } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_copy";
import * as simd from "../../kernels-simd/strided_copy";

// PackOptions field ids.
const OPT_VALUES_COUNT = 0;
const OPT_AXIS = 1;

@unmanaged
class PackParams {
  outer: i32;
  /** Bytes each input contributes per outer block. */
  copyBytes: i32;
  values: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  const values = numInputs(node);
  if (values < 1 || !checkCounts(node, values, values, 1)) return opFail(node, "needs at least one input");
  const options = nodeOptions(node);
  if (fbI32(options, OPT_VALUES_COUNT, 0) != values) return opFail(node, "values_count differs from the number of inputs");
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>output.type;
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 && type != DType.INT32 && type != DType.INT64) return opFailType(node, "output", output);
  const rank = <i32>output.rank;
  let axis = fbI32(options, OPT_AXIS, 0);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return opFail(node, "axis is out of range");
  if (dim(output, axis) != values) return opFail(node, "output shape does not match the inputs");
  for (let i = 0; i < values; i++) {
    const input = requireInput(sg, node, i);
    if (input === null) return false;
    if (<i32>input.type != type) return opFail(node, "input and output dtypes differ");
    let same = <i32>input.rank == rank - 1;
    for (let k = 0; same && k < rank - 1; k++) same = dim(input, k) == dim(output, k < axis ? k : k + 1);
    if (!same) return opFail(node, "output shape does not match the inputs");
  }
  const p = changetype<PackParams>(allocOpData(node, offsetof<PackParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outer = flatSize(output, 0, axis);
  p.copyBytes = flatSize(output, axis + 1, rank) * dtypeSize(type);
  p.values = values;
  return true;
}

function evalPack(sg: Subgraph, node: Node): bool {
  const p = changetype<PackParams>(node.opData);
  const copy = <usize>p.copyBytes;
  const stride = copy * <usize>p.values;
  let dst = outputData(sg, node, 0);
  for (let i = 0; i < p.values; i++) {
    if (SIMD) simd.copyBlocks(inputData(sg, node, i), copy, dst, stride, p.outer, copy);
    else scalar.copyBlocks(inputData(sg, node, i), copy, dst, stride, p.outer, copy);
    dst += copy;
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Pack = new OpRegistration(prepare, evalPack);
