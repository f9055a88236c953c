// SignalFilterBankLog (TFLM signal/micro/kernels/filter_bank_log.cc): options
// {input_correction_bits, output_scale}; uint32 channels in, int16 out.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, checkRank, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_filter_bank_log";
import * as simd from "../../kernels-simd/signal_filter_bank_log";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (<i32>input.type != DType.UINT32) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1)) return false;
  const channels = dim(input, 0);
  if (elementCount(output) < channels) return opFail(node, "output is smaller than the input");
  if (!openCustomOptions(node) || !optionInt(node, "input_correction_bits", 0, 31)) return false;
  const correction = optionValue;
  if (!optionInt(node, "output_scale", i32.MIN_VALUE, i32.MAX_VALUE)) return false;
  const p = allocOpData(node, 12);
  if (p == 0) return false;
  store<i32>(p, channels);
  store<i32>(p, optionValue, 4);   // used as uint32, as TFLM does
  store<i32>(p, correction, 8);
  return true;
}

function evalLog(sg: Subgraph, node: Node): bool {
  const p = node.opData;
  const channels = load<i32>(p);
  const scale = load<u32>(p, 4);
  const correction = load<u32>(p, 8);
  if (SIMD) simd.signalFilterBankLog(channels, scale, correction, inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.signalFilterBankLog(channels, scale, correction, inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalFilterBankLog = new OpRegistration(prepare, evalLog);
