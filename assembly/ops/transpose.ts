// TRANSPOSE (TFLM transpose.cc): float32, int8, int16, 1 to 5 dimensions. The permutation must
// be a constant int32 vector holding each axis once. Output axis i walks input axis perm[i].

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, requireInput, opFail } from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd, allocCopyParams, evalStridedCopy } from "./strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

const MAX_RANK = 5;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const perm = requireInput(sg, node, 1);
  if (perm === null) return false;
  const type = <i32>input.type;
  const rank = <i32>input.rank;
  if (rank < 1 || rank > MAX_RANK) return opFail(node, "input must have 1 to 5 dimensions");
  if (!checkIndexType(node, "perm", perm, false) || !requireConstant(node, "perm", perm)) return false;
  if (perm.rank != 1 || elementCount(perm) != rank) return opFail(node, "perm must list each dimension once");
  if (<i32>output.rank != rank) return opFail(node, "output shape does not match the inputs");
  let seen = 0;
  for (let i = 0; i < rank; i++) {
    const axis = load<i32>(perm.data + (<usize>i << 2));
    if (axis < 0 || axis >= rank || (seen & (1 << axis)) != 0) return opFail(node, "perm must list each dimension once");
    seen |= 1 << axis;
    if (dim(output, i) != dim(input, axis)) return opFail(node, "output shape does not match the inputs");
  }
  const p = allocCopyParams(node);
  if (p == 0) return false;
  copyAxesBegin();
  for (let i = 0; i < rank; i++) {
    const axis = load<i32>(perm.data + (<usize>i << 2));
    let stride = 1;
    for (let k = axis + 1; k < rank; k++) stride *= dim(input, k);
    copyAxis(dim(input, axis), stride);
  }
  const shift = type == DType.INT8 ? 0 : (type == DType.INT16 ? 1 : 2);
  return copyAxesEnd(node, changetype<StridedCopyParams>(p), shift, 0, elementCount(input));
}

// @ts-ignore: decorator
@lazy export const Transpose = new OpRegistration(prepare, evalStridedCopy);
