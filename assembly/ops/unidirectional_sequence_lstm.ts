// UNIDIRECTIONAL_SEQUENCE_LSTM: options, checks and scratch (TFLM unidirectional_sequence_lstm.cc
// + lstm_eval_common.cc). As TFLM: the standard LSTM only (no CIFG, peephole, projection or layer
// norm), float32, or int8/int16 activations with int8 weights and an int16 cell state. The
// hidden and cell states are variable tensors, kept across invokes and zeroed by reset.

import { Subgraph, Node, Tensor, TensorFlag, dim, nodeOptions } from "../graph";
import { DType, Activation } from "../schema/tflite";
import { fbI8, fbF32, fbBool } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType,
  checkWritable, inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { prepareLstmInteger, lstmWeightType, lstmBiasType, lstmCellType } from "./lstm_quantization";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/unidirectional_sequence_lstm";
import * as simd from "../../kernels-simd/unidirectional_sequence_lstm";
import { LstmParams, LstmGate, IO_SLOTS, IO_OUTPUT, IO_SCRATCH } from "../../kernels-scalar/unidirectional_sequence_lstm";

// UnidirectionalSequenceLSTMOptions field ids.
const OPT_ACTIVATION = 0;
const OPT_CELL_CLIP = 1;
// proj_clip (2) only applies to projection, which is refused.
const OPT_TIME_MAJOR = 3;
// asymmetric_quantize_inputs (4) only concerns hybrid models, which are refused.
const OPT_DIAGONAL_RECURRENT_TENSORS = 5;

// Input roles (TFLM lstm_shared.h).
const INPUT = 0;
const HIDDEN_STATE = 18;
const CELL_STATE = 19;

/** Op data: LstmParams, then 4 LstmGate; the scratch index is kept after them. */
function opDataBytes(): usize { return offsetof<LstmParams>() + 4 * offsetof<LstmGate>() + 4; }
// @ts-ignore: decorator
@inline function scratchIndexAt(p: usize): usize { return p + offsetof<LstmParams>() + 4 * offsetof<LstmGate>(); }

/** Address table eval hands the kernel (static: no allocation in eval; eval is not re-entered). */
const IO_TABLE: usize = memory.data(IO_SLOTS * sizeof<usize>(), 8);

function failDim(node: Node, what: string, got: i32, want: i32): bool {
  if (opError(node, what)) { errStr(" is "); errInt(got); errStr(", expected "); errInt(want); }
  return false;
}

/** True when t holds at least `count` elements of `size` bytes (in f64: no overflow). */
function holds(t: Tensor, count: f64, size: i32): bool {
  return count * <f64>size <= <f64>t.bytes;
}

