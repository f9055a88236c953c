// RESIZE_BILINEAR (TFLM resize_bilinear.cc): float32, int8; NHWC input; the size input must
// be a constant int32 pair (new height, new width) matching the output shape.
// half_pixel_centers and align_corners cannot both be set.

import { Subgraph, Node, dim, nodeOptions, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, requireConstant, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/resize_bilinear";
import * as simd from "../../kernels-simd/resize_bilinear";
import { ResizeBilinearParams } from "../../kernels-scalar/resize_bilinear";

// ResizeBilinearOptions field ids (0 and 1 are the deprecated new_height/new_width).
const OPT_ALIGN_CORNERS = 2;
const OPT_HALF_PIXEL_CENTERS = 3;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const size = requireInput(sg, node, 1);
  if (size === null) return false;
  const type = <i32>input.type;
  if (input.rank != 4 || output.rank != 4) return opFail(node, "input and output need 4 dimensions");
  if (!checkIndexType(node, "size", size, false) || !requireConstant(node, "size", size)) return false;
  if (size.rank != 1 || elementCount(size) != 2) return opFail(node, "size must hold (new height, new width)");
  const options = nodeOptions(node);
  const align = fbBool(options, OPT_ALIGN_CORNERS, false);
  const half = fbBool(options, OPT_HALF_PIXEL_CENTERS, false);
  if (align && half) return opFail(node, "half_pixel_centers and align_corners are both set");
  const height = load<i32>(size.data);
  const width = load<i32>(size.data + 4);
  if (dim(output, 0) != dim(input, 0) || dim(output, 1) != height || dim(output, 2) != width || dim(output, 3) != dim(input, 3)) {
    return opFail(node, "output shape does not match the inputs");
  }
  if (height <= 0 || width <= 0 || dim(input, 1) <= 0 || dim(input, 2) <= 0) return opFail(node, "sizes must be positive");
  if (dim(input, 1) > (1 << 20) || dim(input, 2) > (1 << 20) || height > (1 << 20) || width > (1 << 20)) return opFail(node, "sizes are too large");
  const p = changetype<ResizeBilinearParams>(allocOpData(node, offsetof<ResizeBilinearParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.batches = dim(input, 0); p.inHeight = dim(input, 1); p.inWidth = dim(input, 2); p.depth = dim(input, 3);
  p.outHeight = height; p.outWidth = width;
  p.alignCorners = align ? 1 : 0;
  p.halfPixelCenters = half ? 1 : 0;
  p.type = type;
  return true;
}

function evalResizeBilinear(sg: Subgraph, node: Node): bool {
  const p = changetype<ResizeBilinearParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.type == DType.INT8) {
    if (SIMD) simd.resizeBilinearInt8(p, input, output); else scalar.resizeBilinearInt8(p, input, output);
  } else {
    if (SIMD) simd.resizeBilinearFloat32(p, input, output); else scalar.resizeBilinearFloat32(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const ResizeBilinear = new OpRegistration(prepare, evalResizeBilinear);
