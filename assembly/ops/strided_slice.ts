// STRIDED_SLICE: begin/end/strides must be constant int32 vectors (as TFLM requires).
// Masks and offset follow TFLite's strided_slice.cc: ellipsis and new-axis masks are
// expanded into an effective shape first (TFLM ignores those two masks; a model using them
// fails TFLM's output-shape check, here it gets the TFLite result). Per axis, start and stop
// are TFLM's StridedSliceStartForAxis / StridedSliceEndForAxis.

import { Subgraph, Node, Tensor, TensorFlag, dim, elementCount, nodeOptions } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { fbI32, fbBool } from "../schema/flatbuffer";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/strided_slice";
import * as simd from "../../kernels-simd/strided_slice";
import { StridedSliceParams } from "../../kernels-scalar/strided_slice";

// StridedSliceOptions field ids.
const OPT_BEGIN_MASK = 0;
const OPT_END_MASK = 1;
const OPT_ELLIPSIS_MASK = 2;
const OPT_NEW_AXIS_MASK = 3;
const OPT_SHRINK_AXIS_MASK = 4;
const OPT_OFFSET = 5;

const MAX_DIMS = 5;

// Effective (expanded) slice spec, built in prepare: i32[MAX_DIMS] each.
const SHAPE: usize = memory.data(MAX_DIMS * 4);
const BEGIN: usize = memory.data(MAX_DIMS * 4);
const END: usize = memory.data(MAX_DIMS * 4);
const STRIDE: usize = memory.data(MAX_DIMS * 4);
let beginMask = 0, endMask = 0, shrinkMask = 0;

