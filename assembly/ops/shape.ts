// SHAPE (TFLM shape.cc): the input's dims as an int32 vector (TFLM supports no other output
// dtype). Shapes are static, so eval copies the model's shape vector.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/shape";
import * as simd from "../../kernels-simd/shape";

@unmanaged
class ShapeParams {
  /** The input's dims in the model (i32[rank]), read in place. */
  dims: usize;
  rank: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (<i32>output.type != DType.INT32) return opFailType(node, "output", output);
  if (output.rank != 1 || elementCount(output) != <i32>input.rank) return opFail(node, "output shape does not match the inputs");
  const p = changetype<ShapeParams>(allocOpData(node, offsetof<ShapeParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.dims = input.dims;
  p.rank = input.rank;
  return true;
}

function evalShape(sg: Subgraph, node: Node): bool {
  const p = changetype<ShapeParams>(node.opData);
  if (SIMD) simd.shape(p.dims, p.rank, outputData(sg, node, 0));
  else scalar.shape(p.dims, p.rank, outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const Shape = new OpRegistration(prepare, evalShape);
