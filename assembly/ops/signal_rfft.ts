// SignalRfft (TFLM signal/micro/kernels/rfft.cc): options {T, fft_length}; each frame (last
// dim) is zero-padded to fft_length and transformed; fft_length/2 + 1 complex bins out.
// T is int16, int32 (KISS FFT fixed point) or float32, TFLM's three; power-of-two lengths.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { buildKissTables } from "./kiss_fft_tables";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_rfft";
import * as simd from "../../kernels-simd/signal_rfft";
import { SignalRfftParams } from "../../kernels-scalar/signal_rfft";

const MAX_FFT_LENGTH = 1 << 16;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 1)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (!openCustomOptions(node) || !optionInt(node, "T", 0, 255)) return false;
  const type = optionValue;
  if (type != DType.INT16 && type != DType.INT32 && type != DType.FLOAT32) {
    if (opError(node, "custom option 'T' = ")) { errInt(type); errStr(" is not int16, int32 or float32"); }
    return false;
  }
  if (<i32>input.type != type) return opFailType(node, "input", input);
  if (<i32>output.type != type) return opFailType(node, "output", output);
  if (input.rank < 1 || input.rank != output.rank) return opFail(node, "input and output need the same rank >= 1");
  if (!optionInt(node, "fft_length", 4, MAX_FFT_LENGTH)) return false;
  const fftLength = optionValue;
  if ((fftLength & (fftLength - 1)) != 0) {
    if (opError(node, "fft_length ")) { errInt(fftLength); errStr(" is not a power of two (the only lengths supported)"); }
    return false;
  }
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
