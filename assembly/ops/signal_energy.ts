// SignalEnergy (TFLM signal/micro/kernels/energy.cc): options {start_index, end_index};
// int16 complex spectrum in, uint32 energies out (only bins start..end-1 are written).

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, checkRank, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_energy";
import * as simd from "../../kernels-simd/signal_energy";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.UINT32) return opFailType(node, "output", output);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1)) return false;
  const bins = elementCount(input) >> 1;
  const outCount = elementCount(output);
  const limit = bins < outCount ? bins : outCount;
  if (!openCustomOptions(node) || !optionInt(node, "start_index", 0, limit)) return false;
  const start = optionValue;
  if (!optionInt(node, "end_index", 0, limit)) return false;
  const end = optionValue;
  if (end < start) return opFail(node, "end_index is before start_index");
  const p = allocOpData(node, 8);
  if (p == 0) return false;
  store<i32>(p, start);
  store<i32>(p, end, 4);
  return true;
}

function evalEnergy(sg: Subgraph, node: Node): bool {
  const p = node.opData;
  if (SIMD) simd.signalEnergy(load<i32>(p), load<i32>(p, 4), inputData(sg, node, 0), outputData(sg, node, 0));
  else scalar.signalEnergy(load<i32>(p), load<i32>(p, 4), inputData(sg, node, 0), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalEnergy = new OpRegistration(prepare, evalEnergy);
