// SignalFilterBank (TFLM signal/micro/kernels/filter_bank.cc): options {num_channels};
// inputs: uint32 spectrum, int16 weights, unweights, channel frequency starts, channel weight
// starts, channel widths; output uint64 per channel. The three channel tables must be
// constant so prepare can check that every index they produce stays inside its tensor.

import { Subgraph, Node, Tensor, TensorFlag, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkRank, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_filter_bank";
import * as simd from "../../kernels-simd/signal_filter_bank";
import { SignalFilterBankParams } from "../../kernels-scalar/signal_filter_bank";

function checkTable(node: Node, role: string, t: Tensor, entries: i32): bool {
  if (<i32>t.type != DType.INT16) return opFailType(node, role, t);
  if (!checkRank(node, role, t, 1)) return false;
  if ((t.flags & TensorFlag.Constant) == 0 || t.data == 0) {
    if (opError(node, role)) errStr(" must be a constant tensor");
    return false;
  }
  if (elementCount(t) < entries) {
    if (opError(node, role)) { errStr(" has fewer than num_channels + 1 = "); errInt(entries); errStr(" entries"); }
    return false;
  }
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 6, 6, 1)) return false;
  const input = requireInput(sg, node, 0);
  const weights = requireInput(sg, node, 1);
  const unweights = requireInput(sg, node, 2);
  const freqStarts = requireInput(sg, node, 3);
  const weightStarts = requireInput(sg, node, 4);
  const widths = requireInput(sg, node, 5);
  if (input === null || weights === null || unweights === null || freqStarts === null || weightStarts === null || widths === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (<i32>input.type != DType.UINT32) return opFailType(node, "input", input);
  if (<i32>weights.type != DType.INT16) return opFailType(node, "weights", weights);
  if (<i32>unweights.type != DType.INT16) return opFailType(node, "unweights", unweights);
  if (<i32>output.type != DType.UINT64) return opFailType(node, "output", output);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1)) return false;
  if (!checkRank(node, "weights", weights, 1) || !checkRank(node, "unweights", unweights, 1)) return false;
  if (!openCustomOptions(node) || !optionInt(node, "num_channels", 1, 65535)) return false;
  const channels = optionValue;
  if (!checkTable(node, "channel frequency starts", freqStarts, channels + 1)) return false;
  if (!checkTable(node, "channel weight starts", weightStarts, channels + 1)) return false;
  if (!checkTable(node, "channel widths", widths, channels + 1)) return false;
  if (elementCount(output) != channels) return opFail(node, "output size differs from num_channels");

  const spectrum = elementCount(input);
  const weightCount = elementCount(weights) < elementCount(unweights) ? elementCount(weights) : elementCount(unweights);
  for (let c = 0; c <= channels; c++) {
    const f = <i32>load<i16>(freqStarts.data + (<usize>c << 1));
    const w = <i32>load<i16>(weightStarts.data + (<usize>c << 1));
    const n = <i32>load<i16>(widths.data + (<usize>c << 1));
    if (n < 0 || f < 0 || w < 0 || f + n > spectrum || w + n > weightCount) {
      if (opError(node, "channel ")) { errInt(c); errStr(" reaches outside the spectrum or the weights"); }
      return false;
    }
  }

  const p = changetype<SignalFilterBankParams>(allocOpData(node, offsetof<SignalFilterBankParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.numChannels = channels;
  p.frequencyStarts = freqStarts.data;
  p.weightStarts = weightStarts.data;
  p.widths = widths.data;
  return true;
}

function evalFilterBank(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalFilterBankParams>(node.opData);
  const input = inputData(sg, node, 0);
  const weights = inputData(sg, node, 1);
  const unweights = inputData(sg, node, 2);
  const output = outputData(sg, node, 0);
  if (SIMD) simd.signalFilterBank(p, input, weights, unweights, output);
  else scalar.signalFilterBank(p, input, weights, unweights, output);
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalFilterBank = new OpRegistration(prepare, evalFilterBank);
