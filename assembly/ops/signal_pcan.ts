// SignalPCAN (TFLM signal/micro/kernels/pcan.cc): options {snr_shift}; uint32 channels, uint32
// noise estimate and the int16 gain table in; uint32 out.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkRank, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_pcan";
import * as simd from "../../kernels-simd/signal_pcan";

// The gain table is indexed up to 4 * 32 - 6 + 2 for the largest uint32 noise value.
const GAIN_TABLE_ENTRIES = 125;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 3, 3, 1)) return false;
  const input = requireInput(sg, node, 0);
  const noise = requireInput(sg, node, 1);
  const lut = requireInput(sg, node, 2);
  if (input === null || noise === null || lut === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (<i32>input.type != DType.UINT32) return opFailType(node, "input", input);
  if (<i32>noise.type != DType.UINT32) return opFailType(node, "noise estimate", noise);
  if (<i32>lut.type != DType.INT16) return opFailType(node, "gain table", lut);
  if (<i32>output.type != DType.UINT32) return opFailType(node, "output", output);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "noise estimate", noise, 1)) return false;
  if (!checkRank(node, "gain table", lut, 1) || !checkRank(node, "output", output, 1)) return false;
  const channels = elementCount(input);
  if (channels <= 0 || elementCount(noise) != channels || elementCount(output) != channels) {
    return opFail(node, "input, noise estimate and output sizes differ");
  }
  if (elementCount(lut) < GAIN_TABLE_ENTRIES) return opFail(node, "gain table has fewer than 125 entries");
  if (!openCustomOptions(node) || !optionInt(node, "snr_shift", 0, 63)) return false;
  const p = allocOpData(node, 8);
  if (p == 0) return false;
  store<i32>(p, channels);
  store<i32>(p, optionValue, 4);
  return true;
}

function evalPcan(sg: Subgraph, node: Node): bool {
  const p = node.opData;
  const input = inputData(sg, node, 0);
  const noise = inputData(sg, node, 1);
  const lut = inputData(sg, node, 2);
  const output = outputData(sg, node, 0);
  if (SIMD) simd.signalPcan(load<i32>(p), load<i32>(p, 4), input, noise, lut, output);
  else scalar.signalPcan(load<i32>(p), load<i32>(p, 4), input, noise, lut, output);
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalPcan = new OpRegistration(prepare, evalPcan);
