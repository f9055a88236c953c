// DEPTH_TO_SPACE (TFLM depth_to_space.cc): float32, int8, NHWC. The inverse of SPACE_TO_DEPTH:
// in_d = ((out_h % bs) * bs + out_w % bs) * out_depth + d. A pure element move.

import { Subgraph, Node, dim, nodeOptions, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { fbI32 } from "../schema/flatbuffer";
import { OpRegistration, opFail } from "./registry";
import { prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { copyAxesBegin, copyAxis, copyAxesEnd, allocCopyParams, evalStridedCopy } from "./strided_copy";
import { StridedCopyParams } from "../../kernels-scalar/strided_copy";

// DepthToSpaceOptions field ids.
const OPT_BLOCK_SIZE = 0;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (input.rank != 4 || output.rank != 4) return opFail(node, "input and output need 4 dimensions");
  const bs = fbI32(nodeOptions(node), OPT_BLOCK_SIZE, 0);
  if (bs < 1 || bs > 0x7fff) return opFail(node, "block_size must be positive");
  const batches = dim(input, 0), height = dim(input, 1), width = dim(input, 2), depth = dim(input, 3);
  if (depth % (bs * bs) != 0) return opFail(node, "depth must be a multiple of block_size squared");
  const outDepth = depth / (bs * bs);
  if (dim(output, 0) != batches || <i64>dim(output, 1) != <i64>height * <i64>bs || <i64>dim(output, 2) != <i64>width * <i64>bs ||
      dim(output, 3) != outDepth) return opFail(node, "output shape does not match the inputs");
  const p = allocCopyParams(node);
  if (p == 0) return false;
  // Output order (b, in_h, h % bs, in_w, w % bs, d).
  copyAxesBegin();
  copyAxis(batches, height * width * depth);
  copyAxis(height, width * depth);
  copyAxis(bs, bs * outDepth);
  copyAxis(width, depth);
  copyAxis(bs, outDepth);
  copyAxis(outDepth, 1);
  return copyAxesEnd(node, changetype<StridedCopyParams>(p), type == DType.INT8 ? 0 : 2, 0, elementCount(input));
}

// @ts-ignore: decorator
@lazy export const DepthToSpace = new OpRegistration(prepare, evalStridedCopy);
