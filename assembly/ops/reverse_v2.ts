// REVERSE_V2 (TFLM reverse.cc): reverses the input along the dimensions listed in the int32
// `axis` vector. TFLM's dtypes: float32, int8, uint8, int16, int32, int64, bool; up to 6
// dimensions; the listed axes must be adjacent once sorted (TFLM fails at eval otherwise:
// here prepare refuses). Adjacent axes reverse as one merged dimension, so the op is a
// strided copy walking that dimension backwards (kernels-scalar/strided_copy.ts).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { OpRegistration, requireInput, opFail, checkSameShape } from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, sizeShift, F32, I8, I16, I32, I64, BOOL } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd, allocCopyParams, evalStridedCopy } from "./strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

const MAX_RANK = 6;
const U8: i32 = 1 << DType.UINT8;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8 | U8 | I16 | I32 | I64 | BOOL);
  if (input === null) return false;
  const output = ioOutput;
  const axis = requireInput(sg, node, 1);
  if (axis === null) return false;
  const rank = <i32>input.rank;
  if (rank > MAX_RANK) return opFail(node, "input has more than 6 dimensions");
  if (!checkIndexType(node, "axis", axis, false) || !requireConstant(node, "axis", axis)) return false;
  if (axis.rank != 1) return opFail(node, "axis must be a vector");
  const count = elementCount(axis);
  if (count > rank) return opFail(node, "axis lists more dimensions than the input has");
  // TFLM reads past the axis list when it is empty; refuse rather than guess.
  if (count == 0) return opFail(node, "axis must list at least one dimension");
  if (!checkSameShape(node, input, output)) return false;
  // The listed axes as a bit set; they must form one run (no repeats: a repeat breaks the run).
  let seen = 0;
  for (let i = 0; i < count; i++) {
    let a = load<i32>(axis.data + (<usize>i << 2));
    if (a < 0) a += rank;
    if (a < 0 || a >= rank) return opFail(node, "axis value is out of range");
    if ((seen & (1 << a)) != 0) return opFail(node, "axes that are not adjacent are not supported, as in TFLM");
    seen |= 1 << a;
  }
  const low = ctz(seen);
  const high = 31 - clz(seen);
  if (high - low + 1 != count) return opFail(node, "axes that are not adjacent are not supported, as in TFLM");

  let outer = 1, middle = 1, inner = 1;
  for (let d = 0; d < low; d++) outer *= dim(input, d);
  for (let d = low; d <= high; d++) middle *= dim(input, d);
  for (let d = high + 1; d < rank; d++) inner *= dim(input, d);
  const p = allocCopyParams(node);
  if (p == 0) return false;
  copyAxesBegin();
  copyAxis(outer, middle * inner);
  copyAxis(middle, -inner); // backwards along the reversed dimension
  copyAxis(inner, 1);
  return copyAxesEnd(node, changetype<StridedCopyParams>(p), sizeShift(dtypeSize(<i32>input.type)), (middle - 1) * inner, elementCount(input));
}

// @ts-ignore: decorator
@lazy export const ReverseV2 = new OpRegistration(prepare, evalStridedCopy);