// @ts-ignore: decorator
@inline function at(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function set(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

function clamp(v: i32, lo: i32, hi: i32): i32 { return v > hi ? hi : (v < lo ? lo : v); }

function checkIndexTensor(node: Node, role: string, t: Tensor, count: i32): bool {
  if (<i32>t.type != DType.INT32) return opFailType(node, role, t);
  if ((t.flags & TensorFlag.Constant) == 0 || t.data == 0) {
    if (opError(node, role)) errStr(" must be a constant tensor");
    return false;
  }
  if (t.rank != 1 || dim(t, 0) != count) {
    if (opError(node, role)) { errStr(" must be a vector of "); errInt(count); errStr(" values like begin"); }
    return false;
  }
  return true;
}

/**
 * TFLite BuildStridedSliceParams: expands the ellipsis and new axes of the user spec (n
 * entries) against the input into `dims` effective axes. Returns dims, or -1 (message set).
 */
function expand(node: Node, input: Tensor, n: i32, beginData: usize, endData: usize, strideData: usize,
                userBegin: i32, userEnd: i32, ellipsis: i32, newAxis: i32, userShrink: i32): i32 {
  const inputDims = <i32>input.rank;
  let addedAxes = 0;
  for (let i = 0; i < n; i++) if ((ellipsis & (1 << i)) == 0 && (newAxis & (1 << i)) != 0) addedAxes++;
  const dims = inputDims + addedAxes;
  if (dims > MAX_DIMS) {
    opError(node, "more than 5 dimensions after adding new axes");
    return -1;
  }
  let effEllipsis = 0, effNewAxis = 0, ellipsisStart = dims, expanded = 0;
  for (let i = 0; i < dims;) {
    if ((ellipsis & (1 << i)) != 0) {
      ellipsisStart = i;
      let stop = i + 1 + addedAxes + inputDims - n;
      if (stop > dims) stop = dims;
      if (stop < i + 1) stop = i + 1;
      expanded = stop - ellipsisStart - 1;
      for (; i < stop; i++) effEllipsis |= 1 << i;
      continue;
    }
    if (((1 << (i - expanded)) & newAxis) != 0) effNewAxis |= 1 << i;
    i++;
  }
  beginMask = 0; endMask = 0; shrinkMask = 0;
  let addedEllipsis = 0, added = 0;
  for (let i = 0; i < dims; i++) {
    const isNewAxis = (effEllipsis & (1 << i)) == 0 && (effNewAxis & (1 << i)) != 0;
    const source = i - added;   // the input axis this effective axis reads
    if (!isNewAxis && (source < 0 || source >= inputDims)) {
      opError(node, "slice spec does not match the input rank");
      return -1;
    }
    if ((effEllipsis & (1 << i)) != 0) {
      addedEllipsis = i - ellipsisStart > 0 ? i - ellipsisStart : 0;
      beginMask |= 1 << i; endMask |= 1 << i;
      set(BEGIN, i, 0); set(END, i, 0); set(STRIDE, i, 1);
      set(SHAPE, i, dim(input, source));
    } else if (isNewAxis) {
      set(BEGIN, i, 0); set(END, i, 1); set(STRIDE, i, 1);
      set(SHAPE, i, 1);
      added++;
    } else if (i >= n + expanded) {
      beginMask |= 1 << i; endMask |= 1 << i;
      set(BEGIN, i, 0); set(END, i, 0); set(STRIDE, i, 1);
      set(SHAPE, i, dim(input, source));
    } else {
      const k = i - addedEllipsis;
      if (k < 0 || k >= n) {
        opError(node, "slice spec does not match the input rank");
        return -1;
      }
      set(BEGIN, i, load<i32>(beginData + (<usize>k << 2)));
      set(END, i, load<i32>(endData + (<usize>k << 2)));
      set(STRIDE, i, load<i32>(strideData + (<usize>k << 2)));
      if ((userBegin & (1 << k)) != 0) beginMask |= 1 << i;
      if ((userEnd & (1 << k)) != 0) endMask |= 1 << i;
      if ((userShrink & (1 << k)) != 0) shrinkMask |= 1 << i;
      set(SHAPE, i, dim(input, source));
    }
  }
  return dims;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 4, 4, 1)) return false;
  const input = requireInput(sg, node, 0);
  const begin = requireInput(sg, node, 1);
  const end = requireInput(sg, node, 2);
  const strides = requireInput(sg, node, 3);
  if (input === null || begin === null || end === null || strides === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>input.type;
  // TFLM's set (no uint8).
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 &&
      type != DType.INT32 && type != DType.INT64 && type != DType.BOOL) return opFailType(node, "input", input);
  if (<i32>output.type != type) return opFail(node, "input and output dtypes differ");
  if (<i32>input.rank > MAX_DIMS) return opFail(node, "input has more than 5 dimensions");
  if (<i32>begin.type != DType.INT32 || begin.rank != 1) return opFailType(node, "begin", begin);
  const n = dim(begin, 0);
  if (n < 0 || n > MAX_DIMS) return opFail(node, "begin has more than 5 entries");
  if (!checkIndexTensor(node, "begin", begin, n) || !checkIndexTensor(node, "end", end, n) || !checkIndexTensor(node, "strides", strides, n)) return false;

  const options = nodeOptions(node);
  const dims = expand(node, input, n, begin.data, end.data, strides.data,
    fbI32(options, OPT_BEGIN_MASK, 0), fbI32(options, OPT_END_MASK, 0), fbI32(options, OPT_ELLIPSIS_MASK, 0),
    fbI32(options, OPT_NEW_AXIS_MASK, 0), fbI32(options, OPT_SHRINK_AXIS_MASK, 0));
  if (dims < 0) return false;
  const offset = fbBool(options, OPT_OFFSET, false);

  const p = changetype<StridedSliceParams>(allocOpData(node, offsetof<StridedSliceParams>()));
  if (changetype<usize>(p) == 0) return false;
  const size = dtypeSize(type);
  p.elementShift = size == 1 ? 0 : (size == 2 ? 1 : (size == 4 ? 2 : 3));
  // Leading padding axes of the 5-D iteration: one element each.
  const pad = MAX_DIMS - dims;
  for (let k = 0; k < pad; k++) { store<i32>(changetype<usize>(p) + offsetof<StridedSliceParams>("count0") + (<usize>k << 2), 1); }
  let first: i64 = 0;
  let lowest: i64 = 0;
  let highest: i64 = 0;
  let elementStride: i64 = 1;
  let outAxis = 0;
  let total: i64 = 1;
  for (let i = dims - 1; i >= 0; i--) {
    const axisSize = at(SHAPE, i);
    const stride = at(STRIDE, i);
    if (stride == 0) return opFail(node, "stride value has to be non-zero");
    // StridedSliceStartForAxis
    let start = at(BEGIN, i);
    if (start < 0) start += axisSize;
    start = stride > 0 ? clamp(start, 0, axisSize) : clamp(start, -1, axisSize - 1);
    if ((beginMask & (1 << i)) != 0) start = stride > 0 ? 0 : axisSize - 1;
    // StridedSliceEndForAxis
    let stop: i32;
    const shrink = (shrinkMask & (1 << i)) != 0;
    if (shrink) {
      stop = start >= axisSize ? start : start + 1;
    } else {
      stop = at(END, i);
      if (offset) stop += start;
      if (stop < 0) stop += axisSize;
      stop = stride > 0 ? clamp(stop, 0, axisSize) : clamp(stop, -1, axisSize - 1);
      if ((endMask & (1 << i)) != 0) stop = stride > 0 ? axisSize : -1;
    }
    const span = stride > 0 ? <i64>stop - <i64>start : <i64>start - <i64>stop;
    const absStride = stride > 0 ? <i64>stride : -<i64>stride;
    const count = span > 0 ? <i32>((span + absStride - 1) / absStride) : 0;
    if (!shrink) {
      // TFLM CheckOutputSize: every kept axis must match the model's output shape.
      const o = <i32>output.rank - 1 - outAxis;
      if (o < 0 || dim(output, o) != count) {
        if (opError(node, "output shape does not match the slice (axis ")) { errInt(i); errStr(": "); errInt(count); errStr(" elements)"); }
        return false;
      }
      outAxis++;
    }
    const k = pad + i;
    store<i32>(changetype<usize>(p) + offsetof<StridedSliceParams>("count0") + (<usize>k << 2), count);
    store<i32>(changetype<usize>(p) + offsetof<StridedSliceParams>("step0") + (<usize>k << 2), <i32>(<i64>stride * elementStride));
    total *= <i64>count;
    if (count > 0) {
      const a = <i64>start * elementStride;
      const b = (<i64>start + <i64>(count - 1) * <i64>stride) * elementStride;
      first += a;
      lowest += a < b ? a : b;
      highest += a < b ? b : a;
    }
    elementStride *= <i64>axisSize;
  }
  if (outAxis != <i32>output.rank) return opFail(node, "output rank does not match the slice");
  if (total > <i64>elementCount(output)) return opFail(node, "output is smaller than the slice");
  if (total > 0) {
    // Every element read lies inside the input (start/stop were clamped; checked anyway).
    if (lowest < 0 || highest >= <i64>elementCount(input)) return opFail(node, "slice reaches outside the input");
  } else {
    p.count0 = 0;
  }
  p.first = <i32>first;
  return true;
}

function evalStridedSlice(sg: Subgraph, node: Node): bool {
  const p = changetype<StridedSliceParams>(node.opData);
  if (SIMD) simd.stridedSlice(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.stridedSlice(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const StridedSlice = new OpRegistration(prepare, evalStridedSlice);
