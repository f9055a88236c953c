// SignalFilterBankSquareRoot (TFLM signal/micro/kernels/filter_bank_square_root.cc): uint64
// channels and the int32 scale bits in, uint32 out.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkRank, checkWritable, inputData, outputData } from "./registry";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_filter_bank_square_root";
import * as simd from "../../kernels-simd/signal_filter_bank_square_root";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const input = requireInput(sg, node, 0);
  const scaleBits = requireInput(sg, node, 1);
  if (input === null || scaleBits === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (<i32>input.type != DType.UINT64) return opFailType(node, "input", input);
  if (<i32>scaleBits.type != DType.INT32) return opFailType(node, "scale bits", scaleBits);
  if (<i32>output.type != DType.UINT32) return opFailType(node, "output", output);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1)) return false;
  if (elementCount(scaleBits) < 1) return opFail(node, "scale bits tensor is empty");
  const channels = dim(input, 0);
  if (elementCount(output) < channels) return opFail(node, "output is smaller than the input");
  node.opData = <usize>channels;
  return true;
}

function evalSquareRoot(sg: Subgraph, node: Node): bool {
  const channels = <i32>node.opData;
  if (SIMD) simd.signalFilterBankSquareRoot(channels, inputData(sg, node, 0), inputData(sg, node, 1), outputData(sg, node, 0));
  else scalar.signalFilterBankSquareRoot(channels, inputData(sg, node, 0), inputData(sg, node, 1), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalFilterBankSquareRoot = new OpRegistration(prepare, evalSquareRoot);
