// PAD and PADV2 (one registration, as in TFLM pad.cc / pad_common.cc): constant padding of an
// input of up to 5 dimensions. float32, int8, int16, int32. The paddings must be a constant
// int32 tensor (TFLM reads them in prepare, as int32) giving [before, after] per dimension;
// PADV2's optional third input is the scalar pad value, else int8 pads with the output zero
// point and the other dtypes with 0.

import { Subgraph, Node, TensorFlag, dim, elementCount, numInputs } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/pad";
import * as simd from "../../kernels-simd/pad";
import { PadParams } from "../../kernels-scalar/pad";

const MAX_RANK = 5;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 3, 1)) return false;
  const input = requireInput(sg, node, 0);
  const paddings = requireInput(sg, node, 1);
  if (input === null || paddings === null) return false;
  const constant = getInput(sg, node, 2);
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;

  const type = <i32>input.type;
  if (type != <i32>output.type) return opFail(node, "input and output dtypes differ");
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 && type != DType.INT32) return opFailType(node, "input", input);
  const rank = <i32>output.rank;
  if (rank > MAX_RANK) return opFail(node, "tensors of more than 5 dimensions are not supported");
  if (<i32>input.rank != rank) return opFail(node, "input and output ranks differ");

  if (constant !== null) {
    if (<i32>constant.type != type) return opFail(node, "the pad value's dtype differs from the input's");
    if (elementCount(constant) != 1) return opFail(node, "the pad value must have exactly one element");
    if (type == DType.INT8 && (constant.zeroPoint != output.zeroPoint || constant.scale != output.scale)) {
      return opFail(node, "the pad value's scale and zero point differ from the output's");
    }
  } else if (type == DType.INT8 && (output.zeroPoint < -128 || output.zeroPoint > 127)) {
    return opFail(node, "output zero point is outside the int8 range");
  }

  // TFLM reads the paddings as int32 whatever their dtype: int64 paddings would be misread.
  if (<i32>paddings.type != DType.INT32) return opFailType(node, "paddings", paddings);
  if ((paddings.flags & TensorFlag.Constant) == 0) return opFail(node, "non-constant paddings are not supported, as in TFLM");
  if (elementCount(paddings) != rank * 2) {
    if (opError(node, "paddings have ")) { errInt(elementCount(paddings)); errStr(" values, the output's "); errInt(rank); errStr(" dimensions need twice that"); }
    return false;
  }

  const p = changetype<PadParams>(allocOpData(node, offsetof<PadParams>() + 3 * MAX_RANK * 4));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.elementSize = type == DType.INT8 ? 1 : (type == DType.INT16 ? 2 : 4);
  p.defaultValue = type == DType.INT8 ? output.zeroPoint : 0;
  p.outDims = changetype<usize>(p) + offsetof<PadParams>();
  p.left = p.outDims + MAX_RANK * 4;
  p.inDims = p.left + MAX_RANK * 4;
  // Shapes extended to 5-D with leading dims of 1 (and no padding).
  const lead = MAX_RANK - rank;
  for (let i = 0; i < MAX_RANK; i++) {
    store<i32>(p.outDims + (<usize>i << 2), 1);
    store<i32>(p.inDims + (<usize>i << 2), 1);
    store<i32>(p.left + (<usize>i << 2), 0);
  }
  for (let i = 0; i < rank; i++) {
    const before = load<i32>(paddings.data + (<usize>i << 3));
    const after = load<i32>(paddings.data + (<usize>i << 3) + 4);
    const inDim = dim(input, i);
    const outDim = dim(output, i);
    if (before < 0 || after < 0) {
      if (opError(node, "paddings of dimension ")) { errInt(i); errStr(" are negative: "); errInt(before); errStr(", "); errInt(after); }
      return false;
    }
    if (inDim < 0 || <i64>inDim + <i64>before + <i64>after != <i64>outDim) {
      if (opError(node, "output dimension ")) {
        errInt(i); errStr(" is "); errInt(outDim); errStr(", input "); errInt(inDim); errStr(" padded by "); errInt(before);
        errStr(" and "); errInt(after); errStr(" gives "); errInt(inDim + before + after);
      }
      return false;
    }
    store<i32>(p.outDims + (<usize>(lead + i) << 2), outDim);
    store<i32>(p.inDims + (<usize>(lead + i) << 2), inDim);
    store<i32>(p.left + (<usize>(lead + i) << 2), before);
  }
  return true;
}

function evalPad(sg: Subgraph, node: Node): bool {
  const p = changetype<PadParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const constant = numInputs(node) > 2 ? inputData(sg, node, 2) : 0;
  let value = p.defaultValue;
  if (constant != 0) {
    const es = p.elementSize;
    value = es == 1 ? <i32>load<i8>(constant) : (es == 2 ? <i32>load<i16>(constant) : load<i32>(constant));
  }
  if (SIMD) simd.pad(p, input, value, output);
  else scalar.pad(p, input, value, output);
  return true;
}

// @ts-ignore: decorator
@lazy export const Pad = new OpRegistration(prepare, evalPad);
/** PADV2 is PAD with the optional pad value input (TFLM registers the same kernel). */
export const PadV2 = Pad;
