// Small integer inputs that shape an op (axes, perms, shapes, sizes, paddings): dtype and
// constness checks, and reading their values whatever the integer width.

import { Subgraph, Node, Tensor, TensorFlag, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { opError, opFail, opFailType, checkCounts, requireInput, getOutput, checkWritable } from "./registry";
import { errStr } from "../common/error";

/** True when the tensor's data is in the model (known at prepare). */
export function isConstant(t: Tensor): bool {
  return (t.flags & TensorFlag.Constant) != 0 && (t.data != 0 || elementCount(t) == 0);
}

/** Fails with "<role> must be a constant tensor" unless it is. */
export function requireConstant(node: Node, role: string, t: Tensor): bool {
  if (isConstant(t)) return true;
  if (opError(node, role)) errStr(" must be a constant tensor (as TFLM requires)");
  return false;
}

/** Checks an index tensor's dtype: int32, or int32/int64 when `wide`. */
export function checkIndexType(node: Node, role: string, t: Tensor, wide: bool): bool {
  const type = <i32>t.type;
  if (type == DType.INT32 || (wide && type == DType.INT64)) return true;
  return opFailType(node, role, t);
}

/** Element `i` of integer data of dtype `type` (int8/16/32/64), widened. */
export function intAt(data: usize, type: i32, i: i32): i64 {
  if (type == DType.INT64) return load<i64>(data + (<usize>i << 3));
  if (type == DType.INT32) return <i64>load<i32>(data + (<usize>i << 2));
  if (type == DType.INT16) return <i64>load<i16>(data + (<usize>i << 1));
  return <i64>load<i8>(data + <usize>i);
}

/** The single value of a constant int32 axis tensor (scalar or 1-element vector); fails with a message. */
export let axisValue: i32 = 0;
export function readAxis(node: Node, t: Tensor): bool {
  if (!checkIndexType(node, "axis", t, false) || !requireConstant(node, "axis", t)) return false;
  if (t.rank > 1 || elementCount(t) != 1) {
    opError(node, "axis must hold exactly one value");
    return false;
  }
  axisValue = load<i32>(t.data);
  return true;
}

/** Resolves a possibly negative axis against `rank`; -1 when out of range (message set). */
export function resolveAxis(node: Node, axis: i32, rank: i32): i32 {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) {
    opError(node, "axis is out of range");
    return -1;
  }
  return a;
}

/** log2 of an element size of 1, 2, 4 or 8 bytes. */
export function sizeShift(size: i32): i32 {
  return size == 1 ? 0 : (size == 2 ? 1 : (size == 4 ? 2 : 3));
}

// ---- The common start of a prepare.

/** Dtype masks for prepareIO: 1 << DType. */
export const F32: i32 = 1 << DType.FLOAT32;
export const I8: i32 = 1 << DType.INT8;
export const I16: i32 = 1 << DType.INT16;
export const I32: i32 = 1 << DType.INT32;
export const I64: i32 = 1 << DType.INT64;
export const BOOL: i32 = 1 << DType.BOOL;

/** Output 0 of the node of the last successful prepareIO (a prepare-time view). */
export let ioOutput: Tensor = changetype<Tensor>(0);

/**
 * Checks input and output counts (one output), fetches input 0, whose dtype must be in
 * `types` (a mask of 1 << DType), and output 0 (writable; of the input's dtype unless
 * `sameType` is false) into ioOutput. Null (message set) on any failure.
 */
export function prepareIO(sg: Subgraph, node: Node, minInputs: i32, maxInputs: i32, types: i32, sameType: bool = true): Tensor | null {
  if (!checkCounts(node, minInputs, maxInputs, 1)) return null;
  const input = requireInput(sg, node, 0);
  if (input === null) return null;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return null;
  if (((1 << <i32>input.type) & types) == 0) { opFailType(node, "input", input); return null; }
  if (sameType && output.type != input.type) { opFail(node, "input and output dtypes differ"); return null; }
  ioOutput = output;
  return input;
}

/**
 * The start of an elementwise op's prepare: prepareIO's checks with the output's dtype checked
 * first (the same as the input's), then the input's dtype (in `types`, a mask of 1 << DType;
 * -1: any), then equal element counts. Null (message set) on any failure; output 0 in ioOutput.
 */
export function prepareElementwise(sg: Subgraph, node: Node, types: i32): Tensor | null {
  const input = prepareIO(sg, node, 1, 1, -1);
  if (input === null) return null;
  if (((1 << <i32>input.type) & types) == 0) { opFailType(node, "input", input); return null; }
  if (elementCount(input) != elementCount(ioOutput)) { opFail(node, "input and output element counts differ"); return null; }
  return input;
}
