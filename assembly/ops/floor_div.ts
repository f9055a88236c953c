// FLOOR_DIV (TFLM floor_div.cc): float32 only, broadcasting up to 4 dimensions. A zero
// denominator fails the invoke, as in TFLM.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/floor_div";
import * as simd from "../../kernels-simd/floor_div";
import { FloorDivParams, floorDivBroadcast } from "../../kernels-scalar/floor_div";

const MAX_BROADCAST_RANK = 4;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  if (<i32>a.type != <i32>b.type || <i32>a.type != <i32>out.type) return opFail(node, "input and output dtypes differ");
  if (<i32>a.type != DType.FLOAT32) return opFailType(node, "input", a);
  const p = changetype<FloorDivParams>(allocOpData(node, offsetof<FloorDivParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.denominatorCount = elementCount(b);
  return prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, floorDivBroadcast(p));
}

function evalFloorDiv(sg: Subgraph, node: Node): bool {
  const p = changetype<FloorDivParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  const ok = SIMD ? simd.floorDivFloat32(p, a, b, out) : scalar.floorDivFloat32(p, a, b, out);
  return ok || opFail(node, "division by zero");
}

// The denominator check reads all of input 1 before any write; rows read ahead of writes.
// @ts-ignore: decorator
@lazy export const FloorDiv = new OpRegistration(prepare, evalFloorDiv, noReset, 3);