/** A [rows, cols] weight matrix of the expected dtype. */
function checkWeights(node: Node, t: Tensor, rows: i32, cols: i32, type: i32): bool {
  if (<i32>t.type != type) return opFailType(node, "weights", t);
  if (t.rank != 2 || dim(t, 0) != rows || dim(t, 1) != cols) {
    if (opError(node, "weights must be [")) { errInt(rows); errStr(", "); errInt(cols); errStr("]"); }
    return false;
  }
  if (!holds(t, <f64>rows * <f64>cols, type == DType.FLOAT32 ? 4 : 1)) return opFail(node, "weights data is too small");
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 24, 24, 1)) return false;
  const input = requireInput(sg, node, INPUT);
  const hidden = requireInput(sg, node, HIDDEN_STATE);
  const cell = requireInput(sg, node, CELL_STATE);
  if (input === null || hidden === null || cell === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;

  const options = nodeOptions(node);
  const activation = fbI8(options, OPT_ACTIVATION, 0);
  const cellClip = fbF32(options, OPT_CELL_CLIP, 0);
  const timeMajor = fbBool(options, OPT_TIME_MAJOR, false);
  if (activation != Activation.TANH) {
    if (opError(node, "cell gate activation ")) { errInt(activation); errStr(" is not supported (TFLM supports tanh only)"); }
    return false;
  }
  if (!(cellClip >= 0)) return opFail(node, "cell_clip must be >= 0");
  if (fbBool(options, OPT_DIAGONAL_RECURRENT_TENSORS, false)) return opFail(node, "diagonal recurrent weights are not supported, as in TFLM");

  // Dtypes: the activations, weights, biases and cell state TFLM's kernel pairs.
  const type = <i32>input.type;
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>hidden.type != type) return opFail(node, "hidden state dtype differs from the input's");
  if (<i32>output.type != type) return opFail(node, "output dtype differs from the input's");
  if (<i32>cell.type != lstmCellType(type)) return opFailType(node, "cell state", cell);
  if ((hidden.flags & TensorFlag.Variable) == 0 || (cell.flags & TensorFlag.Variable) == 0) {
    return opFail(node, "hidden and cell states must be variable tensors");
  }
  // Variants of the standard LSTM: peephole (9-11), projection (16-17), layer norm (20-23).
  for (let i = 9; i < 24; i++) {
    if (i >= 12 && i < 16 || i == HIDDEN_STATE || i == CELL_STATE) continue;
    if (getInput(sg, node, i) !== null) {
      if (opError(node, "input ")) { errInt(i); errStr(" (peephole, projection or layer norm) is not supported, as in TFLM"); }
      return false;
    }
  }
  const first = getInput(sg, node, 1);
  if (first !== null && <i32>first.type != lstmWeightType(type) && type == DType.FLOAT32) {
    return opFail(node, "hybrid quantization (float32 input with quantized weights) is not supported, as in TFLM");
  }

  // Sizes: input [batch, time, in] ([time, batch, in] when time-major), states [batch, state].
  if (input.rank != 3) return failDim(node, "input rank", input.rank, 3);
  if (hidden.rank < 2) return opFail(node, "hidden state must have rank 2");
  const batches = timeMajor ? dim(input, 1) : dim(input, 0);
  const timeSteps = timeMajor ? dim(input, 0) : dim(input, 1);
  const inputSize = dim(input, 2);
  const stateSize = dim(hidden, 1);
  if (batches <= 0 || timeSteps <= 0 || inputSize <= 0 || stateSize <= 0) return opFail(node, "input and state sizes must be positive");
  const weightType = lstmWeightType(type);
  const biasType = lstmBiasType(type);
  for (let gate = 0; gate < 4; gate++) {
    const inW = getInput(sg, node, 1 + gate);
    const recW = getInput(sg, node, 5 + gate);
    const bias = getInput(sg, node, 12 + gate);
    if (inW === null || recW === null || bias === null) return opFail(node, "gate weights and biases are required (no CIFG, as in TFLM)");
    if (!checkWeights(node, inW, stateSize, inputSize, weightType)) return false;
    if (!checkWeights(node, recW, stateSize, stateSize, weightType)) return false;
    if (<i32>bias.type != biasType) return opFailType(node, "bias", bias);
    if (bias.rank != 1 || dim(bias, 0) != stateSize) {
      if (opError(node, "biases must be [")) { errInt(stateSize); errStr("]"); }
      return false;
    }
  }
  const activationSize = type == DType.FLOAT32 ? 4 : (type == DType.INT16 ? 2 : 1);
  const cellSize = type == DType.FLOAT32 ? 4 : 2;
  const stateCount = <f64>batches * <f64>stateSize;
  if (!holds(hidden, stateCount, activationSize) || !holds(cell, stateCount, cellSize)) {
    return opFail(node, "hidden and cell states must hold batch x state elements");
  }
  if (output.rank != 3 || dim(output, 0) != dim(input, 0) || dim(output, 1) != dim(input, 1) || dim(output, 2) != stateSize) {
    return opFail(node, "output must be the input's first two dims x state size");
  }
  const steps = <f64>batches * <f64>timeSteps;
  if (!holds(input, steps * <f64>inputSize, activationSize) || !holds(output, steps * <f64>stateSize, activationSize)) {
    return opFail(node, "input or output data is too small");
  }
  const scratchBytes = 4 * stateCount * <f64>cellSize;
  if (scratchBytes > <f64>i32.MAX_VALUE) return opFail(node, "state is too large");

  const base = allocOpData(node, opDataBytes());
  if (base == 0) return false;
  const p = changetype<LstmParams>(base);
  p.type = type;
  p.batches = batches;
  p.timeSteps = timeSteps;
  p.inputSize = inputSize;
  p.stateSize = stateSize;
  p.timeMajor = timeMajor;
  p.cellClip = cellClip;
  p.useCellClip = cellClip > 0;
  if (type != DType.FLOAT32 && !prepareLstmInteger(sg, node, p, input, hidden, cell, cellClip)) return false;

  // Four gate buffers of batch x state cells (TFLM requests them as four scratch buffers).
  const index = requestScratch(sg, node, <i32>scratchBytes);
  if (index < 0) return opFail(node, "cannot request the scratch buffer");
  store<i32>(scratchIndexAt(base), index);
  return true;
}

function evalLstm(sg: Subgraph, node: Node): bool {
  const p = changetype<LstmParams>(node.opData);
  for (let i = 0; i < 24; i++) store<usize>(IO_TABLE + (<usize>i << alignof<usize>()), inputData(sg, node, i));
  store<usize>(IO_TABLE + (<usize>IO_OUTPUT << alignof<usize>()), outputData(sg, node, 0));
  store<usize>(IO_TABLE + (<usize>IO_SCRATCH << alignof<usize>()), scratchData(sg, load<i32>(scratchIndexAt(node.opData))));
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.lstmInt8(p, IO_TABLE);
    else scalar.lstmInt8(p, IO_TABLE);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.lstmFloat32(p, IO_TABLE);
    else scalar.lstmFloat32(p, IO_TABLE);
  } else {
    if (SIMD) simd.lstmInt16(p, IO_TABLE);
    else scalar.lstmInt16(p, IO_TABLE);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const UnidirectionalSequenceLstm = new OpRegistration(prepare, evalLstm);
