// SOFTMAX: options, checks and quantization (TFLM softmax.cc / softmax_common.cc semantics).

import { Subgraph, Node, nodeOptions, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { fbF32 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, inputData, outputData, allocOpData, checkSameShape,
} from "./registry";
import { calculateInputRadius, lutPopulateInt16 } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { allocPersistent } from "../arena";
import { checkQuantized } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/softmax";
import * as simd from "../../kernels-simd/softmax";
import { SoftmaxParams } from "../../kernels-scalar/softmax";

// SoftmaxOptions field ids.
const OPT_BETA = 0;

/** Integer bits of the rescaled input differences (TFLM kScaledDiffIntegerBits). */
const SCALED_DIFF_INTEGER_BITS = 5;
/** Entries of TFLM's int16 lookup tables. */
const LUT_ENTRIES = 513;

function expTransform(x: f32): f32 { return Mathf.exp(x); }
function oneOverOnePlusXTransform(x: f32): f32 { return <f32>1.0 / (<f32>1.0 + x); }

/** TF_LITE_ENSURE_NEAR on float values. */
function near(a: f32, b: f32, epsilon: f32): bool {
  return (a > b ? a - b : b - a) <= epsilon;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 1)) return false;
  const input = requireInput(sg, node, 0);
  if (input === null) return false;
  const output = getOutput(sg, node, 0);
  if (input.rank < 1) return opFail(node, "input must have rank >= 1");
  if (!checkSameShape(node, input, output)) return false;
  const beta = fbF32(nodeOptions(node), OPT_BETA, 0);
  if (!isFinite(beta)) return opFail(node, "beta must be finite");

  const inType = <i32>input.type;
  const outType = <i32>output.type;
  if (inType != DType.FLOAT32 && inType != DType.INT8 && inType != DType.INT16) return opFailType(node, "input", input);
  if (outType != inType && !(inType == DType.INT8 && outType == DType.INT16)) return opFailType(node, "output", output);

  const p = changetype<SoftmaxParams>(allocOpData(node, offsetof<SoftmaxParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.inputType = inType;
  p.outputType = outType;
  const depth = dim(input, input.rank - 1);
  p.depth = depth;
  p.outer = depth > 0 ? elementCount(input) / depth : 0;
  p.beta = beta;
  if (inType == DType.FLOAT32) return true;

  if (!checkQuantized(node, input) || !checkQuantized(node, output)) return false;
  if (beta < 0) return opFail(node, "beta must not be negative for quantized inputs");
  if (inType == DType.INT16) {
    if (output.zeroPoint != 0 || !near(output.scale, <f32>1.0 / 32768, <f32>0.001 / 32768)) {
      return opFail(node, "int16 output must have scale 1/32768 and zero point 0");
    }
    // Scale the differences so that [-65535, 0] covers [-10, 0], the exp table's range.
    const packed = quantizeMultiplier(<f64>input.scale * <f64>beta / (10.0 / 65535.0));
    p.multiplier = qmMultiplier(packed);
    p.shift = qmShift(packed);
    p.expLut = allocPersistent(LUT_ENTRIES << 1);
    p.reciprocalLut = allocPersistent(LUT_ENTRIES << 1);
    if (p.expLut == 0 || p.reciprocalLut == 0) return false;
    const range: f32 = 65535;
    lutPopulateInt16(<f32>10.0 / range, 32767, <f32>2.0 / range, 0, expTransform, p.expLut);
    lutPopulateInt16(<f32>1.0 / range, -32768, <f32>2.0 / range, 0, oneOverOnePlusXTransform, p.reciprocalLut);
    return true;
  }
  if (outType == DType.INT16) {
    if (output.zeroPoint != -32768 || !near(output.scale, <f32>1.0 / 65536, <f32>0.001 / 65536)) {
      return opFail(node, "int16 output must have scale 1/65536 and zero point -32768");
    }
  } else if (output.zeroPoint != -128 || output.scale != <f32>1.0 / 256) {
    return opFail(node, "int8 output must have scale 1/256 and zero point -128");
  }
  // TFLM PreprocessSoftmaxScaling: beta x input scale as a Q5.26 multiplier, capped below 2^31.
  let real = <f64>beta * <f64>input.scale * <f64>(1 << (31 - SCALED_DIFF_INTEGER_BITS));
  if (real > 2147483647.0) real = 2147483647.0;
  const packed = quantizeMultiplier(real);
  if (qmShift(packed) < 0) return opFail(node, "beta x input scale is too small");
  p.multiplier = qmMultiplier(packed);
  p.shift = qmShift(packed);
  p.diffMin = -calculateInputRadius(SCALED_DIFF_INTEGER_BITS, p.shift, 31);
  return true;
}

function evalSoftmax(sg: Subgraph, node: Node): bool {
  const p = changetype<SoftmaxParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const inType = p.inputType;
  if (inType == DType.INT8) {
    if (p.outputType == DType.INT8) {
      if (SIMD) simd.softmaxInt8(p, input, output); else scalar.softmaxInt8(p, input, output);
    } else {
      if (SIMD) simd.softmaxInt8Int16(p, input, output); else scalar.softmaxInt8Int16(p, input, output);
    }
  } else if (inType == DType.FLOAT32) {
    if (SIMD) simd.softmaxFloat32(p, input, output); else scalar.softmaxFloat32(p, input, output);
  } else {
    if (SIMD) simd.softmaxInt16(p, input, output); else scalar.softmaxInt16(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Softmax = new OpRegistration(prepare, evalSoftmax);
