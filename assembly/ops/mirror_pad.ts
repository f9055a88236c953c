// MIRROR_PAD (TFLM mirror_pad.cc): float32, int8, up to 5 dimensions. The paddings (int32 or
// int64, [rank, 2]) must be constant here (TFLM reads them at eval); REFLECT pads at most
// dim - 1 per side, SYMMETRIC at most dim, so every output element maps into the input.

import { Subgraph, Node, dim, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import {
  OpRegistration, requireInput, opFail, inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType, requireConstant, intAt, prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/mirror_pad";
import * as simd from "../../kernels-simd/mirror_pad";
import { MirrorPadParams, MIRROR_PAD_RANK } from "../../kernels-scalar/mirror_pad";

// MirrorPadOptions field ids; MirrorPadMode REFLECT = 0, SYMMETRIC = 1.
const OPT_MODE = 0;
const MODE_REFLECT = 0;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 2, 2, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const paddings = requireInput(sg, node, 1);
  if (paddings === null) return false;
  const type = <i32>input.type;
  const rank = <i32>input.rank;
  if (rank > MIRROR_PAD_RANK) return opFail(node, "input has more than 5 dimensions");
  if (<i32>output.rank != rank) return opFail(node, "input and output ranks differ");
  if (!checkIndexType(node, "paddings", paddings, true) || !requireConstant(node, "paddings", paddings)) return false;
  if (paddings.rank != 2 || dim(paddings, 0) != rank || dim(paddings, 1) != 2) return opFail(node, "paddings must be [rank, 2]");
  const offset = fbI8(nodeOptions(node), OPT_MODE, 0) == MODE_REFLECT ? 1 : 0;
  const p = changetype<MirrorPadParams>(allocOpData(node, offsetof<MirrorPadParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.offset = offset;
  p.elementShift = type == DType.INT8 ? 0 : 2;
  const base = changetype<usize>(p);
  const lead = MIRROR_PAD_RANK - rank;
  for (let k = 0; k < MIRROR_PAD_RANK; k++) {
    const i = k - lead;
    let inDim = 1, outDim = 1, left: i64 = 0, right: i64 = 0;
    if (i >= 0) {
      inDim = dim(input, i);
      outDim = dim(output, i);
      left = intAt(paddings.data, <i32>paddings.type, 2 * i);
      right = intAt(paddings.data, <i32>paddings.type, 2 * i + 1);
    }
    const most = <i64>(inDim - offset);
    if (left < 0 || right < 0 || (left > 0 && left > most) || (right > 0 && right > most)) return opFail(node, "paddings exceed the input size");
    if (<i64>inDim + left + right != <i64>outDim) return opFail(node, "output shape does not match the inputs");
    if (inDim == 0 && outDim != 0) return opFail(node, "cannot pad an empty dimension");
    store<i32>(base + offsetof<MirrorPadParams>("inDim0") + (<usize>k << 2), inDim);
    store<i32>(base + offsetof<MirrorPadParams>("outDim0") + (<usize>k << 2), outDim);
    store<i32>(base + offsetof<MirrorPadParams>("left0") + (<usize>k << 2), <i32>left);
  }
  return true;
}

function evalMirrorPad(sg: Subgraph, node: Node): bool {
  const p = changetype<MirrorPadParams>(node.opData);
  if (SIMD) simd.mirrorPad(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.mirrorPad(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const MirrorPad = new OpRegistration(prepare, evalMirrorPad);
