// SQUEEZE (TFLM squeeze.cc): drops dimensions of size 1 (those listed in squeeze_dims, or all
// of them). The bytes are unchanged, so any fixed-size dtype works and the output may share
// the input's buffer (eval then copies nothing), as RESHAPE.

import { Subgraph, Node, dim, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbVector, vecLen, vecI32 } from "../schema/flatbuffer";
import { OpRegistration, opFail, inputData, outputData, noReset } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/reshape";
import * as simd from "../../kernels-simd/reshape";

// SqueezeOptions field ids.
const OPT_SQUEEZE_DIMS = 0;
const MAX_RANK = 8;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, ~(1 << DType.STRING));
  if (input === null) return false;
  const output = ioOutput;
  if (input.bytes != output.bytes) return opFail(node, "input and output sizes differ");
  const rank = <i32>input.rank;
  if (rank > MAX_RANK) return opFail(node, "input has more than 8 dimensions");
  const dims = fbVector(nodeOptions(node), OPT_SQUEEZE_DIMS, 4);
  const listed = vecLen(dims);
  let squeezed = 0;
  for (let i = 0; i < listed; i++) {
    let axis = vecI32(dims, i);
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank || dim(input, axis) != 1) return opFail(node, "squeeze_dims names a dimension not of size 1");
    squeezed |= 1 << axis;
  }
  if (listed == 0) for (let i = 0; i < rank; i++) if (dim(input, i) == 1) squeezed |= 1 << i;
  let o = 0;
  for (let i = 0; i < rank; i++) {
    if ((squeezed & (1 << i)) != 0) continue;
    if (o >= <i32>output.rank || dim(output, o) != dim(input, i)) return opFail(node, "output shape does not match the inputs");
    o++;
  }
  if (o != <i32>output.rank) return opFail(node, "output shape does not match the inputs");
  node.opData = <usize>input.bytes;
  return true;
}

function evalSqueeze(sg: Subgraph, node: Node): bool {
  if (SIMD) simd.reshape(inputData(sg, node, 0), outputData(sg, node, 0), node.opData);
  else scalar.reshape(inputData(sg, node, 0), outputData(sg, node, 0), node.opData);
  return true;
}

// @ts-ignore: decorator
@lazy export const Squeeze = new OpRegistration(prepare, evalSqueeze, noReset, 1);
