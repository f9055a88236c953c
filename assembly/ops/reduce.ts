// MEAN, SUM and REDUCE_MAX (TFLM reduce.cc / reduce_common.cc). MEAN and SUM: float32, int8,
// int16; REDUCE_MAX: float32, int8 (input and output quantization must be equal). The axis
// input must be a constant int32 tensor (TFLM reads it at eval; constant in every converted
// model); negative axes count from the end, repeats are ignored. keep_dims only shapes the
// output, whose element count must be the product of the kept dimensions.
//
// Quantized MEAN/SUM follow TFLM: MEAN with equal input/output scale and zero point is the
// truncated integer mean of the raw values; otherwise the int32 sum minus zero point x count
// is requantized by input_scale / output_scale, for MEAN with 1/count folded into the
// multiplier (shift by floor(log2(count)), at most 32 and at most 31 + shift).

import { Subgraph, Node, dim, elementCount, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantized } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/reduce";
import * as simd from "../../kernels-simd/reduce";
import { ReduceParams, ReduceKind, ReduceFinish } from "../../kernels-scalar/reduce";

// ReducerOptions field ids.
const OPT_KEEP_DIMS = 0;

const OP_MEAN = 0;
const OP_SUM = 1;
const OP_MAX = 2;

const MAX_RUNS = 6;
const RUN_EXTENT: usize = memory.data(MAX_RUNS * 4);
const RUN_REDUCED: usize = memory.data(MAX_RUNS * 4);

