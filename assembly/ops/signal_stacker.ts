// SignalStacker (TFLM signal/micro/kernels/stacker.cc): options {num_channels,
// stacker_left_context, stacker_right_context, stacker_step}; int16 input [num_channels];
// outputs int16 [num_channels x (left + right + 1)] and a bool scalar, true when a stack came
// out this invoke. The frame buffer is state kept across invokes (emptied by reset).

import { Subgraph, Node, dim } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable, checkRank, inputData, outputData, allocOpData } from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_stacker";
import * as simd from "../../kernels-simd/signal_stacker";
import { SignalStackerParams } from "../../kernels-scalar/signal_stacker";

const MAX_VALUE = 1 << 20;

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
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1) || !checkRank(node, "valid output", valid, 0)) return false;
  if (!openCustomOptions(node)) return false;
  if (!optionInt(node, "num_channels", 1, MAX_VALUE)) return false;
  const channels = optionValue;
  if (!optionInt(node, "stacker_left_context", 0, MAX_VALUE)) return false;
  const left = optionValue;
  if (!optionInt(node, "stacker_right_context", 0, MAX_VALUE)) return false;
  const right = optionValue;
  const frames = left + right + 1;
  // TFLM's buffer breaks (reads past what it holds, or overflows) outside this range.
  if (!optionInt(node, "stacker_step", 1, frames)) return false;
  const step = optionValue;
  const stack = <i64>channels * <i64>frames;
  if (stack > <i64>MAX_VALUE) return opFail(node, "num_channels x (left + right + 1) is too large");
  if (dim(input, 0) != channels) return opFail(node, "input must hold num_channels values");
  if (<i64>dim(output, 0) != stack) return opFail(node, "output must hold num_channels x (left + right + 1) values");
  const p = changetype<SignalStackerParams>(allocOpData(node, offsetof<SignalStackerParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.channels = channels;
  p.leftContext = left;
  p.stackSize = <i32>stack;
  p.dropSize = channels * step;
  p.buffer = allocPersistent(<usize>stack << 1);
  return p.buffer != 0;
}

function evalStacker(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalStackerParams>(node.opData);
  if (SIMD) simd.signalStacker(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  else scalar.signalStacker(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  return true;
}

function resetStacker(sg: Subgraph, node: Node): void {
  const p = changetype<SignalStackerParams>(node.opData);
  if (changetype<usize>(p) == 0 || p.buffer == 0) return;
  if (SIMD) simd.signalStackerReset(p);
  else scalar.signalStackerReset(p);
}

// @ts-ignore: decorator
@lazy export const SignalStacker = new OpRegistration(prepare, evalStacker, resetStacker);
