// SignalFramer (TFLM signal/micro/kernels/framer.cc): options {frame_size, frame_step,
// prefill}; int16 input [..., n]; outputs int16 frames [..., n / frame_step, frame_size] and
// a bool scalar, true when every frame was complete. The row buffers are state kept across
// invokes (prefill starts them with frame_size - frame_step zeros; reset restores that).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { openCustomOptions, optionInt, optionBool, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_framer";
import * as simd from "../../kernels-simd/signal_framer";
import { SignalFramerParams } from "../../kernels-scalar/signal_framer";

const MAX_FRAME = 1 << 24;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 2)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  const valid = getOutput(sg, node, 1);
  if (!checkWritable(node, output) || !checkWritable(node, valid)) return false;
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
  if (<i32>valid.type != DType.BOOL) return opFailType(node, "valid output", valid);
  if (valid.rank != 0) return opFail(node, "the valid output must be a scalar");
  const rank = <i32>input.rank;
  if (rank < 1 || <i32>output.rank != rank + 1) return opFail(node, "output must have one dimension more than the input");
  if (!openCustomOptions(node)) return false;
  if (!optionInt(node, "frame_size", 1, MAX_FRAME)) return false;
  const size = optionValue;
  if (!optionInt(node, "frame_step", 1, MAX_FRAME)) return false;
  const step = optionValue;
  if (!optionBool(node, "prefill")) return false;
  const prefill = optionValue != 0;
  // TFLM would write a negative count of zeros.
  if (prefill && size < step) return opFail(node, "prefill needs frame_size >= frame_step");
  const n = dim(input, rank - 1);
  if (n < step || n % step != 0) return opFail(node, "the innermost input dimension must be a multiple of frame_step");
  const framesPerRow = n / step;
  for (let d = 0; d < rank - 1; d++) {
    if (dim(output, d) != dim(input, d)) return opFail(node, "output shape must be the input's outer dimensions, frames, frame_size");
  }
  if (dim(output, rank - 1) != framesPerRow || dim(output, rank) != size) {
    return opFail(node, "output shape must be the input's outer dimensions, frames, frame_size");
  }
  const p = changetype<SignalFramerParams>(allocOpData(node, offsetof<SignalFramerParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.frameSize = size;
  p.frameStep = step;
  p.rows = elementCount(input) / n;
  p.framesPerRow = framesPerRow;
  p.capacity = <i32>((<i64>size + step - 1) / step * step);
  p.initialFill = prefill ? size - step : 0;
  p.filled = p.initialFill;
  const bytes = <i64>p.rows * <i64>p.capacity * 2;
  if (bytes > 0x40000000) return opFail(node, "frame_size is too large for the input");
  p.buffers = allocPersistent(<usize>bytes);
  return p.buffers != 0;
}

function evalFramer(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalFramerParams>(node.opData);
  if (SIMD) simd.signalFramer(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  else scalar.signalFramer(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  return true;
}

function resetFramer(sg: Subgraph, node: Node): void {
  const p = changetype<SignalFramerParams>(node.opData);
  if (changetype<usize>(p) == 0 || p.buffers == 0) return;
  if (SIMD) simd.signalFramerReset(p);
  else scalar.signalFramerReset(p);
}

// @ts-ignore: decorator
@lazy export const SignalFramer = new OpRegistration(prepare, evalFramer, resetFramer);
