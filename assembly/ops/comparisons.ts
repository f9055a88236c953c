// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL (TFLM comparisons.cc): one
// prepare for all six, bool output, broadcasting up to 4 dimensions. Dtypes as TFLM:
// - EQUAL, NOT_EQUAL: bool, float32, int32, int64, int8 (quantized)
// - GREATER: float32, int32, int64, int8 and int16 (quantized)
// - GREATER_EQUAL, LESS, LESS_EQUAL: float32, int32, int64, int8 (quantized)

import { Subgraph, Node, Tensor } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/comparisons";
import * as simd from "../../kernels-simd/comparisons";
import { ComparisonParams, CompareKind, comparisonBroadcast } from "../../kernels-scalar/comparisons";

const MAX_BROADCAST_RANK = 4;

const enum ComparisonOp { Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual }

function supports(op: i32, type: i32): bool {
  if (type == DType.FLOAT32 || type == DType.INT32 || type == DType.INT64 || type == DType.INT8) return true;
  if (type == DType.BOOL) return op == ComparisonOp.Equal || op == ComparisonOp.NotEqual;
  if (type == DType.INT16) return op == ComparisonOp.Greater;
  return false;
}

/**
 * TFLM QuantizeMultiplierSmallerThanOneExp(scale): the scale as a Q31 multiplier with a
 * non-positive shift; TFLM aborts on scales outside (0, 1), so they are refused.
 */
function scaleMultiplier(node: Node, t: Tensor): i64 {
  if (t.quantized == 0) { opFail(node, "quantized tensors need scale and zero point"); return -1; }
  if (!(t.scale > 0) || !(t.scale < 1)) { opFail(node, "quantized input scales must be in (0, 1), as TFLM requires"); return -1; }
  const packed = quantizeMultiplier(<f64>t.scale);
  if (qmShift(packed) > 0) { opFail(node, "quantized input scales must be in (0, 1), as TFLM requires"); return -1; }
  return packed;
}

function prepareComparison(sg: Subgraph, node: Node, op: i32): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const input0 = requireInput(sg, node, 0);
  const input1 = requireInput(sg, node, 1);
  if (input0 === null || input1 === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>input0.type;
  if (!supports(op, type)) return opFailType(node, "input", input0);
  if (<i32>input1.type != type) return opFail(node, "inputs have different dtypes");
  if (<i32>output.type != DType.BOOL) return opFailType(node, "output", output);

  const p = changetype<ComparisonParams>(allocOpData(node, offsetof<ComparisonParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.negate = op == ComparisonOp.NotEqual ? 1 : 0;
  p.swap = op == ComparisonOp.Less || op == ComparisonOp.LessEqual ? 1 : 0;
  p.kind = op == ComparisonOp.Equal || op == ComparisonOp.NotEqual ? CompareKind.Equal
    : (op == ComparisonOp.Greater || op == ComparisonOp.Less ? CompareKind.Greater : CompareKind.GreaterEqual);
  const a = p.swap != 0 ? input1 : input0;
  const b = p.swap != 0 ? input0 : input1;
  if (!prepareBroadcast(node, a, b, output, MAX_BROADCAST_RANK, comparisonBroadcast(p))) return false;
  if (type != DType.INT8 && type != DType.INT16) return true;

  const packedA = scaleMultiplier(node, a);
  if (packedA == -1) return false;
  const packedB = scaleMultiplier(node, b);
  if (packedB == -1) return false;
  p.offsetA = -a.zeroPoint;
  p.multiplierA = qmMultiplier(packedA);
  p.shiftA = qmShift(packedA);
  p.offsetB = -b.zeroPoint;
  p.multiplierB = qmMultiplier(packedB);
  p.shiftB = qmShift(packedB);
  return true;
}

function evalComparison(sg: Subgraph, node: Node): bool {
  const p = changetype<ComparisonParams>(node.opData);
  const input0 = inputData(sg, node, 0);
  const input1 = inputData(sg, node, 1);
  const output = outputData(sg, node, 0);
  const a = p.swap != 0 ? input1 : input0;
  const b = p.swap != 0 ? input0 : input1;
  if (SIMD) simd.compare(p, a, b, output); else scalar.compare(p, a, b, output);
  return true;
}

function prepareEqual(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.Equal); }
function prepareNotEqual(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.NotEqual); }
function prepareGreater(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.Greater); }
function prepareGreaterEqual(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.GreaterEqual); }
function prepareLess(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.Less); }
function prepareLessEqual(sg: Subgraph, node: Node): bool { return prepareComparison(sg, node, ComparisonOp.LessEqual); }

// @ts-ignore: decorator
@lazy export const Equal = new OpRegistration(prepareEqual, evalComparison);
// @ts-ignore: decorator
@lazy export const NotEqual = new OpRegistration(prepareNotEqual, evalComparison);
// @ts-ignore: decorator
@lazy export const Greater = new OpRegistration(prepareGreater, evalComparison);
// @ts-ignore: decorator
@lazy export const GreaterEqual = new OpRegistration(prepareGreaterEqual, evalComparison);
// @ts-ignore: decorator
@lazy export const Less = new OpRegistration(prepareLess, evalComparison);
// @ts-ignore: decorator
@lazy export const LessEqual = new OpRegistration(prepareLessEqual, evalComparison);
