// SignalIrfft (TFLM signal/micro/kernels/irfft.cc): options {T, fft_length}; input frames of
// complex bins (last dim: pairs of re, im) of dtype T, output frames of fft_length real
// samples of dtype T; T is int16, int32 or float32 (TFLM's three). KISS FFT fixed point or
// float; power-of-two lengths only, as SignalRfft here.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, getInput, getOutput, opFail, inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { buildKissTables, checkFftOptions, fftOptionLength } from "./kiss_fft_tables";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_irfft";
import * as simd from "../../kernels-simd/signal_irfft";
import { SignalIrfftParams } from "../../kernels-scalar/signal_irfft";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkFftOptions(sg, node)) return false;
  const input = getInput(sg, node, 0)!, output = getOutput(sg, node, 0);
  const type = <i32>input.type, fftLength = fftOptionLength;
  const ncfft = fftLength >> 1;
  const inputLength = dim(input, input.rank - 1) >> 1;
  const inputSize = elementCount(input) >> 1;
  const outputLength = dim(output, output.rank - 1);
  // Each frame reads ncfft + 1 bins and writes fftLength samples.
  if (inputLength < ncfft + 1 || inputSize % inputLength != 0) {
    return opFail(node, "input frames must hold fft_length / 2 + 1 complex bins and fill the input");
  }
  const frames = inputSize / inputLength;
  if (outputLength < fftLength || <i64>frames * <i64>outputLength > <i64>elementCount(output)) {
    return opFail(node, "output is too small for fft_length samples per frame");
  }
  const p = changetype<SignalIrfftParams>(allocOpData(node, offsetof<SignalIrfftParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.fftLength = fftLength;
  p.inputLength = inputLength;
  p.outputLength = outputLength;
  p.frames = frames;
  p.sampleType = type;
  if (!buildKissTables(p, ncfft, type, true)) return false;
  p.scratchIndex = requestScratch(sg, node, ncfft * (type == DType.INT16 ? 4 : 8));
  return p.scratchIndex >= 0 || opFail(node, "could not request the scratch buffer");
}

function evalIrfft(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalIrfftParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const scratch = scratchData(sg, p.scratchIndex);
  const type = p.sampleType;
  if (type == DType.INT16) {
    if (SIMD) simd.signalIrfftInt16(p, input, output, scratch);
    else scalar.signalIrfftInt16(p, input, output, scratch);
  } else if (type == DType.INT32) {
    if (SIMD) simd.signalIrfftInt32(p, input, output, scratch);
    else scalar.signalIrfftInt32(p, input, output, scratch);
  } else {
    if (SIMD) simd.signalIrfftFloat(p, input, output, scratch);
    else scalar.signalIrfftFloat(p, input, output, scratch);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalIrfft = new OpRegistration(prepare, evalIrfft);
