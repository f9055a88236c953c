// RESIZE_NEAREST_NEIGHBOR (TFLM resize_nearest_neighbor.cc): float32, int8, int16; NHWC input;
// the size input must be a constant int32 pair (new height, new width) matching the output.

import { Subgraph, Node, dim, nodeOptions, elementCount } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, F32, I8, I16 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/resize_nearest_neighbor";
import * as simd from "../../kernels-simd/resize_nearest_neighbor";
import { ResizeNearestParams } from "../../kernels-scalar/resize_nearest_neighbor";

// ResizeNearestNeighborOptions field ids.
const OPT_ALIGN_CORNERS = 0;
const OPT_HALF_PIXEL_CENTERS = 1;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8 | I16);
  if (input === null) return false;
  const output = ioOutput;
  const size = requireInput(sg, node, 1);
  if (size === null) return false;
  const type = <i32>input.type;
  if (input.rank != 4 || output.rank != 4) return opFail(node, "input and output need 4 dimensions");
  if (!checkIndexType(node, "size", size, false) || !requireConstant(node, "size", size)) return false;
  if (size.rank != 1 || elementCount(size) != 2) return opFail(node, "size must hold (new height, new width)");
  const height = load<i32>(size.data);
  const width = load<i32>(size.data + 4);
  if (dim(output, 0) != dim(input, 0) || dim(output, 1) != height || dim(output, 2) != width || dim(output, 3) != dim(input, 3)) {
    return opFail(node, "output shape does not match the inputs");
  }
  if (height <= 0 || width <= 0 || dim(input, 1) <= 0 || dim(input, 2) <= 0) return opFail(node, "sizes must be positive");
  const options = nodeOptions(node);
  const p = changetype<ResizeNearestParams>(allocOpData(node, offsetof<ResizeNearestParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.batches = dim(input, 0); p.inHeight = dim(input, 1); p.inWidth = dim(input, 2);
  p.outHeight = height; p.outWidth = width;
  p.alignCorners = fbBool(options, OPT_ALIGN_CORNERS, false) ? 1 : 0;
  p.halfPixelCenters = fbBool(options, OPT_HALF_PIXEL_CENTERS, false) ? 1 : 0;
  p.pixelBytes = dim(input, 3) * dtypeSize(type);
  return true;
}

function evalResizeNearestNeighbor(sg: Subgraph, node: Node): bool {
  const p = changetype<ResizeNearestParams>(node.opData);
  if (SIMD) simd.resizeNearestNeighbor(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.resizeNearestNeighbor(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const ResizeNearestNeighbor = new OpRegistration(prepare, evalResizeNearestNeighbor);
