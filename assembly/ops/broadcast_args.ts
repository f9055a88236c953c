// BROADCAST_ARGS (TFLM broadcast_args.cc): the broadcast of two shape vectors (int32 or int64,
// the output's dtype). The shapes are data, read at eval: incompatible ones are an eval error.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/shape";
import * as simd from "../../kernels-simd/shape";

@unmanaged
class BroadcastArgsParams {
  n0: i32;
  n1: i32;
  n: i32;
  wide: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const s0 = requireInput(sg, node, 0);
  const s1 = requireInput(sg, node, 1);
  if (s0 === null || s1 === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>output.type;
  if (type != DType.INT32 && type != DType.INT64) return opFailType(node, "output", output);
  if (<i32>s0.type != type || <i32>s1.type != type) return opFail(node, "shape and output dtypes differ");
  if (s0.rank != 1 || s1.rank != 1 || output.rank != 1) return opFail(node, "shapes and output must be vectors");
  const n0 = elementCount(s0);
  const n1 = elementCount(s1);
  if (elementCount(output) != (n0 > n1 ? n0 : n1)) return opFail(node, "output shape does not match the inputs");
  const p = changetype<BroadcastArgsParams>(allocOpData(node, offsetof<BroadcastArgsParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.n0 = n0; p.n1 = n1; p.n = elementCount(output);
  p.wide = type == DType.INT64 ? 1 : 0;
  return true;
}

function evalBroadcastArgs(sg: Subgraph, node: Node): bool {
  const p = changetype<BroadcastArgsParams>(node.opData);
  const s0 = inputData(sg, node, 0);
  const s1 = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  const bad = SIMD ? simd.broadcastArgs(s0, p.n0, s1, p.n1, out, p.n, p.wide != 0) : scalar.broadcastArgs(s0, p.n0, s1, p.n1, out, p.n, p.wide != 0);
  if (bad < 0) return true;
  if (opError(node, "shapes do not broadcast (output dimension ")) { errInt(bad); errStr(")"); }
  return false;
}

// @ts-ignore: decorator
@lazy export const BroadcastArgs = new OpRegistration(prepare, evalBroadcastArgs);
