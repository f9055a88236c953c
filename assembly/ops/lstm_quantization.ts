// Integer LSTM quantization maths done in prepare (TFLM lstm_eval_common.cc:
// PrepareGateParametersInteger, CreateGateParams, CreateInterGateMulParams,
// CreateLstmCellStateInfo). TFLM ignores the intermediate tensors: gate pre-activations are
// always Q3.12 (scale 2^-12) and gate outputs Q0.15 (scale 2^-15).

import { Subgraph, Node, Tensor } from "../graph";
import { DType } from "../schema/tflite";
import { getInput, opFail, opError } from "./registry";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkedLog2, log2Rounded, scaleCount, dtypeMin, dtypeMax } from "./quantization";
import { LstmParams, lstmGate } from "../../kernels-scalar/unidirectional_sequence_lstm";
import { errStr, errInt } from "../common/error";

const GATE_INPUT_SCALE: f32 = 0.000244140625;      // 2^-12
const GATE_OUTPUT_SCALE: f32 = 0.000030517578125;  // 2^-15

/** A quantized tensor with one positive per-tensor scale. */
function checkQuantized(node: Node, t: Tensor, role: string): bool {
  if (t.quantized != 0 && t.scale > 0 && scaleCount(t) == 1) return true;
  if (opError(node, role)) errStr(" needs one positive per-tensor scale");
  return false;
}

/** TFLM GetQuantizedConvolutionMultipler: the scale product in float, widened, over the output's. */
function fcMultiplier(inputScale: f32, weightScale: f32): i64 {
  return quantizeMultiplier(<f64>(inputScale * weightScale) / <f64>GATE_INPUT_SCALE);
}

/** TFLM CreateInterGateMulParams: (s1 * s2 / sOut) in double. */
function mulMultiplier(scale1: f32, scale2: f32, outputScale: f32): i64 {
  return quantizeMultiplier(<f64>scale1 * <f64>scale2 / <f64>outputScale);
}

/** Fills the integer fields of `p` and its 4 LstmGate. Tensor roles as TFLM's lstm_shared.h. */
export function prepareLstmInteger(sg: Subgraph, node: Node, p: LstmParams, input: Tensor, hidden: Tensor,
                                   cell: Tensor, cellClip: f32): bool {
  if (!checkQuantized(node, input, "input") || !checkQuantized(node, hidden, "hidden state") ||
      !checkQuantized(node, cell, "cell state")) return false;
  p.inputOffset = -input.zeroPoint;
  p.hiddenOffset = -hidden.zeroPoint;
  for (let gate = 0; gate < 4; gate++) {
    const inW = getInput(sg, node, 1 + gate);
    const recW = getInput(sg, node, 5 + gate);
    if (inW === null || recW === null) return opFail(node, "gate weights are required");
    if (!checkQuantized(node, inW, "input weights") || !checkQuantized(node, recW, "recurrent weights")) return false;
    const g = lstmGate(p, gate);
    g.inputWeightsOffset = -inW.zeroPoint;
    g.recurrentWeightsOffset = -recW.zeroPoint;
    const inM = fcMultiplier(input.scale, inW.scale);
    g.inputMultiplier = qmMultiplier(inM);
    g.inputShift = qmShift(inM);
    const recM = fcMultiplier(hidden.scale, recW.scale);
    g.recurrentMultiplier = qmMultiplier(recM);
    g.recurrentShift = qmShift(recM);
  }

  const cellScale = cell.scale;
  const forgetM = mulMultiplier(GATE_OUTPUT_SCALE, cellScale, cellScale);
  p.forgetMulMultiplier = qmMultiplier(forgetM);
  p.forgetMulShift = qmShift(forgetM);
  const inputM = mulMultiplier(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, cellScale);
  p.inputMulMultiplier = qmMultiplier(inputM);
  p.inputMulShift = qmShift(inputM);
  const hiddenM = mulMultiplier(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, hidden.scale);
  p.hiddenMulMultiplier = qmMultiplier(hiddenM);
  p.hiddenMulShift = qmShift(hiddenM);
  p.hiddenZeroPoint = hidden.zeroPoint;
  p.hiddenMin = dtypeMin(hidden.type);
  p.hiddenMax = dtypeMax(hidden.type);

  // Cell state: TFLM rounds log2 of its scale and does not require a power of two.
  checkedLog2(cellScale);
  let tanhShift = 15 + log2Rounded - 3;
  if (tanhShift > 29 || tanhShift < -31) {
    if (opError(node, "cell state scale 2^")) { errInt(log2Rounded); errStr(" is out of the supported range"); }
    return false;
  }
  // Multiplier 0: the power-of-two path (3 << shift); a negative shift becomes 3 and a right shift.
  p.cellTanhMultiplier = 0;
  if (tanhShift < 0) { tanhShift = -tanhShift; p.cellTanhMultiplier = 3; }
  p.cellTanhShift = tanhShift;
  const q = <f64>cellClip / <f64>cellScale;
  p.quantizedCellClip = <i32><i16><i32>(q < -32768.0 ? -32768.0 : (q > 32767.0 ? 32767.0 : q));
  p.useCellClip = cellClip > 0;
  return true;
}

/** The weight, bias and cell state dtypes TFLM's kernel pairs with an activation dtype. */
export function lstmWeightType(activation: i32): i32 {
  return activation == DType.FLOAT32 ? DType.FLOAT32 : DType.INT8;
}
export function lstmBiasType(activation: i32): i32 {
  return activation == DType.FLOAT32 ? DType.FLOAT32 : (activation == DType.INT8 ? DType.INT32 : DType.INT64);
}
export function lstmCellType(activation: i32): i32 {
  return activation == DType.FLOAT32 ? DType.FLOAT32 : DType.INT16;
}
