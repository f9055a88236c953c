// SignalDelay (TFLM signal/micro/kernels/delay.cc): option {delay_length}; int16 in and out,
// same shape; every row (innermost dimension) is delayed by delay_length samples. The
// delayed samples are state kept across invokes (zeros at load and after reset).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, checkSameShape, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_delay";
import * as simd from "../../kernels-simd/signal_delay";
import { SignalDelayParams } from "../../kernels-scalar/signal_delay";

const MAX_DELAY = 1 << 24;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
  if (input.rank < 1) return opFail(node, "input must have at least 1 dimension");
  if (!checkSameShape(node, input, output)) return false;
  if (!openCustomOptions(node) || !optionInt(node, "delay_length", 0, MAX_DELAY)) return false;
  const delay = optionValue;
  const frameSize = dim(input, input.rank - 1);
  const count = elementCount(input);
  if (frameSize <= 0 && count > 0) return opFail(node, "the innermost dimension is empty");
  const p = changetype<SignalDelayParams>(allocOpData(node, offsetof<SignalDelayParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.frameSize = frameSize;
  p.delayLength = delay;
  p.rows = frameSize > 0 ? count / frameSize : 0;
  const bytes = <i64>p.rows * <i64>delay * 2;
  if (bytes > 0x40000000) return opFail(node, "delay_length is too large for the input");
  p.history = bytes > 0 ? allocPersistent(<usize>bytes) : 0;
  return bytes == 0 || p.history != 0;
}

function evalDelay(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalDelayParams>(node.opData);
  if (SIMD) simd.signalDelay(p, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.signalDelay(p, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

function resetDelay(sg: Subgraph, node: Node): void {
  const p = changetype<SignalDelayParams>(node.opData);
  if (changetype<usize>(p) != 0 && p.history != 0) memory.fill(p.history, 0, <usize>p.rows * <usize>p.delayLength * 2);
}

// @ts-ignore: decorator
@lazy export const SignalDelay = new OpRegistration(prepare, evalDelay, resetDelay);
