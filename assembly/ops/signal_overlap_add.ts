// SignalOverlapAdd (TFLM signal/micro/kernels/overlap_add.cc): options {T, frame_step};
// input frames [..., n_frames, frame_size] of dtype T (int16 or float32, TFLM's two);
// output [..., n_frames x frame_step] of the same dtype. The overlap buffers (frame_size
// values per row) are state kept across invokes (zeros at load and after reset).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opError, opFailType, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_overlap_add";
import * as simd from "../../kernels-simd/signal_overlap_add";
import { SignalOverlapAddParams } from "../../kernels-scalar/signal_overlap_add";

/** Reads option T (a TFLite TensorType); only int16 and float32 are TFLM's. */
function optionType(node: Node): i32 {
  if (!optionInt(node, "T", 0, 255)) return -1;
  const t = optionValue;
  if (t != DType.INT16 && t != DType.FLOAT32) {
    if (opError(node, "custom option 'T' = ")) { errInt(t); errStr(" is not int16 or float32"); }
    return -1;
  }
  return t;
}

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (!openCustomOptions(node)) return false;
  const type = optionType(node);
  if (type < 0) return false;
  if (<i32>input.type != type) return opFailType(node, "input", input);
  if (<i32>output.type != type) return opFailType(node, "output", output);
  const rank = <i32>input.rank;
  if (rank < 2 || <i32>output.rank != rank - 1) return opFail(node, "input needs 2+ dimensions and the output one less");
  const size = dim(input, rank - 1);
  const frames = dim(input, rank - 2);
  // TFLM moves a negative count of samples when frame_step > frame_size.
  if (!optionInt(node, "frame_step", 0, size)) return false;
  const step = optionValue;
  for (let d = 0; d < rank - 2; d++) {
    if (dim(output, d) != dim(input, d)) return opFail(node, "output shape must be the input's outer dimensions, frames x frame_step");
  }
  if (<i64>dim(output, rank - 2) != <i64>frames * <i64>step) return opFail(node, "output shape must be the input's outer dimensions, frames x frame_step");
  const p = changetype<SignalOverlapAddParams>(allocOpData(node, offsetof<SignalOverlapAddParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.frameSize = size;
  p.frameStep = step;
  p.framesPerRow = frames;
  p.elementBytes = type == DType.INT16 ? 2 : 4;
  p.rows = size > 0 && frames > 0 ? elementCount(input) / (size * frames) : 0;
  const bytes = <i64>p.rows * <i64>size * <i64>p.elementBytes;
  if (bytes == 0) return true;
  if (bytes > 0x40000000) return opFail(node, "the input is too large");
  p.buffers = allocPersistent(<usize>bytes);
  return p.buffers != 0;
}

function evalOverlapAdd(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalOverlapAddParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.elementBytes == 2) {
    if (SIMD) simd.signalOverlapAddInt16(p, input, output);
    else scalar.signalOverlapAddInt16(p, input, output);
  } else {
    if (SIMD) simd.signalOverlapAddFloat(p, input, output);
    else scalar.signalOverlapAddFloat(p, input, output);
  }
  return true;
}

function resetOverlapAdd(sg: Subgraph, node: Node): void {
  const p = changetype<SignalOverlapAddParams>(node.opData);
  if (changetype<usize>(p) != 0 && p.buffers != 0) memory.fill(p.buffers, 0, <usize>p.rows * <usize>p.frameSize * <usize>p.elementBytes);
}

// @ts-ignore: decorator
@lazy export const SignalOverlapAdd = new OpRegistration(prepare, evalOverlapAdd, resetOverlapAdd);
