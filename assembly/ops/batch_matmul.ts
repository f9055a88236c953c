// BATCH_MATMUL (TFLM batch_matmul.cc): float32, int8, int16 (lhs, rhs and output of one dtype;
// hybrid and int32 outputs are not supported, as in TFLM). Ranks 2 to 5; batch dimensions
// broadcast. adj_x / adj_y transpose the last two dimensions of lhs / rhs. Quantized: one
// multiplier lhs_scale * rhs_scale / output_scale (the product taken in float, as TFLM's
// GetQuantizedConvolutionMultipler); int16 needs zero points of 0.

import { Subgraph, Node, Tensor, dim, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { checkQuantized } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/batch_matmul";
import * as simd from "../../kernels-simd/batch_matmul";
import { BatchMatMulParams } from "../../kernels-scalar/batch_matmul";

// BatchMatMulOptions field ids.
const OPT_ADJ_X = 0;
const OPT_ADJ_Y = 1;

/** Dimension k of t extended to `rank` dimensions with leading 1s. */
function dimExt(t: Tensor, rank: i32, k: i32): i32 {
  const i = k - (rank - <i32>t.rank);
  return i < 0 ? 1 : dim(t, i);
}

/** TFLM batch_matmul::extent: elements per index of batch dimension k, 0 when it broadcasts. */
function extent(t: Tensor, rank: i32, k: i32): i32 {
  if (dimExt(t, rank, k) == 1) return 0;
  let n = 1;
  for (let i = k + 1; i < rank; i++) n *= dimExt(t, rank, i);
  return n;
}

function prepare(sg: Subgraph, node: Node): bool {
  const lhs = prepareIO(sg, node, 2, 2, F32 | I8 | I16);
  if (lhs === null) return false;
  const output = ioOutput;
  const rhs = requireInput(sg, node, 1);
  if (rhs === null) return false;
  const type = <i32>lhs.type;
  if (<i32>rhs.type != type) return opFail(node, "lhs and rhs dtypes differ (no hybrid, as TFLM)");
  const lr = <i32>lhs.rank, rr = <i32>rhs.rank;
  if (lr < 2 || lr > 5 || rr < 2 || rr > 5) return opFail(node, "lhs and rhs must have 2 to 5 dimensions");
  const options = nodeOptions(node);
  const adjX = fbBool(options, OPT_ADJ_X, false);
  const adjY = fbBool(options, OPT_ADJ_Y, false);
  // Everything below works on shapes extended to 5 dimensions.
  const rows = dimExt(lhs, 5, adjX ? 4 : 3);
  const depth = dimExt(lhs, 5, adjX ? 3 : 4);
  const rhsDepth = dimExt(rhs, 5, adjY ? 4 : 3);
  const cols = dimExt(rhs, 5, adjY ? 3 : 4);
  if (depth != rhsDepth) return opFail(node, "lhs and rhs accumulation depths differ");
  const outRank = lr > rr ? lr : rr;
  if (<i32>output.rank != outRank) return opFail(node, "output shape does not match the inputs");
  const p = changetype<BatchMatMulParams>(allocOpData(node, offsetof<BatchMatMulParams>()));
  if (changetype<usize>(p) == 0) return false;
  const base = changetype<usize>(p);
  for (let k = 0; k < 3; k++) {
    const a = dimExt(lhs, 5, k), b = dimExt(rhs, 5, k);
    if (a != b && a != 1 && b != 1) return opFail(node, "batch dimensions do not broadcast");
    const d = a == 1 ? b : a;
    if (k >= 5 - outRank && dimExt(output, 5, k) != d) return opFail(node, "output shape does not match the inputs");
    store<i32>(base + offsetof<BatchMatMulParams>("batch0") + (<usize>k << 2), d);
    store<i32>(base + offsetof<BatchMatMulParams>("lhsBatch0") + (<usize>k << 2), extent(lhs, 5, k));
    store<i32>(base + offsetof<BatchMatMulParams>("rhsBatch0") + (<usize>k << 2), extent(rhs, 5, k));
  }
  if (dimExt(output, 5, 3) != rows || dimExt(output, 5, 4) != cols) return opFail(node, "output shape does not match the inputs");
  p.type = type;
  p.rows = rows; p.cols = cols; p.depth = depth;
  p.lhsRowStep = adjX ? 1 : depth;
  p.lhsDepthStep = adjX ? rows : 1;
  p.rhsDepthStep = adjY ? 1 : cols;
  p.rhsColStep = adjY ? depth : 1;
  if (type == DType.FLOAT32) return true;

  if (!checkQuantized(node, lhs) || !checkQuantized(node, rhs) || !checkQuantized(node, output)) return false;
  if (type == DType.INT16 && (lhs.zeroPoint != 0 || rhs.zeroPoint != 0 || output.zeroPoint != 0)) return opFail(node, "int16 zero points must be 0");
  const packed = quantizeMultiplier(<f64>(lhs.scale * rhs.scale) / <f64>output.scale);
  p.multiplier = qmMultiplier(packed);
  p.shift = qmShift(packed);
  p.lhsOffset = -lhs.zeroPoint;
  p.rhsOffset = -rhs.zeroPoint;
  p.outputOffset = output.zeroPoint;
  p.actMin = type == DType.INT8 ? -128 : -32768;
  p.actMax = type == DType.INT8 ? 127 : 32767;
  return true;
}

function evalBatchMatMul(sg: Subgraph, node: Node): bool {
  const p = changetype<BatchMatMulParams>(node.opData);
  const lhs = inputData(sg, node, 0);
  const rhs = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  if (p.type == DType.INT8) {
    if (SIMD) simd.batchMatMulInt8(p, lhs, rhs, out); else scalar.batchMatMulInt8(p, lhs, rhs, out);
  } else if (p.type == DType.FLOAT32) {
    if (SIMD) simd.batchMatMulFloat32(p, lhs, rhs, out); else scalar.batchMatMulFloat32(p, lhs, rhs, out);
  } else {
    if (SIMD) simd.batchMatMulInt16(p, lhs, rhs, out); else scalar.batchMatMulInt16(p, lhs, rhs, out);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const BatchMatMul = new OpRegistration(prepare, evalBatchMatMul);
