// CIRCULAR_BUFFER custom op (TFLM circular_buffer.cc / circular_buffer_common.cc): int8
// input [b, 1, h, d], output [b, slots, h, d] (normally a variable tensor); each invoke
// shifts the output by one slot and appends the input. It "runs" every cycles_max invokes:
// with a second (bool) output it reports readiness there; without one, an invoke that is
// not ready ends early (TFLM's kTfLiteAbort: the rest of the model is skipped and the invoke
// reports it; see invokeAborted in ./control_flow).
//
// cycles_max comes from the custom options; when absent or <= 0, TFLM guesses from the shape
// (slots 5, 13 or 25, or the fifth such op of a model with [.., 2, 96] output: 1, else 2)
// with a counter that TFLM keeps for the whole process; ours counts per model load, so a
// model prepares the same way every time it loads.

import { Subgraph, Node, dim, elementCount, nodeCustomOptions, numOutputs } from "../graph";
import { DType } from "../schema/tflite";
import { vecLen } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkRank,
  inputData, outputData, allocOpData,
} from "./registry";
import { openCustomOptions } from "./custom_options";
import { flexInt } from "../schema/flexbuffer";
import { errStr, errInt } from "../common/error";
import { setInvokeAborted } from "./control_flow";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/circular_buffer";
import * as simd from "../../kernels-simd/circular_buffer";
import { CircularBufferParams } from "../../kernels-scalar/circular_buffer";

let guessCount: i32 = 0;
/** Called when a model starts loading (the shape heuristic's counter). */
export function beginCircularBuffers(): void { guessCount = 0; }

function prepare(sg: Subgraph, node: Node): bool {
  const hasReady = numOutputs(node) == 2;
  if (!checkCounts(node, 1, 1, hasReady ? 2 : 1)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkRank(node, "input", input, 4) || !checkRank(node, "output", output, 4)) return false;
  if (<i32>input.type != DType.INT8) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT8) return opFailType(node, "output", output);
  if (dim(input, 0) != dim(output, 0) || dim(input, 1) != 1 || dim(input, 2) != dim(output, 2) || dim(input, 3) != dim(output, 3)) {
    return opFail(node, "input must be [b, 1, h, d] and output [b, slots, h, d]");
  }
  const slots = dim(output, 1);
  const depth = dim(output, 2) * dim(output, 3);
  if (slots < 1) return opFail(node, "output needs at least one slot");
  if (hasReady) {
    const ready = getOutput(sg, node, 1);
    if (<i32>ready.type != DType.BOOL || elementCount(ready) != 1) return opFail(node, "output 1 must be a single bool");
  }
  let cyclesMax = 0;
  const raw = nodeCustomOptions(node);
  if (raw != 0 && vecLen(raw) > 0) {
    if (!openCustomOptions(node)) return false;
    const v = flexInt("cycles_max", 0);
    cyclesMax = v > 0x7fffffff ? 0x7fffffff : (v < 0 ? 0 : <i32>v);
  }
  if (cyclesMax <= 0) {
    guessCount++;
    if (slots == 5 || slots == 13 || slots == 25 || (guessCount == 5 && dim(output, 2) == 2 && dim(output, 3) == 96)) {
      cyclesMax = 1;
      guessCount = 0;
    } else {
      cyclesMax = 2;
    }
  }
  const p = changetype<CircularBufferParams>(allocOpData(node, offsetof<CircularBufferParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.numSlots = slots;
  p.depth = depth;
  p.cyclesMax = cyclesMax;
  p.cyclesUntilRun = cyclesMax;
  p.hasReadyOutput = hasReady;
  return true;
}

function evalCircularBuffer(sg: Subgraph, node: Node): bool {
  const p = changetype<CircularBufferParams>(node.opData);
  if (SIMD) simd.circularBufferInt8(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.circularBufferInt8(p, inputData(sg, node, 0), outputData(sg, node, 0));
  const ready = --p.cyclesUntilRun <= 0;
  if (ready) p.cyclesUntilRun = p.cyclesMax;
  if (p.hasReadyOutput) {
    store<u8>(outputData(sg, node, 1), ready ? 1 : 0);
    return true;
  }
  if (ready) return true;
  setInvokeAborted(true);
  if (opError(node, "not ready this invoke (it runs every ")) {
    errInt(p.cyclesMax); errStr(" invokes): the rest of the model was skipped (TFLM's kTfLiteAbort)");
  }
  return false;
}

function reset(sg: Subgraph, node: Node): void {
  const p = changetype<CircularBufferParams>(node.opData);
  p.cyclesUntilRun = p.cyclesMax;
}

// @ts-ignore: decorator
@lazy export const CircularBuffer = new OpRegistration(prepare, evalCircularBuffer, reset);
