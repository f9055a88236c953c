// ARG_MAX and ARG_MIN (TFLM arg_min_max.cc): float32 or int8 input, int32 axis, int32 output
// (TFLM supports no other output dtype). The axis must be constant here (TFLM reads it at
// eval). The output drops the axis dimension.

import { Subgraph, Node, dim, flatSize } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, requireInput, opFail, opFailType, inputData, outputData, allocOpData,
} from "./registry";
import { readAxis, axisValue, resolveAxis, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/arg_min_max";
import * as simd from "../../kernels-simd/arg_min_max";
import { ArgMinMaxParams } from "../../kernels-scalar/arg_min_max";

function prepare(sg: Subgraph, node: Node, isMax: bool): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8, false);
  if (input === null) return false;
  const output = ioOutput;
  if (<i32>output.type != DType.INT32) return opFailType(node, "output", output);
  const axisTensor = requireInput(sg, node, 1);
  if (axisTensor === null) return false;
  const type = <i32>input.type;
  if (!readAxis(node, axisTensor)) return false;
  const rank = <i32>input.rank;
  const axis = resolveAxis(node, axisValue, rank);
  if (axis < 0) return false;
  let ok = <i32>output.rank == rank - 1;
  for (let i = 0; ok && i < rank - 1; i++) ok = dim(output, i) == dim(input, i < axis ? i : i + 1);
  if (!ok) return opFail(node, "output shape does not match the inputs");
  if (dim(input, axis) < 1) return opFail(node, "the axis must not be empty");
  const p = changetype<ArgMinMaxParams>(allocOpData(node, offsetof<ArgMinMaxParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outer = flatSize(input, 0, axis);
  p.axisSize = dim(input, axis);
  p.inner = flatSize(input, axis + 1, rank);
  p.isMax = isMax ? 1 : 0;
  p.isFloat = type == DType.FLOAT32 ? 1 : 0;
  return true;
}

function evalArgMinMax(sg: Subgraph, node: Node): bool {
  const p = changetype<ArgMinMaxParams>(node.opData);
  if (SIMD) simd.argMinMax(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.argMinMax(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

function prepareArgMax(sg: Subgraph, node: Node): bool { return prepare(sg, node, true); }
function prepareArgMin(sg: Subgraph, node: Node): bool { return prepare(sg, node, false); }

// @ts-ignore: decorator
@lazy export const ArgMax = new OpRegistration(prepareArgMax, evalArgMinMax);
// @ts-ignore: decorator
@lazy export const ArgMin = new OpRegistration(prepareArgMin, evalArgMinMax);
