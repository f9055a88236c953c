// BATCH_TO_SPACE_ND (TFLM batch_to_space_nd.cc): float32, int8; NHWC, or NHC (read as NH1C).
// block_shape (int32, one value per spatial dimension) and crops (int32, [spatial, 2]) must be
// constant.

import { Subgraph, Node, dim } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkBlockInputs } from "./space_to_batch_nd";
import { prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/batch_to_space_nd";
import * as simd from "../../kernels-simd/batch_to_space_nd";
import { BatchToSpaceParams } from "../../kernels-scalar/batch_to_space_nd";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 3, 3, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const block = requireInput(sg, node, 1);
  const crops = requireInput(sg, node, 2);
  if (block === null || crops === null) return false;
  const type = <i32>input.type;
  const rank = <i32>input.rank;
  if (rank < 3 || rank > 4 || <i32>output.rank != rank) return opFail(node, "input and output need 3 or 4 dimensions");
  if (!checkBlockInputs(node, block, crops, rank - 2, "crops")) return false;
  const p = changetype<BatchToSpaceParams>(allocOpData(node, offsetof<BatchToSpaceParams>()));
  if (changetype<usize>(p) == 0) return false;
  const wide = rank == 4;
  p.inBatches = dim(input, 0); p.inHeight = dim(input, 1); p.inWidth = wide ? dim(input, 2) : 1;
  p.outBatches = dim(output, 0); p.outHeight = dim(output, 1); p.outWidth = wide ? dim(output, 2) : 1;
  p.blockHeight = load<i32>(block.data);
  p.blockWidth = wide ? load<i32>(block.data + 4) : 1;
  p.cropTop = load<i32>(crops.data);
  p.cropLeft = wide ? load<i32>(crops.data + 8) : 0;
  const cropBottom = load<i32>(crops.data + 4);
  const cropRight = wide ? load<i32>(crops.data + 12) : 0;
  const depth = dim(input, rank - 1);
  const blocks = <i64>p.blockHeight * <i64>p.blockWidth;
  if (<i64>p.inBatches % blocks != 0) return opFail(node, "input batch must be a multiple of the block size");
  if (<i64>p.outBatches != <i64>p.inBatches / blocks ||
      <i64>p.outHeight != <i64>p.inHeight * <i64>p.blockHeight - <i64>p.cropTop - <i64>cropBottom ||
      <i64>p.outWidth != <i64>p.inWidth * <i64>p.blockWidth - <i64>p.cropLeft - <i64>cropRight ||
      dim(output, rank - 1) != depth) return opFail(node, "output shape does not match the inputs");
  p.pixelBytes = type == DType.INT8 ? depth : depth * 4;
  return true;
}

function evalBatchToSpaceNd(sg: Subgraph, node: Node): bool {
  const p = changetype<BatchToSpaceParams>(node.opData);
  if (SIMD) simd.batchToSpaceNd(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.batchToSpaceNd(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const BatchToSpaceNd = new OpRegistration(prepare, evalBatchToSpaceNd);
