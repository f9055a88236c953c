// SignalRfft (TFLM signal/micro/kernels/rfft.cc): options {T, fft_length}; each frame (last
// dim) is zero-padded to fft_length and transformed; fft_length/2 + 1 complex bins out.
// T is int16, int32 (KISS FFT fixed point) or float32, TFLM's three; power-of-two lengths.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, getInput, getOutput, opFail, inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { buildKissTables, checkFftOptions, fftOptionLength } from "./kiss_fft_tables";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_rfft";
import * as simd from "../../kernels-simd/signal_rfft";
import { SignalRfftParams } from "../../kernels-scalar/signal_rfft";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkFftOptions(sg, node)) return false;
  const input = getInput(sg, node, 0)!, output = getOutput(sg, node, 0);
  const type = <i32>input.type, fftLength = fftOptionLength;
  const ncfft = fftLength >> 1;
  const inputLength = dim(input, input.rank - 1);
  const inputSize = elementCount(input);
  if (inputLength <= 0 || inputLength > fftLength || inputSize % inputLength != 0) {
    return opFail(node, "input frames must be 1..fft_length samples and fill the input");
  }
  const frames = inputSize / inputLength;
  const outputLength = dim(output, output.rank - 1) >> 1;
  // Each frame writes ncfft + 1 complex bins at a stride of outputLength.
  if (outputLength < ncfft + 1 || <i64>frames * <i64>outputLength * 2 > <i64>elementCount(output)) {
    return opFail(node, "output is too small for fft_length / 2 + 1 complex bins per frame");
  }

  const p = changetype<SignalRfftParams>(allocOpData(node, offsetof<SignalRfftParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.fftLength = fftLength;
  p.inputLength = inputLength;
  p.outputLength = outputLength;
  p.frames = frames;
  p.sampleType = type;
  if (!buildKissTables(p, ncfft, type, false)) return false;
  // The zero-padded frame, then the complex FFT (ncfft complex values): 2 x fftLength values.
  p.scratchIndex = requestScratch(sg, node, fftLength * (type == DType.INT16 ? 4 : 8));
  return p.scratchIndex >= 0 || opFail(node, "could not request the scratch buffer");
}

function evalRfft(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalRfftParams>(node.opData);
  const scratch = scratchData(sg, p.scratchIndex);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.sampleType == DType.INT16) {
    if (SIMD) simd.signalRfftInt16(p, input, output, scratch);
    else scalar.signalRfftInt16(p, input, output, scratch);
  } else if (p.sampleType == DType.INT32) {
    if (SIMD) simd.signalRfftInt32(p, input, output, scratch);
    else scalar.signalRfftInt32(p, input, output, scratch);
  } else {
    if (SIMD) simd.signalRfftFloat(p, input, output, scratch);
    else scalar.signalRfftFloat(p, input, output, scratch);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const SignalRfft = new OpRegistration(prepare, evalRfft);
