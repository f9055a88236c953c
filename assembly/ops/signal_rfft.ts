// SignalRfft (TFLM signal/micro/kernels/rfft.cc): options {T, fft_length}; each frame (last
// dim) is zero-padded to fft_length and transformed; fft_length/2 + 1 complex bins out.
// int16 only (KISS FFT fixed point), power-of-two lengths.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_rfft";
import * as simd from "../../kernels-simd/signal_rfft";
import { SignalRfftParams } from "../../kernels-scalar/signal_rfft";

const MAX_FFT_LENGTH = 1 << 16;

/** KISS kf_cexp in fixed point: round(32767 * cos/sin(phase)) as int16. */
function storeTwiddle(at: usize, phase: f64): void {
  store<i16>(at, <i16><i32>Math.floor(0.5 + 32767.0 * Math.cos(phase)));
  store<i16>(at + 2, <i16><i32>Math.floor(0.5 + 32767.0 * Math.sin(phase)));
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 1)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (!openCustomOptions(node) || !optionInt(node, "T", 0, 255)) return false;
  if (optionValue != DType.INT16) return opFail(node, "only the int16 FFT is supported");
  if (<i32>input.type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.INT16) return opFailType(node, "output", output);
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
  p.ncfft = ncfft;
  p.inputLength = inputLength;
  p.outputLength = outputLength;
  p.frames = frames;
  // Stages as KISS factors them: radix 4 while it divides, then one radix 2.
  let stages = 0;
  for (let n = ncfft; n > 1; n = n % 4 == 0 ? n >> 2 : n >> 1) stages++;
  p.numStages = stages;
  p.radices = allocPersistent(<usize>stages << 2);
  p.twiddles = allocPersistent(<usize>ncfft << 2);
  p.superTwiddles = allocPersistent(<usize>(ncfft >> 1) << 2);
  if (p.radices == 0 || p.twiddles == 0 || p.superTwiddles == 0) return false;
  let s = 0;
  for (let n = ncfft; n > 1; s++) {
    const radix = n % 4 == 0 ? 4 : 2;
    store<i32>(p.radices + (<usize>s << 2), radix);
    n /= radix;
  }
  for (let i = 0; i < ncfft; i++) {
    storeTwiddle(p.twiddles + (<usize>i << 2), -2.0 * Math.PI * <f64>i / <f64>ncfft);
  }
  for (let i = 0; i < (ncfft >> 1); i++) {
    storeTwiddle(p.superTwiddles + (<usize>i << 2), -Math.PI * (<f64>(i + 1) / <f64>ncfft + 0.5));
  }
  p.scratchIndex = requestScratch(sg, node, (fftLength << 1) + (ncfft << 2));
  return p.scratchIndex >= 0 || opFail(node, "could not request the scratch buffer");
}

function evalRfft(sg: Subgraph, node: Node): bool {
  const p = changetype<SignalRfftParams>(node.opData);
  const scratch = scratchData(sg, p.scratchIndex);
  if (SIMD) simd.signalRfftInt16(p, inputData(sg, node, 0), outputData(sg, node, 0), scratch);
  else scalar.signalRfftInt16(p, inputData(sg, node, 0), outputData(sg, node, 0), scratch);
  return true;
}

export const SignalRfft = new OpRegistration(prepare, evalRfft);
