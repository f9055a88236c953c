// MAXIMUM and MINIMUM (TFLM maximum_minimum.cc): float32, int8, int16, int32, int64 with
// broadcasting up to 5-D. One prepare serves both; the registrations differ in eval only.

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/maximum_minimum";
import * as simd from "../../kernels-simd/maximum_minimum";
import { MaximumMinimumParams, maxMinBroadcast } from "../../kernels-scalar/maximum_minimum";

const MAX_BROADCAST_RANK = 5;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  const type = <i32>out.type;
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 && type != DType.INT32 && type != DType.INT64) {
    return opFailType(node, "output", out);
  }
  if (<i32>a.type != type || <i32>b.type != type) return opFail(node, "input and output dtypes differ");
  const p = changetype<MaximumMinimumParams>(allocOpData(node, offsetof<MaximumMinimumParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  return prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, maxMinBroadcast(p));
}

function evalMaximum(sg: Subgraph, node: Node): bool {
  const p = changetype<MaximumMinimumParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.maximum(p, a, b, out); else scalar.maximum(p, a, b, out);
  return true;
}

function evalMinimum(sg: Subgraph, node: Node): bool {
  const p = changetype<MaximumMinimumParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.minimum(p, a, b, out); else scalar.minimum(p, a, b, out);
  return true;
}

// @ts-ignore: decorator
@lazy export const Maximum = new OpRegistration(prepare, evalMaximum);
// @ts-ignore: decorator
@lazy export const Minimum = new OpRegistration(prepare, evalMinimum);
