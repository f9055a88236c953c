// FILL (TFLM fill.cc): float32, int32, int8. The value input is a scalar of the output dtype,
// read at eval. The dims input restates the output shape: when constant (any integer dtype)
// it must match the output shape, as TFLM checks.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { isConstant, intAt } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/fill";
import * as simd from "../../kernels-simd/fill";

@unmanaged
class FillParams {
  count: i32;
  shift: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const dims = requireInput(sg, node, 0);
  const value = requireInput(sg, node, 1);
  if (dims === null || value === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>value.type;
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT8) return opFailType(node, "value", value);
  if (value.rank != 0) return opFail(node, "value must be a scalar");
  if (<i32>output.type != type) return opFail(node, "value and output dtypes differ");
  if (isConstant(dims)) {
    const dt = <i32>dims.type;
    if (dt != DType.INT8 && dt != DType.INT16 && dt != DType.INT32 && dt != DType.INT64) return opFailType(node, "dims", dims);
    if (dims.rank != 1 || elementCount(dims) != <i32>output.rank) return opFail(node, "dims must list the output shape");
    for (let i = 0; i < <i32>output.rank; i++) if (intAt(dims.data, dt, i) != <i64>dim(output, i)) return opFail(node, "dims differ from the output shape");
  }
  const p = changetype<FillParams>(allocOpData(node, offsetof<FillParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.count = elementCount(output);
  p.shift = type == DType.INT8 ? 0 : 2;
  return true;
}

function evalFill(sg: Subgraph, node: Node): bool {
  const p = changetype<FillParams>(node.opData);
  if (SIMD) simd.fill(outputData(sg, node, 0), p.count, inputData(sg, node, 1), p.shift);
  else scalar.fill(outputData(sg, node, 0), p.count, inputData(sg, node, 1), p.shift);
  return true;
}

// @ts-ignore: decorator
@lazy export const Fill = new OpRegistration(prepare, evalFill);
