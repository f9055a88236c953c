// SLICE (TFLM slice.cc): float32, int32, int8, int16, bool, up to 5 dimensions; begin and size
// int32 or int64 (the same dtype). Size -1 takes the rest of a dimension. TFLM reads begin and
// size at eval: constant ones are resolved once here (a bad one refuses the model), others are
// resolved and checked at every eval (a bad one is an eval error, as in TFLM).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { dtypeSize } from "../schema/tflite";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, isConstant, intAt, sizeShift, prepareIO, ioOutput, F32, I32, I8, I16, BOOL } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd } from "./strided_copy";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_copy";
import * as simd from "../../kernels-simd/strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

const MAX_RANK = 5;

/** Op data: a StridedCopyParams, then this (what resolving begin/size at eval needs). */
@unmanaged
class SliceState {
  /** 1 when begin/size are resolved at every eval. */
  dynamic: i32;
  indexType: i32;
  rank: i32;
  inputElements: i32;
  outputElements: i32;
  dim0: i32; dim1: i32; dim2: i32; dim3: i32; dim4: i32;
}

// @ts-ignore: decorator
@inline function stateOf(p: usize): SliceState { return changetype<SliceState>(p + offsetof<StridedCopyParams>()); }

/** TFLM GetValidatedBeginAndSizeVectors, then the copy axes. False (message set) when invalid. */
function resolve(node: Node, p: usize, begin: usize, size: usize): bool {
  const s = stateOf(p);
  const rank = s.rank;
  const dims = changetype<usize>(s) + offsetof<SliceState>("dim0");
  let count: i64 = 1;
  let first: i64 = 0;
  let stride: i64 = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const inputSize = <i64>load<i32>(dims + (<usize>i << 2));
    const b = intAt(begin, s.indexType, i);
    const n = intAt(size, s.indexType, i);
    if (b < 0 || b > inputSize) return opFail(node, "begin is outside the input");
    const resolved = n == -1 ? inputSize - b : n;
    if (resolved < 0 || resolved > inputSize - b) return opFail(node, "size reaches outside the input");
    count *= resolved;
    first += b * stride;
    stride *= inputSize;
  }
  if (count != <i64>s.outputElements) return opFail(node, "slice size differs from the output's");
  copyAxesBegin();
  stride = 1;
  for (let i = 0; i < rank; i++) {
    const inputSize = load<i32>(dims + (<usize>i << 2));
    const b = <i32>intAt(begin, s.indexType, i);
    const n = <i32>intAt(size, s.indexType, i);
    let inner = 1;
    for (let k = i + 1; k < rank; k++) inner *= load<i32>(dims + (<usize>k << 2));
    copyAxis(n == -1 ? inputSize - b : n, inner);
  }
  const copy = changetype<StridedCopyParams>(p);
  return copyAxesEnd(node, copy, copy.elementShift, <i32>first, s.inputElements);
}

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 3, 3, F32 | I32 | I8 | I16 | BOOL);
  if (input === null) return false;
  const output = ioOutput;
  const begin = requireInput(sg, node, 1);
  const size = requireInput(sg, node, 2);
  if (begin === null || size === null) return false;
  const type = <i32>input.type;
  if (!checkIndexType(node, "begin", begin, true)) return false;
  if (size.type != begin.type) return opFail(node, "begin and size dtypes differ");
  const rank = <i32>input.rank;
  if (rank > MAX_RANK) return opFail(node, "input has more than 5 dimensions");
  if (begin.rank != 1 || size.rank != 1 || elementCount(begin) != rank || elementCount(size) != rank) {
    return opFail(node, "begin and size need one value per input dimension");
  }
  const p = allocOpData(node, offsetof<StridedCopyParams>() + offsetof<SliceState>());
  if (p == 0) return false;
  const s = stateOf(p);
  s.indexType = <i32>begin.type;
  s.rank = rank;
  s.inputElements = elementCount(input);
  s.outputElements = elementCount(output);
  for (let i = 0; i < rank; i++) store<i32>(changetype<usize>(s) + offsetof<SliceState>("dim0") + (<usize>i << 2), dim(input, i));
  changetype<StridedCopyParams>(p).elementShift = sizeShift(dtypeSize(type));
  if (isConstant(begin) && isConstant(size)) return resolve(node, p, begin.data, size.data);
  s.dynamic = 1;
  return true;
}

function evalSlice(sg: Subgraph, node: Node): bool {
  const p = node.opData;
  if (stateOf(p).dynamic != 0 && !resolve(node, p, inputData(sg, node, 1), inputData(sg, node, 2))) return false;
  if (SIMD) simd.stridedCopy(changetype<StridedCopyParams>(p), inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.stridedCopy(changetype<StridedCopyParams>(p), inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const Slice = new OpRegistration(prepare, evalSlice);
