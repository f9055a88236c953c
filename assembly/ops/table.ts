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
    // (builtin ops: one line each, in Op order)
    case Op.CUSTOM: return findCustom(custom);
  }
  return null;
}

function findCustom(name: usize): OpRegistration | null {
  // (custom ops: one line each)  if (strEquals(name, "SignalWindow")) return SignalWindow;
  return null;
}