function prepareReduce(sg: Subgraph, node: Node, op: i32): bool {
  const input = prepareIO(sg, node, 2, 2, op == OP_MAX ? F32 | I8 : F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const axis = requireInput(sg, node, 1);
  if (axis === null) return false;
  const type = <i32>input.type;
  if (!checkIndexType(node, "axis", axis, false) || !requireConstant(node, "axis", axis)) return false;
  const rank = <i32>input.rank;
  if (rank > (op == OP_MAX ? 6 : 5)) return opFail(node, "input has too many dimensions");

  // Reduced dimensions (a bit mask); a scalar input reduces nothing, as TFLM's ResolveAxis.
  let mask = 0;
  const axes = elementCount(axis);
  for (let i = 0; rank > 0 && i < axes; i++) {
    let a = load<i32>(axis.data + (<usize>i << 2));
    if (a < 0) a += rank;
    if (a < 0 || a >= rank) return opFail(node, "axis is out of range");
    mask |= 1 << a;
  }
  let kept: i64 = 1;
  let reduced: i64 = 1;
  let empty = false;
  for (let i = 0; i < rank; i++) {
    const d = dim(input, i);
    if (d == 0) empty = true;
    if ((mask & (1 << i)) != 0) reduced *= <i64>d; else kept *= <i64>d;
  }
  if (kept != <i64>elementCount(output)) return opFail(node, "output shape does not match the inputs");

  const p = changetype<ReduceParams>(allocOpData(node, offsetof<ReduceParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outCount = <i32>kept;
  p.reduceCount = <i32>reduced;
  p.emptyInput = empty ? 1 : 0;
  p.scratch = -1;
  if (!foldRuns(node, p, input.dims, rank, mask, empty)) return false;

  if (op == OP_MAX) {
    if (type == DType.INT8 && (input.scale != output.scale || input.zeroPoint != output.zeroPoint)) {
      return opFail(node, "int8 input and output quantization differ");
    }
    p.kind = type == DType.FLOAT32 ? ReduceKind.MaxFloat32 : ReduceKind.MaxInt8;
    p.finish = ReduceFinish.None;
    return true;
  }
  if (type == DType.FLOAT32) {
    p.kind = ReduceKind.SumFloat32;
    // TFLM's 4-D mean over height and width (keep_dims) divides even by a count of 0 (NaN);
    // the general path leaves the 0 sums.
    // (TFLM tests the raw axis values, so -3/-2 take the general path.)
    let special = false;
    if (op == OP_MEAN && rank == 4 && axes == 2 && fbBool(nodeOptions(node), OPT_KEEP_DIMS, false)) {
      const a0 = load<i32>(axis.data), a1 = load<i32>(axis.data + 4);
      special = (a0 == 1 && a1 == 2) || (a0 == 2 && a1 == 1);
    }
    p.finish = op == OP_MEAN && (reduced > 0 || special) ? ReduceFinish.MeanFloat32 : ReduceFinish.None;
    return true;
  }
  p.kind = type == DType.INT8 ? ReduceKind.SumInt8 : ReduceKind.SumInt16;
  if (!checkQuantized(node, input) || !checkQuantized(node, output)) return false;
  p.inputZeroPoint = input.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  p.scratch = requestScratch(sg, node, <i32>kept << 2);
  if (kept > 0 && p.scratch < 0) return opFail(node, "cannot allocate the sums");
  if (op == OP_MEAN && input.zeroPoint == output.zeroPoint && input.scale == output.scale) {
    p.finish = ReduceFinish.MeanInteger;
    return true;
  }
  p.finish = ReduceFinish.Requantize;
  const packed = quantizeMultiplier(<f64>input.scale / <f64>output.scale);
  let multiplier = qmMultiplier(packed);
  let shift = qmShift(packed);
  if (op == OP_MEAN && reduced > 0) {
    // Fold 1/count into the multiplier (TFLM QuantizedMeanOrSum).
    let bits = 63 - <i32>clz<u64>(<u64>reduced);
    if (bits > 32) bits = 32;
    if (bits > 31 + shift) bits = 31 + shift;
    multiplier = <i32>((<i64>multiplier << bits) / reduced);
    shift -= bits;
  }
  p.multiplier = multiplier;
  p.shift = shift;
  return true;
}

/**
 * Folds the input dimensions into at most six runs of reduced or kept dimensions (size-1
 * dimensions dropped, neighbours of the same kind merged) and sets the output steps.
 */
function foldRuns(node: Node, p: ReduceParams, dims: usize, rank: i32, mask: i32, empty: bool): bool {
  let runs = 0;
  for (let i = rank - 1; i >= 0; i--) {
    const d = load<i32>(dims + (<usize>i << 2));
    if (d == 1) continue;
    const r = (mask & (1 << i)) != 0 ? 1 : 0;
    if (runs > 0 && load<i32>(RUN_REDUCED + (<usize>(runs - 1) << 2)) == r) {
      const at = RUN_EXTENT + (<usize>(runs - 1) << 2);
      store<i32>(at, load<i32>(at) * d);
      continue;
    }
    if (runs == MAX_RUNS) return opFail(node, "reduction pattern is too complex");
    store<i32>(RUN_EXTENT + (<usize>runs << 2), d);
    store<i32>(RUN_REDUCED + (<usize>runs << 2), r);
    runs++;
  }
  const base = changetype<usize>(p);
  for (let r = 1; r < MAX_RUNS; r++) {
    store<i32>(base + offsetof<ReduceParams>("e1") + (<usize>(r - 1) << 2), 1);
    store<i32>(base + offsetof<ReduceParams>("o1") + (<usize>(r - 1) << 2), 0);
  }
  p.n = 1; p.outStep = 0;
  if (empty) { p.e5 = 0; return true; }
  let outStride = 1;
  for (let r = 0; r < runs; r++) {
    const extent = load<i32>(RUN_EXTENT + (<usize>r << 2));
    const isReduced = load<i32>(RUN_REDUCED + (<usize>r << 2)) != 0;
    const step = isReduced ? 0 : outStride;
    if (r == 0) {
      p.n = extent;
      p.outStep = isReduced ? 0 : 1;
    } else {
      store<i32>(base + offsetof<ReduceParams>("e1") + (<usize>(r - 1) << 2), extent);
      store<i32>(base + offsetof<ReduceParams>("o1") + (<usize>(r - 1) << 2), step);
    }
    if (!isReduced) outStride *= extent;
  }
  return true;
}

function evalReduce(sg: Subgraph, node: Node): bool {
  const p = changetype<ReduceParams>(node.opData);
  const sums = p.scratch >= 0 ? scratchData(sg, p.scratch) : 0;
  if (SIMD) simd.reduce(p, inputData(sg, node, 0), outputData(sg, node, 0), sums);
  else scalar.reduce(p, inputData(sg, node, 0), outputData(sg, node, 0), sums);
  return true;
}

function prepareMean(sg: Subgraph, node: Node): bool { return prepareReduce(sg, node, OP_MEAN); }
function prepareSum(sg: Subgraph, node: Node): bool { return prepareReduce(sg, node, OP_SUM); }
function prepareMax(sg: Subgraph, node: Node): bool { return prepareReduce(sg, node, OP_MAX); }

// @ts-ignore: decorator
@lazy export const Mean = new OpRegistration(prepareMean, evalReduce);
// @ts-ignore: decorator
@lazy export const Sum = new OpRegistration(prepareSum, evalReduce);
// @ts-ignore: decorator
@lazy export const ReduceMax = new OpRegistration(prepareMax, evalReduce);
