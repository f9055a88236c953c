// LOGICAL_AND and LOGICAL_OR (TFLM logical.cc): bool inputs and output, broadcasting up to
// 4 dimensions (TFLM's BroadcastBinaryFunction4DSlow).

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/logical";
import * as simd from "../../kernels-simd/logical";
import { LogicalParams, logicalBroadcast } from "../../kernels-scalar/logical";

const MAX_BROADCAST_RANK = 4;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  if (<i32>a.type != DType.BOOL) return opFailType(node, "input", a);
  if (<i32>b.type != DType.BOOL) return opFailType(node, "input", b);
  if (<i32>out.type != DType.BOOL) return opFailType(node, "output", out);
  const p = changetype<LogicalParams>(allocOpData(node, offsetof<LogicalParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  return prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, logicalBroadcast(p));
}

function evalAnd(sg: Subgraph, node: Node): bool {
  const p = changetype<LogicalParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.logicalAnd(p, a, b, out); else scalar.logicalAnd(p, a, b, out);
  return true;
}

function evalOr(sg: Subgraph, node: Node): bool {
  const p = changetype<LogicalParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.logicalOr(p, a, b, out); else scalar.logicalOr(p, a, b, out);
  return true;
}

// An input of the output's size is read element by element ahead of the write: either may share.
// @ts-ignore: decorator
@lazy export const LogicalAnd = new OpRegistration(prepare, evalAnd, noReset, 3);
// @ts-ignore: decorator
@lazy export const LogicalOr = new OpRegistration(prepare, evalOr, noReset, 3);
