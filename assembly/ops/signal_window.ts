// SignalWindow (TFLM signal/micro/kernels/window.cc): options {shift}; inputs int16 frames and
// an int16 window; each window-sized frame of the input is windowed.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkRank, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_window";
import * as simd from "../../kernels-simd/signal_window";
import { SignalWindowParams } from "../../kernels-scalar/signal_window";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const input = requireInput(sg, node, 0);
  const window = requireInput(sg, node, 1);
  if (input === null || window === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>window.type != DType.INT16) return opFailType(node, "window", window);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
  if (!checkRank(node, "window", window, 1)) return false;
  if (input.rank < 1 || input.rank != output.rank) return opFail(node, "input and output need the same rank >= 1");
  const windowSize = dim(window, 0);
  const inputSize = elementCount(input);
  if (windowSize <= 0 || inputSize % windowSize != 0) return opFail(node, "input size is not a multiple of the window size");
  if (elementCount(output) != inputSize) return opFail(node, "input and output sizes differ");
  if (!openCustomOptions(node) || !optionInt(node, "shift", 0, 31)) return false;
  const p = changetype<SignalWindowParams>(allocOpData(node, offsetof<SignalWindowParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.inputSize = inputSize;
  p.windowSize = windowSize;
  p.shift = optionValue;
  return true;
}

function evalWindow(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalWindowParams>(node.opData);
  if (SIMD) simd.signalWindow(p, inputData(sg, node, 0), inputData(sg, node, 1), outputData(sg, node, 0));
  else scalar.signalWindow(p, inputData(sg, node, 0), inputData(sg, node, 1), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalWindow = new OpRegistration(prepare, evalWindow);
