// SPACE_TO_DEPTH (TFLM space_to_depth.cc): float32, int8, NHWC. Each block_size x block_size
// patch becomes one pixel with block_size^2 times the depth: out_d = ((h % bs) * bs + w % bs)
// * depth + d. A pure element move: six strided axes over the input.

import { Subgraph, Node, dim, nodeOptions, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { fbI32 } from "../schema/flatbuffer";
import { OpRegistration, opFail } from "./registry";
import { prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd, allocCopyParams, evalStridedCopy } from "./strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

// SpaceToDepthOptions field ids.
const OPT_BLOCK_SIZE = 0;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (input.rank != 4 || output.rank != 4) return opFail(node, "input and output need 4 dimensions");
  const bs = fbI32(nodeOptions(node), OPT_BLOCK_SIZE, 0);
  if (bs < 1) return opFail(node, "block_size must be positive");
  const batches = dim(input, 0), height = dim(input, 1), width = dim(input, 2), depth = dim(input, 3);
  if (height % bs != 0 || width % bs != 0) return opFail(node, "height and width must be multiples of block_size");
  if (dim(output, 0) != batches || dim(output, 1) != height / bs || dim(output, 2) != width / bs ||
      <i64>dim(output, 3) != <i64>depth * <i64>bs * <i64>bs) return opFail(node, "output shape does not match the inputs");
  const p = allocCopyParams(node);
  if (p == 0) return false;
  // Output order (b, h / bs, w / bs, h % bs, w % bs, d).
  copyAxesBegin();
  copyAxis(batches, height * width * depth);
  copyAxis(height / bs, bs * width * depth);
  copyAxis(width / bs, bs * depth);
  copyAxis(bs, width * depth);
  copyAxis(bs, depth);
  copyAxis(depth, 1);
  return copyAxesEnd(node, changetype<StridedCopyParams>(p), type == DType.INT8 ? 0 : 2, 0, elementCount(input));
}

// @ts-ignore: decorator
@lazy export const SpaceToDepth = new OpRegistration(prepare, evalStridedCopy);
