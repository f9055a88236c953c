// SPLIT and SPLIT_V (TFLM split.cc, split_v.cc): float32, int8, int16, int32. The axis must be
// a constant int32 (TFLM requires it); the pieces' sizes are the outputs' sizes along the axis
// (SPLIT: all equal; SPLIT_V: size_splits is not read, the output shapes are what count).

import { Subgraph, Node, Tensor, dim, flatSize, numOutputs } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { readAxis, axisValue, resolveAxis } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_copy";
import * as simd from "../../kernels-simd/strided_copy";

/** Op data: outer blocks, the input bytes per outer block, then i32 row bytes per output. */
@unmanaged
class SplitParams {
  outer: i32;
  inputRowBytes: i32;
  outputs: i32;
}

const MAX_OUTPUTS = 1 << 16;

function prepareSplit(sg: Subgraph, node: Node, input: Tensor, axisTensor: Tensor, equal: bool): bool {
  const outputs = numOutputs(node);
  if (outputs < 1 || outputs > MAX_OUTPUTS) return opFail(node, "needs at least one output");
  const type = <i32>input.type;
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 && type != DType.INT32) return opFailType(node, "input", input);
  if (!readAxis(node, axisTensor)) return false;
  const rank = <i32>input.rank;
  const axis = resolveAxis(node, axisValue, rank);
  if (axis < 0) return false;
  const p = changetype<SplitParams>(allocOpData(node, offsetof<SplitParams>() + (<usize>outputs << 2)));
  if (changetype<usize>(p) == 0) return false;
  const inner = flatSize(input, axis + 1, rank) * dtypeSize(type);
  let total: i64 = 0;
  for (let i = 0; i < outputs; i++) {
    const output = getOutput(sg, node, i);
    if (!checkWritable(node, output)) return false;
    if (<i32>output.type != type) return opFail(node, "input and output dtypes differ");
    let same = <i32>output.rank == rank;
    for (let k = 0; same && k < rank; k++) same = k == axis || dim(output, k) == dim(input, k);
    if (!same) return opFail(node, "output shape does not match the inputs");
    const size = dim(output, axis);
    if (size < 0 || (equal && size != dim(getOutput(sg, node, 0), axis))) return opFail(node, "outputs must split the axis into equal parts");
    total += <i64>size;
    store<i32>(changetype<usize>(p) + offsetof<SplitParams>() + (<usize>i << 2), size * inner);
  }
  if (total != <i64>dim(input, axis)) return opFail(node, "output sizes along the axis do not add up");
  p.outer = flatSize(input, 0, axis);
  p.inputRowBytes = dim(input, axis) * inner;
  p.outputs = outputs;
  return true;
}

function prepareSplitEqual(sg: Subgraph, node: Node): bool {
  // SPLIT: (axis, input).
  if (!checkCounts(node, 2, 2, numOutputs(node))) return false;
  const axis = requireInput(sg, node, 0);
  const input = requireInput(sg, node, 1);
  if (axis === null || input === null) return false;
  return prepareSplit(sg, node, input, axis, true);
}

function prepareSplitV(sg: Subgraph, node: Node): bool {
  // SPLIT_V: (input, size_splits, axis).
  if (!checkCounts(node, 3, 3, numOutputs(node))) return false;
  const input = requireInput(sg, node, 0);
  const axis = requireInput(sg, node, 2);
  if (input === null || axis === null) return false;
  return prepareSplit(sg, node, input, axis, false);
}

function evalSplit(sg: Subgraph, node: Node, inputIndex: i32): bool {
  const p = changetype<SplitParams>(node.opData);
  let src = inputData(sg, node, inputIndex);
  const stride = <usize>p.inputRowBytes;
  for (let i = 0; i < p.outputs; i++) {
    const row = <usize>load<i32>(changetype<usize>(p) + offsetof<SplitParams>() + (<usize>i << 2));
    if (SIMD) simd.copyBlocks(src, stride, outputData(sg, node, i), row, p.outer, row);
    else scalar.copyBlocks(src, stride, outputData(sg, node, i), row, p.outer, row);
    src += row;
  }
  return true;
}

function evalSplitEqual(sg: Subgraph, node: Node): bool { return evalSplit(sg, node, 1); }
function evalSplitV(sg: Subgraph, node: Node): bool { return evalSplit(sg, node, 0); }

// @ts-ignore: decorator
@lazy export const Split = new OpRegistration(prepareSplitEqual, evalSplitEqual);
// @ts-ignore: decorator
@lazy export const SplitV = new OpRegistration(prepareSplitV, evalSplitV);
