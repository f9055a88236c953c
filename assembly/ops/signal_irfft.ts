// SignalIrfft (TFLM signal/micro/kernels/irfft.cc): options {T, fft_length}; input frames of
// complex bins (last dim: pairs of re, im) of dtype T, output frames of fft_length real
// samples of dtype T; T is int16, int32 or float32 (TFLM's three). KISS FFT fixed point or
// float; power-of-two lengths only, as SignalRfft here.

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
import * as scalar from "../../kernels-scalar/signal_irfft";
import * as simd from "../../kernels-simd/signal_irfft";
import { SignalIrfftParams } from "../../kernels-scalar/signal_irfft";

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
