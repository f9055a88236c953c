// FLOOR_MOD (TFLM floor_mod.cc): float32 only, broadcasting up to 4 dimensions.

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/floor_mod";
import * as simd from "../../kernels-simd/floor_mod";
import { FloorModParams, floorModBroadcast } from "../../kernels-scalar/floor_mod";

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
  const p = changetype<FloorModParams>(allocOpData(node, offsetof<FloorModParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  return prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, floorModBroadcast(p));
}

function evalFloorMod(sg: Subgraph, node: Node): bool {
  const p = changetype<FloorModParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.floorModFloat32(p, a, b, out); else scalar.floorModFloat32(p, a, b, out);
  return true;
}

// Rows read each element ahead of its write: an input of the output's size may share it.
// @ts-ignore: decorator
@lazy export const FloorMod = new OpRegistration(prepare, evalFloorMod, noReset, 3);
