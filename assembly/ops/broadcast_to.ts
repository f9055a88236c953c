// BROADCAST_TO (TFLM broadcast_to.cc): any fixed-size dtype, output of up to 5 dimensions.
// The shape input (int32 or int64) restates the output shape; when constant it must match.
// Input dimensions of size 1 repeat (a zero input step).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { OpRegistration, requireInput, opFail } from "./registry";
import { checkIndexType, isConstant, intAt, sizeShift, prepareIO, ioOutput, F32, I32, I8, I16, I64, BOOL } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd, allocCopyParams, evalStridedCopy } from "./strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

const MAX_RANK = 5;

function prepare(sg: Subgraph, node: Node): bool {
  // Any dtype of 1, 2, 4 or 8 bytes.
  const input = prepareIO(sg, node, 2, 2, F32 | I32 | I8 | I16 | I64 | BOOL | (1 << DType.UINT8) | (1 << DType.FLOAT16) |
    (1 << DType.FLOAT64) | (1 << DType.UINT64) | (1 << DType.UINT32) | (1 << DType.UINT16) | (1 << DType.COMPLEX64) | (1 << DType.BFLOAT16));
  if (input === null) return false;
  const output = ioOutput;
  const shape = requireInput(sg, node, 1);
  if (shape === null) return false;
  const size = dtypeSize(<i32>input.type);
  const rank = <i32>output.rank;
  if (rank > MAX_RANK || <i32>input.rank > MAX_RANK) return opFail(node, "more than 5 dimensions");
  if (!checkIndexType(node, "shape", shape, true)) return false;
  if (shape.rank != 1) return opFail(node, "shape must be a vector");
  if (elementCount(shape) != rank) return opFail(node, "shape length differs from the output rank");
  if (isConstant(shape)) {
    for (let i = 0; i < rank; i++) if (intAt(shape.data, <i32>shape.type, i) != <i64>dim(output, i)) return opFail(node, "shape differs from the output shape");
  }
  const lead = rank - <i32>input.rank;
  if (lead < 0) return opFail(node, "input has more dimensions than the output");
  const p = allocCopyParams(node);
  if (p == 0) return false;
  copyAxesBegin();
  for (let k = 0; k < rank; k++) {
    const o = dim(output, k);
    const i = k - lead;
    const x = i < 0 ? 1 : dim(input, i);
    if (x != o && x != 1) return opFail(node, "input shape does not broadcast to the output");
    let stride = 1;
    if (i >= 0) for (let j = i + 1; j < <i32>input.rank; j++) stride *= dim(input, j);
    copyAxis(o, x == 1 ? 0 : stride);
  }
  return copyAxesEnd(node, changetype<StridedCopyParams>(p), sizeShift(size), 0, elementCount(input));
}

// @ts-ignore: decorator
@lazy export const BroadcastTo = new OpRegistration(prepare, evalStridedCopy);
