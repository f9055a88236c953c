// SPACE_TO_BATCH_ND (TFLM space_to_batch_nd.cc): float32, int8; NHWC, or NHC (read as NH1C).
// block_shape (int32, one value per spatial dimension) and paddings (int32, [spatial, 2]) must
// be constant. Padded positions get 0; for int8 the output zero point (real 0, as TFLite does;
// upstream TFLM pads with an uninitialised value there).

import { Subgraph, Node, Tensor, dim } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/space_to_batch_nd";
import * as simd from "../../kernels-simd/space_to_batch_nd";
import { SpaceToBatchParams } from "../../kernels-scalar/space_to_batch_nd";

/** Checks block_shape ([spatial]) and paddings/crops ([spatial, 2]): int32, constant, shaped. */
export function checkBlockInputs(node: Node, block: Tensor, pads: Tensor, spatial: i32, padsRole: string): bool {
  if (!checkIndexType(node, "block_shape", block, false) || !requireConstant(node, "block_shape", block)) return false;
  if (!checkIndexType(node, padsRole, pads, false) || !requireConstant(node, padsRole, pads)) return false;
  if (block.rank != 1 || dim(block, 0) != spatial) return opFail(node, "block_shape needs one value per spatial dimension");
  if (pads.rank != 2 || dim(pads, 0) != spatial || dim(pads, 1) != 2) return opFail(node, "paddings/crops must be [spatial dimensions, 2]");
  for (let i = 0; i < spatial; i++) {
    if (load<i32>(block.data + (<usize>i << 2)) < 1) return opFail(node, "block_shape values must be positive");
    if (load<i32>(pads.data + (<usize>i << 3)) < 0 || load<i32>(pads.data + (<usize>i << 3) + 4) < 0) return opFail(node, "paddings/crops must not be negative");
  }
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 3, 3, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const block = requireInput(sg, node, 1);
  const pads = requireInput(sg, node, 2);
  if (block === null || pads === null) return false;
  const type = <i32>input.type;
  const rank = <i32>input.rank;
  if (rank < 3 || rank > 4 || <i32>output.rank != rank) return opFail(node, "input and output need 3 or 4 dimensions");
  if (!checkBlockInputs(node, block, pads, rank - 2, "paddings")) return false;
  const p = changetype<SpaceToBatchParams>(allocOpData(node, offsetof<SpaceToBatchParams>()));
  if (changetype<usize>(p) == 0) return false;
  const wide = rank == 4;
  p.inBatches = dim(input, 0); p.inHeight = dim(input, 1); p.inWidth = wide ? dim(input, 2) : 1;
  p.outBatches = dim(output, 0); p.outHeight = dim(output, 1); p.outWidth = wide ? dim(output, 2) : 1;
  p.blockHeight = load<i32>(block.data);
  p.blockWidth = wide ? load<i32>(block.data + 4) : 1;
  p.padTop = load<i32>(pads.data);
  p.padLeft = wide ? load<i32>(pads.data + 8) : 0;
  const padBottom = load<i32>(pads.data + 4);
  const padRight = wide ? load<i32>(pads.data + 12) : 0;
  const depth = dim(input, rank - 1);
  const paddedHeight = <i64>p.inHeight + <i64>p.padTop + <i64>padBottom;
  const paddedWidth = <i64>p.inWidth + <i64>p.padLeft + <i64>padRight;
  if (paddedHeight % <i64>p.blockHeight != 0 || paddedWidth % <i64>p.blockWidth != 0) return opFail(node, "padded sizes must be multiples of block_shape");
  if (<i64>p.outBatches != <i64>p.inBatches * <i64>p.blockHeight * <i64>p.blockWidth || <i64>p.outHeight != paddedHeight / <i64>p.blockHeight ||
      <i64>p.outWidth != paddedWidth / <i64>p.blockWidth || dim(output, rank - 1) != depth) return opFail(node, "output shape does not match the inputs");
  p.pixelBytes = type == DType.INT8 ? depth : depth * 4;
  p.padByte = type == DType.INT8 ? output.zeroPoint : 0;
  return true;
}

function evalSpaceToBatchNd(sg: Subgraph, node: Node): bool {
  const p = changetype<SpaceToBatchParams>(node.opData);
  if (SIMD) simd.spaceToBatchNd(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.spaceToBatchNd(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const SpaceToBatchNd = new OpRegistration(prepare, evalSpaceToBatchNd);
