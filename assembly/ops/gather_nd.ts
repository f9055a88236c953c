// GATHER_ND (TFLM gather_nd.cc): float32 or int8 params, int32 indices whose last dimension
// (at most 5, at most the params rank) indexes the params. Output shape:
// indices.shape[:-1] + params.shape[nd:]. Indices are checked at eval.

import { Subgraph, Node, dim, flatSize } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, requireInput, opFail, opError, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/gather_nd";
import * as simd from "../../kernels-simd/gather_nd";
import { GatherNdParams, MAX_INDICES_ND } from "../../kernels-scalar/gather_nd";

function prepare(sg: Subgraph, node: Node): bool {
  const params = prepareIO(sg, node, 2, 2, F32 | I8);
  if (params === null) return false;
  const output = ioOutput;
  const indices = requireInput(sg, node, 1);
  if (indices === null || !checkIndexType(node, "indices", indices, false)) return false;
  const type = <i32>params.type;
  const rank = <i32>params.rank;
  const indicesRank = <i32>indices.rank;
  if (rank < 1) return opFail(node, "params must be at least a vector");
  if (indicesRank < 1) return opFail(node, "indices must be at least a vector");
  const nd = dim(indices, indicesRank - 1);
  if (nd > rank) return opFail(node, "indices' last dimension exceeds the params rank");
  if (nd > MAX_INDICES_ND) return opFail(node, "index innermost dimension length must not exceed 5");
  if (nd < 0) return opFail(node, "indices have a negative dimension");
  let ok = <i32>output.rank == indicesRank - 1 + rank - nd;
  let o = 0;
  for (let i = 0; ok && i < indicesRank - 1; i++) ok = dim(output, o++) == dim(indices, i);
  for (let i = nd; ok && i < rank; i++) ok = dim(output, o++) == dim(params, i);
  if (!ok) return opFail(node, "output shape does not match the inputs");

  const p = changetype<GatherNdParams>(allocOpData(node, offsetof<GatherNdParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.slices = flatSize(indices, 0, indicesRank - 1);
  p.nd = nd;
  const sliceElements = flatSize(params, nd, rank);
  p.elementShift = type == DType.INT8 ? 0 : 2;
  p.sliceBytes = sliceElements << p.elementShift;
  const base = changetype<usize>(p);
  for (let j = 0; j < nd; j++) {
    store<i32>(base + offsetof<GatherNdParams>("dim0") + (<usize>j << 2), dim(params, j));
    store<i32>(base + offsetof<GatherNdParams>("stride0") + (<usize>j << 2), flatSize(params, j + 1, rank));
  }
  return true;
}

function evalGatherNd(sg: Subgraph, node: Node): bool {
  const p = changetype<GatherNdParams>(node.opData);
  const params = inputData(sg, node, 0);
  const indices = inputData(sg, node, 1);
  const output = outputData(sg, node, 0);
  const bad = SIMD ? simd.gatherNd(p, params, indices, output) : scalar.gatherNd(p, params, indices, output);
  if (bad < 0) return true;
  if (opError(node, "index ")) { errInt(load<i32>(indices + (<usize>bad << 2))); errStr(" (at "); errInt(bad); errStr(") is outside its dimension"); }
  return false;
}

// @ts-ignore: decorator
@lazy export const GatherNd = new OpRegistration(prepare, evalGatherNd);
