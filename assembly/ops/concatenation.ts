// CONCATENATION (TFLM concatenation.cc): options {axis, fused activation (must be NONE)};
// every input has the output's dtype and rank and matches it outside the axis.

import { Subgraph, Node, dim, nodeOptions, numInputs, numOutputs } from "../graph";
import { DType, Activation, dtypeSize } from "../schema/tflite";
import { fbI32, fbI8 } from "../schema/flatbuffer";
import { OpRegistration, getInput, getOutput, opFail, opError, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/concatenation";
import * as simd from "../../kernels-simd/concatenation";
import { ConcatenationParams } from "../../kernels-scalar/concatenation";

// ConcatenationOptions field ids.
const OPT_AXIS = 0;
const OPT_ACTIVATION = 1;

function prepare(sg: Subgraph, node: Node): bool {
  const count = numInputs(node);
  if (count < 1 || numOutputs(node) != 1) {
    if (opError(node, "expects 1 to 10 inputs and 1 output, has ")) {
      errInt(count); errStr(" inputs and "); errInt(numOutputs(node)); errStr(" outputs");
    }
    return false;
  }
  // TFLM's limits (kMaxInputNum, RuntimeShape::kMaxSmallSize).
  if (count > 10) return opFail(node, "more than 10 inputs are not supported, as in TFLM");
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>output.type;
  // TFLM's set (no uint8).
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 &&
      type != DType.INT32 && type != DType.INT64 && type != DType.BOOL) return opFailType(node, "output", output);
  const options = nodeOptions(node);
  if (fbI8(options, OPT_ACTIVATION, 0) != Activation.NONE) return opFail(node, "fused activations are not supported, as in TFLM");
  const rank = <i32>output.rank;
  if (rank > 6) return opFail(node, "more than 6 dimensions are not supported, as in TFLM");
  const axisOption = fbI32(options, OPT_AXIS, 0);
  const axis = axisOption < 0 ? axisOption + rank : axisOption;
  if (axis < 0 || axis >= rank) {
    if (opError(node, "axis ")) { errInt(axisOption); errStr(" is out of range for rank "); errInt(rank); }
    return false;
  }
  let outer: i64 = 1;
  for (let d = 0; d < axis; d++) outer *= <i64>dim(output, d);
  let inner: i64 = dtypeSize(type);
  for (let d = axis + 1; d < rank; d++) inner *= <i64>dim(output, d);

  const p = changetype<ConcatenationParams>(allocOpData(node, offsetof<ConcatenationParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outerSize = <i32>outer;
  p.rowBytes = <i32>(<i64>dim(output, axis) * inner);
  p.inputCount = count;
  p.chunks = allocPersistent(<usize>count << 3);
  if (p.chunks == 0) return false;
  let axisTotal = 0;
  for (let i = 0; i < count; i++) {
    const t = getInput(sg, node, i);
    if (t === null) return opFail(node, "an input is omitted");
    if (<i32>t.type != type) return opFail(node, "input and output dtypes differ");
    if (<i32>t.rank != rank) return opFail(node, "input and output ranks differ");
    for (let d = 0; d < rank; d++) {
      if (d != axis && dim(t, d) != dim(output, d)) {
        if (opError(node, "input ")) { errInt(i); errStr(" differs from the output outside the axis (dimension "); errInt(d); errStr(")"); }
        return false;
      }
    }
    store<i32>(p.chunks + (<usize>i << 3), <i32>(<i64>dim(t, axis) * inner));
    store<i32>(p.chunks + (<usize>i << 3) + 4, <i32>(<i64>axisTotal * inner));
    axisTotal += dim(t, axis);
  }
  if (axisTotal != dim(output, axis)) return opFail(node, "input sizes along the axis do not add up to the output's");
  return true;
}

function evalConcatenation(sg: Subgraph, node: Node): bool {
  const p = changetype<ConcatenationParams>(node.opData);
  const output = outputData(sg, node, 0);
  for (let i = 0; i < p.inputCount; i++) {
    if (SIMD) simd.concatenateInput(p, i, inputData(sg, node, i), output);
    else scalar.concatenateInput(p, i, inputData(sg, node, i), output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Concatenation = new OpRegistration(prepare, evalConcatenation);
