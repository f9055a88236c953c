// Prepare side of the KISS FFT (kernels-scalar/signal_kiss_fft.ts) shared by SignalRfft and
// SignalIrfft: their common checks and options, the stage radices and the twiddle tables, in
// persistent memory, computed as KISS FFT 1.3.0 computes them (kf_cexp: fixed point rounds
// SAMP_MAX * cos/sin).

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { allocPersistent } from "../arena";
import { opFail, opError, opFailType } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { errStr, errInt } from "../common/error";

const MAX_FFT_LENGTH = 1 << 16;

/** fft_length of the options checkFftOptions read last. */
export let fftOptionLength = 0;

/**
 * The checks SignalRfft and SignalIrfft share: one input and one output of the same rank and of
 * the options' type T (int16, int32 or float32), and fft_length a power of two in 4..65536
 * (sets fftOptionLength).
 */
export function checkFftOptions(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
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
  fftOptionLength = fftLength;
  return true;
}
import { KissFftTables } from "../../kernels-scalar/signal_kiss_fft";

/** Stores cos/sin(phase) as one complex value of `type` (int16, int32 or float32) at `at`. */
function storeTwiddle(at: usize, type: i32, phase: f64): void {
  const c = Math.cos(phase), s = Math.sin(phase);
  if (type == DType.INT16) {
    store<i16>(at, <i16><i32>Math.floor(0.5 + 32767.0 * c));
    store<i16>(at + 2, <i16><i32>Math.floor(0.5 + 32767.0 * s));
  } else if (type == DType.INT32) {
    store<i32>(at, <i32>Math.floor(0.5 + 2147483647.0 * c));
    store<i32>(at + 4, <i32>Math.floor(0.5 + 2147483647.0 * s));
  } else {
    store<f32>(at, <f32>c);
    store<f32>(at + 4, <f32>s);
  }
}

/**
 * Fills `t` for a complex FFT of `ncfft` points (a power of two >= 2) of samples of `type`.
 * False when the arena is exhausted (the arena has set the message).
 */
export function buildKissTables(t: KissFftTables, ncfft: i32, type: i32, inverse: bool): bool {
  const complexBytes: usize = type == DType.INT16 ? 4 : 8;
  t.ncfft = ncfft;
  t.inverse = inverse ? 1 : 0;
  // Stages as KISS factors them: radix 4 while it divides, then one radix 2.
  let stages = 0;
  for (let n = ncfft; n > 1; n = n % 4 == 0 ? n >> 2 : n >> 1) stages++;
  t.numStages = stages;
  t.radices = allocPersistent(<usize>stages << 2);
  t.twiddles = allocPersistent(<usize>ncfft * complexBytes);
  t.superTwiddles = allocPersistent(<usize>(ncfft >> 1) * complexBytes);
  if (t.radices == 0 || t.twiddles == 0 || t.superTwiddles == 0) return false;
  let s = 0;
  for (let n = ncfft; n > 1; s++) {
    const radix = n % 4 == 0 ? 4 : 2;
    store<i32>(t.radices + (<usize>s << 2), radix);
    n /= radix;
  }
  const sign = inverse ? -1.0 : 1.0;
  for (let i = 0; i < ncfft; i++) {
    storeTwiddle(t.twiddles + <usize>i * complexBytes, type, sign * (-2.0 * Math.PI * <f64>i / <f64>ncfft));
  }
  for (let i = 0; i < (ncfft >> 1); i++) {
    storeTwiddle(t.superTwiddles + <usize>i * complexBytes, type, sign * (-Math.PI * (<f64>(i + 1) / <f64>ncfft + 0.5)));
  }
  return true;
}
