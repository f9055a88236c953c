// SignalFilterBankSpectralSubtraction (TFLM signal/micro/kernels/
// filter_bank_spectral_subtraction.cc): uint32 channels in; outputs the noise-reduced
// channels and a copy of the noise estimate, which is state kept across invokes (zeroed at
// load and by reset).

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkRank, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { openCustomOptions, optionInt, optionBool, optionValue } from "./custom_options";
import { allocPersistent } from "../arena";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/signal_filter_bank_spectral_subtraction";
import * as simd from "../../kernels-simd/signal_filter_bank_spectral_subtraction";
import { SpectralSubtractionParams } from "../../kernels-scalar/signal_filter_bank_spectral_subtraction";

/** Reads a uint32 coefficient (TFLM reads an int32 and stores it unsigned). */
function coefficient(node: Node, name: string): bool {
  return optionInt(node, name, i32.MIN_VALUE, i32.MAX_VALUE);
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 2)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  const noise = getOutput(sg, node, 1);
  if (!checkWritable(node, output) || !checkWritable(node, noise)) return false;
  if (<i32>input.type != DType.UINT32) return opFailType(node, "input", input);
  if (<i32>output.type != DType.UINT32) return opFailType(node, "output", output);
  if (<i32>noise.type != DType.UINT32) return opFailType(node, "noise estimate output", noise);
  if (!checkRank(node, "input", input, 1) || !checkRank(node, "output", output, 1) || !checkRank(node, "noise estimate", noise, 1)) return false;
  if (!openCustomOptions(node) || !optionInt(node, "num_channels", 1, 65535)) return false;
  const channels = optionValue;
  // TFLM copies the noise tensor's size out of num_channels entries of state.
  if (elementCount(input) < channels || elementCount(output) < channels || elementCount(noise) != channels) {
    return opFail(node, "input, output and noise estimate must hold num_channels values");
  }
  const p = changetype<SpectralSubtractionParams>(allocOpData(node, offsetof<SpectralSubtractionParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.numChannels = channels;
  if (!coefficient(node, "smoothing")) return false;
  p.smoothing = <u32>optionValue;
  if (!coefficient(node, "one_minus_smoothing")) return false;
  p.oneMinusSmoothing = <u32>optionValue;
  if (!coefficient(node, "alternate_smoothing")) return false;
  p.alternateSmoothing = <u32>optionValue;
  if (!coefficient(node, "alternate_one_minus_smoothing")) return false;
  p.alternateOneMinusSmoothing = <u32>optionValue;
  if (!coefficient(node, "min_signal_remaining")) return false;
  p.minSignalRemaining = <u32>optionValue;
  if (!optionInt(node, "smoothing_bits", 0, 31)) return false;
  p.smoothingBits = <u32>optionValue;
  if (!optionInt(node, "spectral_subtraction_bits", 0, 63)) return false;
  p.spectralSubtractionBits = <u32>optionValue;
  if (!optionBool(node, "clamping")) return false;
  p.clamping = optionValue;
  p.noiseEstimate = allocPersistent(<usize>channels << 2);
  return p.noiseEstimate != 0;
}

function evalSpectralSubtraction(sg: Subgraph, node: Node): bool {
  const p = changetype<SpectralSubtractionParams>(node.opData);
  if (SIMD) simd.signalSpectralSubtraction(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  else scalar.signalSpectralSubtraction(p, inputData(sg, node, 0), outputData(sg, node, 0), outputData(sg, node, 1));
  return true;
}

function resetSpectralSubtraction(sg: Subgraph, node: Node): void {
  const p = changetype<SpectralSubtractionParams>(node.opData);
  if (changetype<usize>(p) != 0 && p.noiseEstimate != 0) memory.fill(p.noiseEstimate, 0, <usize>p.numChannels << 2);
}

// @ts-ignore: decorator
@lazy export const SignalFilterBankSpectralSubtraction = new OpRegistration(prepare, evalSpectralSubtraction, resetSpectralSubtraction);
