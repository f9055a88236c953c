// ZEROS_LIKE (TFLM zeros_like.cc): int64, int32, int8, float32; an output of the input's
// dtype and element count, all zeros.

import { Subgraph, Node, elementCount } from "../graph";
import { OpRegistration, opFail, outputData } from "./registry";
import { prepareIO, ioOutput, I64, I32, I8, F32 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/fill";
import * as simd from "../../kernels-simd/fill";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, I64 | I32 | I8 | F32);
  if (input === null) return false;
  const output = ioOutput;
  if (elementCount(output) != elementCount(input)) return opFail(node, "input and output element counts differ");
  // The byte count is all eval needs: kept in the op data slot itself.
  node.opData = <usize>output.bytes;
  return true;
}

function evalZerosLike(sg: Subgraph, node: Node): bool {
  if (SIMD) simd.zerosLike(outputData(sg, node, 0), node.opData);
  else scalar.zerosLike(outputData(sg, node, 0), node.opData);
  return true;
}

// @ts-ignore: decorator
@lazy export const ZerosLike = new OpRegistration(prepare, evalZerosLike);
