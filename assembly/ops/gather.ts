// GATHER (TFLM gather.cc): float32 or int8 params, int32 indices, with axis and batch_dims.
// Output shape: params[:axis] + indices[batch_dims:] + params[axis+1:]. Indices are read at
// eval and checked there (a bad index is an eval error, as in TFLM).

import { Subgraph, Node, dim, flatSize, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, opError, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/gather";
import * as simd from "../../kernels-simd/gather";
import { GatherParams } from "../../kernels-scalar/gather";

// GatherOptions field ids.
const OPT_AXIS = 0;
const OPT_BATCH_DIMS = 1;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const indices = requireInput(sg, node, 1);
  if (indices === null || !checkIndexType(node, "positions", indices, false)) return false;
  const type = <i32>input.type;
  const rank = <i32>input.rank;
  const indicesRank = <i32>indices.rank;
  const options = nodeOptions(node);
  let axis = fbI32(options, OPT_AXIS, 0);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return opFail(node, "axis is out of range");
  let batchDims = fbI32(options, OPT_BATCH_DIMS, 0);
  if (batchDims < 0) batchDims += indicesRank;
  if (batchDims < 0 || batchDims > axis || batchDims >= rank || batchDims > indicesRank) return opFail(node, "batch_dims is out of range");
  for (let i = 0; i < batchDims; i++) {
    if (dim(input, i) != dim(indices, i)) return opFail(node, "batch dimensions of input and positions differ");
  }
  // Output shape check: params[:axis] + indices[batch_dims:] + params[axis+1:].
  const outRank = rank + indicesRank - 1 - batchDims;
  let ok = <i32>output.rank == outRank;
  let o = 0;
  for (let i = 0; ok && i < axis; i++) ok = dim(output, o++) == dim(input, i);
  for (let i = batchDims; ok && i < indicesRank; i++) ok = dim(output, o++) == dim(indices, i);
  for (let i = axis + 1; ok && i < rank; i++) ok = dim(output, o++) == dim(input, i);
  if (!ok) return opFail(node, "output shape does not match the inputs");

  const p = changetype<GatherParams>(allocOpData(node, offsetof<GatherParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.batches = flatSize(input, 0, batchDims);
  p.outer = flatSize(input, batchDims, axis);
  p.axisSize = dim(input, axis);
  p.coords = flatSize(indices, batchDims, indicesRank);
  p.sliceBytes = flatSize(input, axis + 1, rank) * (type == DType.INT8 ? 1 : 4);
  return true;
}

function evalGather(sg: Subgraph, node: Node): bool {
  const p = changetype<GatherParams>(node.opData);
  const input = inputData(sg, node, 0);
  const indices = inputData(sg, node, 1);
  const output = outputData(sg, node, 0);
  const bad = SIMD ? simd.gather(p, input, indices, output) : scalar.gather(p, input, indices, output);
  if (bad < 0) return true;
  if (opError(node, "position ")) {
    errInt(load<i32>(indices + (<usize>bad << 2))); errStr(" (at "); errInt(bad); errStr(") is outside [0, "); errInt(p.axisSize); errStr(")");
  }
  return false;
}

// @ts-ignore: decorator
@lazy export const Gather = new OpRegistration(prepare, evalGather);
