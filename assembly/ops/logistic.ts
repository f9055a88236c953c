// LOGISTIC: checks and input rescaling (TFLM logistic.cc / logistic_common.cc). The int8/int16
// input-parameter maths is shared with TANH (tanh.cc computes the same, bar one detail).

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, opFail, inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareElementwise, ioOutput, F32, I8, I16 } from "./tensor_values";
import { Tensor } from "../graph";
import { checkedLog2, log2Rounded, calculateInputRadius } from "./quantization";
import { frexp, frexpExponent, roundAway } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/logistic";
import * as simd from "../../kernels-simd/logistic";
import { LogisticParams } from "../../kernels-scalar/logistic";

// Results of activationInputParams (globals: no allocation).
export let activationInputMultiplier: i32 = 0;
export let activationInputLeftShift: i32 = 0;
export let activationInputRadius: i32 = 0;

/**
 * Input rescaling for TFLM's fixed-point sigmoid/tanh. int8: a Q31 multiplier and left shift
 * to Q4.27 plus the saturation radius. int16: zero points must be 0 and the output scale 2^-15;
 * a power-of-two input scale whose shift is in `potShifts` (1: {0}, 2: {0, 1}) uses multiplier 0,
 * any other scale an integer multiplier to the table's 1/(3*4096) scale.
 */
export function activationInputParams(node: Node, input: Tensor, output: Tensor, potShifts: i32): bool {
  if (input.quantized == 0 || output.quantized == 0) return opFail(node, "quantized input and output need scale and zero point");
  if (!(input.scale > 0) || !(output.scale > 0)) return opFail(node, "quantization scales must be positive");
  if (<i32>input.type == DType.INT8) {
    const q = frexp(<f64>input.scale * <f64>(1 << 27));
    const shift = frexpExponent;
    // Shifts outside this range would make TFLM shift by negative or >= 32 amounts.
    if (shift < 0 || shift > 30) return opFail(node, "input scale is out of the supported range");
    activationInputMultiplier = <i32><i64>roundAway(q * 2147483648.0);
    activationInputLeftShift = shift;
    activationInputRadius = calculateInputRadius(4, shift, 31);
    return true;
  }
  if (input.zeroPoint != 0 || output.zeroPoint != 0) return opFail(node, "int16 input and output zero points must be 0");
  let pot = checkedLog2(input.scale);
  let shift = 12 + log2Rounded;
  pot = pot && (shift == 0 || (potShifts == 2 && shift == 1));
  let multiplier = 0;
  if (!pot) {
    let m = <f64>input.scale * 4096.0 * 3.0;
    shift = 0;
    while (m <= 32767.0 / 2.0 && shift <= 30) { shift++; m *= 2.0; }
    if (m > 32767.0) return opFail(node, "int16 input scale is too large");
    multiplier = <i32>m;
  }
  if (!checkedLog2(output.scale) || log2Rounded != -15) return opFail(node, "int16 output scale must be 2^-15");
  activationInputMultiplier = multiplier;
  activationInputLeftShift = shift;
  activationInputRadius = 0;
  return true;
}

/**
 * The prepare LOGISTIC and TANH share: one input and one output of one dtype (float32, int8,
 * int16) and element count; for int8/int16, activationInputParams(potShifts) (1: LOGISTIC,
 * whose int8 output zero point must be -128; 2: TANH). Returns the op data (LogisticParams's
 * layout, which TanhParams extends), 0 when refused.
 */
export function prepareSigmoidFamily(sg: Subgraph, node: Node, potShifts: i32): usize {
  const input = prepareElementwise(sg, node, F32 | I8 | I16);
  if (input === null) return 0;
  const output = ioOutput;
  const type = <i32>input.type;
  const count = elementCount(input);

  const p = changetype<LogisticParams>(allocOpData(node, offsetof<LogisticParams>()));
  if (changetype<usize>(p) == 0) return 0;
  p.type = type;
  p.count = count;
  if (type == DType.FLOAT32) return changetype<usize>(p);
  // (TANH's int8 output is read as scale 1/128, zero point 0; TFLM does not check it either.)
  if (potShifts == 1 && type == DType.INT8 && output.zeroPoint != -128) { opFail(node, "int8 output zero point must be -128"); return 0; }
  if (!activationInputParams(node, input, output, potShifts)) return 0;
  p.inputZeroPoint = input.zeroPoint;
  p.inputMultiplier = activationInputMultiplier;
  p.inputLeftShift = activationInputLeftShift;
  p.inputRangeRadius = activationInputRadius;
  return changetype<usize>(p);
}

function prepare(sg: Subgraph, node: Node): bool {
  return prepareSigmoidFamily(sg, node, 1) != 0;
}

function evalLogistic(sg: Subgraph, node: Node): bool {
  const p = changetype<LogisticParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.logisticInt8(p, input, output);
    else scalar.logisticInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.logisticInt16(p, input, output);
    else scalar.logisticInt16(p, input, output);
  } else {
    if (SIMD) simd.logisticFloat32(p, input, output);
    else scalar.logisticFloat32(p, input, output);
  }
  return true;
}

// In place: output 0 may share input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Logistic = new OpRegistration(prepare, evalLogistic, noReset, 1);
