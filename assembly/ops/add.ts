// ADD: options, checks and quantization (TFLM add.cc / add_common.cc semantics).
// SUB shares this prepare (TFLM sub_common.cc differs only where `isSub` says).

import { Subgraph, Node, Tensor, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, inputData, outputData, allocOpData, noReset,
} from "./registry";
import {
  activationRangeQuantized, activationRangeFloat, activationRangeInt32, actMin, actMax, actMinF, actMaxF, dtypeMin, dtypeMax,
} from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/add";
import * as simd from "../../kernels-simd/add";
import { AddParams, addBroadcast } from "../../kernels-scalar/add";

// AddOptions / SubOptions field ids.
const OPT_ACTIVATION = 0;
// pot_scale_int16 (1) is not read: TFLM's micro kernels always take the general int16 path
// (left shift 15, per-input multipliers), whatever the flag says.

/** Largest rank TFLM broadcasts for ADD and SUB (BroadcastAdd6DSlow, BroadcastSubCommon). */
const MAX_BROADCAST_RANK = 6;

/** Checks a quantized tensor's parameters: a positive finite scale, a zero point in range. */
export function checkQuantized(node: Node, t: Tensor): bool {
  if (t.quantized == 0) return opFail(node, "quantized tensors need scale and zero point");
  if (!(t.scale > 0) || !isFinite(t.scale)) return opFail(node, "quantization scale must be positive and finite");
  if (t.zeroPoint < dtypeMin(t.type) || t.zeroPoint > dtypeMax(t.type)) return opFail(node, "zero point is outside the dtype's range");
  return true;
}

/**
 * TFLM's quantized ADD/SUB rescaling: both inputs are brought to twice the larger input scale
 * (after a left shift of 20 bits for int8, 15 for int16), summed, then rescaled to the output.
 * ADD computes the real multipliers in double; SUB divides in float first (as TFLM does).
 */
function addSubMultipliers(node: Node, p: AddParams, a: Tensor, b: Tensor, out: Tensor, floatMaths: bool): bool {
  const leftShift = <i32>out.type == DType.INT16 ? 15 : 20;
  let real1: f64, real2: f64, realOut: f64;
  if (floatMaths) {
    const twiceMax: f32 = 2 * Mathf.max(a.scale, b.scale);
    real1 = <f64>(a.scale / twiceMax);
    real2 = <f64>(b.scale / twiceMax);
    realOut = <f64>(twiceMax / (<f32>(1 << leftShift) * out.scale));
  } else {
    const twiceMax: f64 = 2 * <f64>Mathf.max(a.scale, b.scale);
    real1 = <f64>a.scale / twiceMax;
    real2 = <f64>b.scale / twiceMax;
    realOut = twiceMax / (<f64>(1 << leftShift) * <f64>out.scale);
  }
  if (!isFinite(realOut)) return opFail(node, "output scale is too small for the input scales");
  const q1 = quantizeMultiplier(real1);
  const q2 = quantizeMultiplier(real2);
  const qo = quantizeMultiplier(realOut);
  // The kernels rescale with right shifts only (TFLM: ...SmallerThanOneExp).
  if (qmShift(qo) > 0) return opFail(node, "output scale is too small for the input scales");
  p.leftShift = leftShift;
  p.input1Multiplier = qmMultiplier(q1); p.input1Shift = qmShift(q1);
  p.input2Multiplier = qmMultiplier(q2); p.input2Shift = qmShift(q2);
  p.outputMultiplier = qmMultiplier(qo); p.outputShift = qmShift(qo);
  p.input1Offset = -a.zeroPoint;
  p.input2Offset = -b.zeroPoint;
  p.outputOffset = out.zeroPoint;
  return true;
}

/** Prepare of ADD (isSub false) and SUB (isSub true). */
export function prepareAddSub(sg: Subgraph, node: Node, isSub: bool): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  const activation = fbI8(nodeOptions(node), OPT_ACTIVATION, 0);
  const type = <i32>out.type;
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT8 && type != DType.INT16) {
    return opFailType(node, "output", out);
  }
  if (<i32>a.type != type || <i32>b.type != type) return opFail(node, "input and output dtypes differ");

  const p = changetype<AddParams>(allocOpData(node, offsetof<AddParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  if (!prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, addBroadcast(p))) return false;

  if (type == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return true;
  }
  if (type == DType.INT32) {
    // TFLM: int32 is plain integer arithmetic, never quantized.
    if (a.quantized != 0 || b.quantized != 0 || (isSub && out.quantized != 0)) {
      return opFail(node, "int32 tensors must not be quantized");
    }
    if (isSub) {
      if (!activationRangeInt32(node, activation)) return false;
      p.actMin = actMin;
      p.actMax = actMax;
    } else {
      // TFLM's int32 ADD ignores the fused activation.
      p.actMin = i32.MIN_VALUE;
      p.actMax = i32.MAX_VALUE;
    }
    return true;
  }
  if (!checkQuantized(node, a) || !checkQuantized(node, b) || !checkQuantized(node, out)) return false;
  if (!addSubMultipliers(node, p, a, b, out, isSub)) return false;
  if (!activationRangeQuantized(node, activation, out)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  return prepareAddSub(sg, node, false);
}

function evalAdd(sg: Subgraph, node: Node): bool {
  const p = changetype<AddParams>(node.opData);
  const a = inputData(sg, node, 0);
  const b = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.addInt8(p, a, b, out); else scalar.addInt8(p, a, b, out);
  } else if (type == DType.INT16) {
    if (SIMD) simd.addInt16(p, a, b, out); else scalar.addInt16(p, a, b, out);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.addFloat32(p, a, b, out); else scalar.addFloat32(p, a, b, out);
  } else {
    if (SIMD) simd.addInt32(p, a, b, out); else scalar.addInt32(p, a, b, out);
  }
  return true;
}

// In place: output 0 may share either input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Add = new OpRegistration(prepare, evalAdd, noReset, 3);
