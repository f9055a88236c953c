// SignalFftAutoScale (TFLM signal/micro/kernels/fft_auto_scale_kernel.cc): int16 in, int16
// out (scaled up) and the int32 shift applied.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable, inputData, outputData } from "./registry";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_fft_auto_scale";
import * as simd from "../../kernels-simd/signal_fft_auto_scale";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 2)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  const scale = getOutput(sg, node, 1);
  if (!checkWritable(node, output) || !checkWritable(node, scale)) return false;
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
  if (<i32>scale.type != DType.INT32) return opFailType(node, "scale output", scale);
  const size = elementCount(input);
  if (elementCount(output) != size) return opFail(node, "input and output sizes differ");
  if (elementCount(scale) < 1) return opFail(node, "scale output is empty");
  // The element count is all eval needs: kept in the op data slot itself.
  node.opData = <usize>size;
  return true;
}

function evalFftAutoScale(sg: Subgraph, node: Node): bool {
  const size = <i32>node.opData;
  if (SIMD) simd.signalFftAutoScale(size, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  else scalar.signalFftAutoScale(size, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalFftAutoScale = new OpRegistration(prepare, evalFftAutoScale);
