// SVDF: options, checks and quantization (TFLM svdf.cc / svdf_common.cc semantics).
// Inputs: input [batch, inputSize], feature weights [filters, inputSize], time weights
// [filters, memory], optional bias [units], state [batch, memory * filters] (a variable
// tensor: kept across invokes, reset to its zero point for int8, else 0, by the interpreter).
// Accepted as in TFLM: float32 throughout; int8 input and feature weights with int16 or int8
// state and time weights (of the same dtype) and an int32 bias (TFLM reads the bias scale, so
// the bias is required), int8 output. The integer kernel ignores the fused activation, as
// TFLM's does; asymmetric_quantize_inputs only concerns hybrid models, which TFLM refuses.

import { Subgraph, Node, Tensor, TensorFlag, dim, elementCount, nodeOptions } from "../graph";
import { DType, Activation } from "../schema/tflite";
import { fbI8, fbI32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getInput, getOutput, requireInput, opFail, opError, opFailType, checkRank, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/svdf";
import * as simd from "../../kernels-simd/svdf";
import { SvdfParams } from "../../kernels-scalar/svdf";

// SVDFOptions field ids.
const OPT_RANK = 0;
const OPT_ACTIVATION = 1;

// Input indices.
const INPUT = 0;
const FEATURE_WEIGHTS = 1;
const TIME_WEIGHTS = 2;
const BIAS = 3;
const STATE = 4;

function failDim(node: Node, what: string, got: i32, want: i32): bool {
  if (opError(node, what)) { errStr(" is "); errInt(got); errStr(", expected "); errInt(want); }
  return false;
}

function checkQuantized(node: Node, role: string, t: Tensor): bool {
  if (t.quantized != 0) return true;
  if (opError(node, role)) errStr(" needs a scale and zero point");
  return false;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 5, 5, 1)) return false;
  const input = requireInput(sg, node, INPUT);
  const featureWeights = requireInput(sg, node, FEATURE_WEIGHTS);
  const timeWeights = requireInput(sg, node, TIME_WEIGHTS);
  const state = requireInput(sg, node, STATE);
  if (input === null || featureWeights === null || timeWeights === null || state === null) return false;
  const bias = getInput(sg, node, BIAS);
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const options = nodeOptions(node);
  const rank = fbI32(options, OPT_RANK, 0);
  const activation = <i32>fbI8(options, OPT_ACTIVATION, 0);
  if (rank < 1) return failDim(node, "rank", rank, 1);

  // Shapes.
  if (!checkRank(node, "input", input, 2) || !checkRank(node, "feature weights", featureWeights, 2) ||
      !checkRank(node, "time weights", timeWeights, 2) || !checkRank(node, "state", state, 2) ||
      !checkRank(node, "output", output, 2)) return false;
  const batches = dim(input, 0);
  const inputSize = dim(input, 1);
  const numFilters = dim(featureWeights, 0);
  const memorySize = dim(timeWeights, 1);
  if (batches < 1 || inputSize < 1 || numFilters < 1 || memorySize < 1) {
    return opFail(node, "batch, input size, filter count and memory size must be >= 1");
  }
  if (numFilters % rank != 0) {
    if (opError(node, "filter count ")) { errInt(numFilters); errStr(" is not a multiple of the rank "); errInt(rank); }
    return false;
  }
  const numUnits = numFilters / rank;
  if (dim(featureWeights, 1) != inputSize) return failDim(node, "feature weights dimension 1", dim(featureWeights, 1), inputSize);
  if (dim(timeWeights, 0) != numFilters) return failDim(node, "time weights dimension 0", dim(timeWeights, 0), numFilters);
  if (dim(output, 0) != batches) return failDim(node, "output dimension 0", dim(output, 0), batches);
  if (dim(output, 1) != numUnits) return failDim(node, "output dimension 1", dim(output, 1), numUnits);
  if (dim(state, 0) != batches) return failDim(node, "state dimension 0", dim(state, 0), batches);
  if (<i64>dim(state, 1) != <i64>memorySize * <i64>numFilters) return failDim(node, "state dimension 1", dim(state, 1), memorySize * numFilters);
  if (bias !== null && elementCount(bias) != numUnits) return failDim(node, "bias length", elementCount(bias), numUnits);
  if ((state.flags & TensorFlag.Variable) == 0) return opFail(node, "state (input 4) must be a variable tensor");

  // Dtypes.
  const type = <i32>input.type;
  const stateType = <i32>state.type;
  if (type == DType.FLOAT32) {
    if (<i32>featureWeights.type != DType.FLOAT32) return opFail(node, "hybrid models (float32 input with quantized weights) are not supported, as in TFLM");
    if (<i32>timeWeights.type != DType.FLOAT32) return opFailType(node, "time weights", timeWeights);
    if (stateType != DType.FLOAT32) return opFailType(node, "state", state);
    if (bias !== null && <i32>bias.type != DType.FLOAT32) return opFailType(node, "bias", bias);
    if (<i32>output.type != DType.FLOAT32) return opFailType(node, "output", output);
    if (activation < Activation.NONE || activation > Activation.SIGN_BIT) {
      if (opError(node, "fused activation ")) { errInt(activation); errStr(" is not supported"); }
      return false;
    }
  } else if (type == DType.INT8) {
    if (<i32>featureWeights.type != DType.INT8) return opFailType(node, "feature weights", featureWeights);
    if (stateType != DType.INT16 && stateType != DType.INT8) return opFailType(node, "state", state);
    // TFLM reads the state with the time weights' dtype.
    if (<i32>timeWeights.type != stateType) return opFail(node, "time weights and state dtypes differ");
    if (bias === null) return opFail(node, "int8 SVDF needs a bias (TFLM reads its scale)");
    if (<i32>bias.type != DType.INT32) return opFailType(node, "bias", bias);
    if (<i32>output.type != DType.INT8) return opFailType(node, "output", output);
  } else {
    return opFailType(node, "input", input);
  }

  const p = changetype<SvdfParams>(allocOpData(node, offsetof<SvdfParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.stateType = stateType;
  p.batches = batches;
  p.inputSize = inputSize;
  p.numFilters = numFilters;
  p.numUnits = numUnits;
  p.rank = rank;
  p.memorySize = memorySize;
  p.activation = activation;
  if (type == DType.FLOAT32) return true;

  if (!checkQuantized(node, "input", input) || !checkQuantized(node, "feature weights", featureWeights) ||
      !checkQuantized(node, "time weights", timeWeights) || !checkQuantized(node, "state", state) ||
      !checkQuantized(node, "output", output) || !checkQuantized(node, "bias", changetype<Tensor>(bias))) return false;
  // As TFLM: the scale ratios are formed in float, then widened to double.
  const scale1 = <f64>(input.scale * featureWeights.scale / state.scale);
  const scale2 = <f64>(state.scale * timeWeights.scale / output.scale);
  if (!isFinite(scale1) || !isFinite(scale2)) return opFail(node, "state and output scales must be non-zero");
  const biasScale = <f64>(changetype<Tensor>(bias).scale);
  if (!(Math.abs(biasScale - <f64>(state.scale * timeWeights.scale)) < 1e-5)) {
    return opFail(node, "bias scale differs from state scale x time weights scale");
  }
  const packed1 = quantizeMultiplier(scale1);
  const packed2 = quantizeMultiplier(scale2);
  p.multiplier1 = qmMultiplier(packed1);
  p.shift1 = qmShift(packed1);
  p.multiplier2 = qmMultiplier(packed2);
  p.shift2 = qmShift(packed2);
  p.inputZeroPoint = input.zeroPoint;
  p.stateZeroPoint = state.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  return true;
}

function evalSvdf(sg: Subgraph, node: Node): bool {
  const p = changetype<SvdfParams>(node.opData);
  const input = inputData(sg, node, INPUT);
  const featureWeights = inputData(sg, node, FEATURE_WEIGHTS);
  const timeWeights = inputData(sg, node, TIME_WEIGHTS);
  const bias = inputData(sg, node, BIAS);
  const state = inputData(sg, node, STATE);
  const output = outputData(sg, node, 0);
  if (p.type == DType.FLOAT32) {
    if (SIMD) simd.svdfFloat32(p, input, featureWeights, timeWeights, bias, state, output);
    else scalar.svdfFloat32(p, input, featureWeights, timeWeights, bias, state, output);
  } else if (p.stateType == DType.INT16) {
    if (SIMD) simd.svdfInt8StateInt16(p, input, featureWeights, timeWeights, bias, state, output);
    else scalar.svdfInt8StateInt16(p, input, featureWeights, timeWeights, bias, state, output);
  } else {
    if (SIMD) simd.svdfInt8StateInt8(p, input, featureWeights, timeWeights, bias, state, output);
    else scalar.svdfInt8StateInt8(p, input, featureWeights, timeWeights, bias, state, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Svdf = new OpRegistration(prepare, evalSvdf);
