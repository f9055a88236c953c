// The op table: which registration runs each builtin (and custom) operator.
// Adding an op is one line here; see README "Adding an op".

import { Op } from "../schema/builtin_ops";
import { strEquals } from "../schema/flatbuffer";
import { OpRegistration } from "./registry";
import { FullyConnected } from "./fully_connected";
import { Conv2D } from "./conv2d";
import { DepthwiseConv2D } from "./depthwise_conv2d";
import { AveragePool2D } from "./average_pool2d";
import { MaxPool2D } from "./max_pool2d";
import { Reshape } from "./reshape";
import { Quantize } from "./quantize";
import { Dequantize } from "./dequantize";
import { Add } from "./add";
import { Sub } from "./sub";
import { Mul } from "./mul";
import { Softmax } from "./softmax";
import { Logistic } from "./logistic";
import { Tanh } from "./tanh";
import { UnidirectionalSequenceLstm } from "./unidirectional_sequence_lstm";
import { Cast } from "./cast";
import { Concatenation } from "./concatenation";
import { Div } from "./div";
import { Maximum, Minimum } from "./maximum_minimum";
import { StridedSlice } from "./strided_slice";
import { SignalWindow } from "./signal_window";
import { SignalFftAutoScale } from "./signal_fft_auto_scale";
import { SignalRfft } from "./signal_rfft";
import { SignalEnergy } from "./signal_energy";
import { SignalFilterBank } from "./signal_filter_bank";
import { SignalFilterBankSquareRoot } from "./signal_filter_bank_square_root";
import { SignalFilterBankSpectralSubtraction } from "./signal_filter_bank_spectral_subtraction";
import { SignalPcan } from "./signal_pcan";
import { SignalFilterBankLog } from "./signal_filter_bank_log";
import { Svdf } from "./svdf";
import { Pad, PadV2 } from "./pad";
import { LeakyRelu } from "./leaky_relu";
import { TransposeConv } from "./transpose_conv";

/** The registration for a builtin `code` (or custom op named by the string `custom`), or null. */
export function findRegistration(code: i32, custom: usize, version: i32): OpRegistration | null {
  switch (code) {
    case Op.FULLY_CONNECTED: return FullyConnected;
    case Op.CONV_2D: return Conv2D;
    case Op.DEPTHWISE_CONV_2D: return DepthwiseConv2D;
    case Op.AVERAGE_POOL_2D: return AveragePool2D;
    case Op.DEQUANTIZE: return Dequantize;
    case Op.MAX_POOL_2D: return MaxPool2D;
    case Op.RESHAPE: return Reshape;
    case Op.QUANTIZE: return Quantize;
    case Op.LOGISTIC: return Logistic;
    case Op.TANH: return Tanh;
    case Op.UNIDIRECTIONAL_SEQUENCE_LSTM: return UnidirectionalSequenceLstm;
    case Op.ADD: return Add;
    case Op.MUL: return Mul;
    case Op.SOFTMAX: return Softmax;
    case Op.SUB: return Sub;
    case Op.CAST: return Cast;
    case Op.CONCATENATION: return Concatenation;
    case Op.DIV: return Div;
    case Op.MAXIMUM: return Maximum;
    case Op.MINIMUM: return Minimum;
    case Op.STRIDED_SLICE: return StridedSlice;
    case Op.SVDF: return Svdf;
    case Op.PAD: return Pad;
    case Op.PADV2: return PadV2;
    case Op.LEAKY_RELU: return LeakyRelu;
    case Op.TRANSPOSE_CONV: return TransposeConv;
    // (builtin ops: one line each, in Op order)
    case Op.CUSTOM: return findCustom(custom);
  }
  return null;
}

function findCustom(name: usize): OpRegistration | null {
  // (custom ops: one line each)  if (strEquals(name, "SignalWindow")) return SignalWindow;
  if (strEquals(name, "SignalWindow")) return SignalWindow;
  if (strEquals(name, "SignalFftAutoScale")) return SignalFftAutoScale;
  if (strEquals(name, "SignalRfft")) return SignalRfft;
  if (strEquals(name, "SignalEnergy")) return SignalEnergy;
  if (strEquals(name, "SignalFilterBank")) return SignalFilterBank;
  if (strEquals(name, "SignalFilterBankSquareRoot")) return SignalFilterBankSquareRoot;
  if (strEquals(name, "SignalFilterBankSpectralSubtraction")) return SignalFilterBankSpectralSubtraction;
  if (strEquals(name, "SignalPCAN")) return SignalPcan;
  if (strEquals(name, "SignalFilterBankLog")) return SignalFilterBankLog;
  return null;
}
