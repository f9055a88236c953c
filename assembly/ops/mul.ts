// MUL: options, checks and quantization (TFLM mul.cc / mul_common.cc semantics).

import { Subgraph, Node, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, inputData, outputData, allocOpData, noReset,
} from "./registry";
import { activationRangeQuantized, activationRangeFloat, activationRangeInt32, actMin, actMax, actMinF, actMaxF } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { checkQuantized } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/mul";
import * as simd from "../../kernels-simd/mul";
import { MulParams, mulBroadcast } from "../../kernels-scalar/mul";

// MulOptions field ids.
const OPT_ACTIVATION = 0;

/** TFLM broadcasts MUL in 4D (BroadcastMul4DSlow). */
const MAX_BROADCAST_RANK = 4;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  const activation = fbI8(nodeOptions(node), OPT_ACTIVATION, 0);
  const type = <i32>a.type;
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT8 && type != DType.INT16) {
    return opFailType(node, "input", a);
  }
  if (<i32>b.type != type || <i32>out.type != type) return opFail(node, "input and output dtypes differ");

  const p = changetype<MulParams>(allocOpData(node, offsetof<MulParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  if (!prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, mulBroadcast(p))) return false;

  if (type == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return true;
  }
  if (type == DType.INT32) {
    if (!activationRangeInt32(node, activation)) return false;
    p.actMin = actMin;
    p.actMax = actMax;
    return true;
  }
  if (!checkQuantized(node, a) || !checkQuantized(node, b) || !checkQuantized(node, out)) return false;
  if (type == DType.INT16 && (a.zeroPoint != 0 || b.zeroPoint != 0 || out.zeroPoint != 0)) {
    return opFail(node, "int16 tensors must have zero point 0");
  }
  // The scale product is taken in double, as TFLM does.
  const packed = quantizeMultiplier(<f64>a.scale * <f64>b.scale / <f64>out.scale);
  p.multiplier = qmMultiplier(packed);
  p.shift = qmShift(packed);
  p.input1Offset = -a.zeroPoint;
  p.input2Offset = -b.zeroPoint;
  p.outputOffset = out.zeroPoint;
  if (!activationRangeQuantized(node, activation, out)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return true;
}

function evalMul(sg: Subgraph, node: Node): bool {
  const p = changetype<MulParams>(node.opData);
  const a = inputData(sg, node, 0);
  const b = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.mulInt8(p, a, b, out); else scalar.mulInt8(p, a, b, out);
  } else if (type == DType.INT16) {
    if (SIMD) simd.mulInt16(p, a, b, out); else scalar.mulInt16(p, a, b, out);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.mulFloat32(p, a, b, out); else scalar.mulFloat32(p, a, b, out);
  } else {
    if (SIMD) simd.mulInt32(p, a, b, out); else scalar.mulInt32(p, a, b, out);
  }
  return true;
}

// In place: output 0 may share either input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Mul = new OpRegistration(prepare, evalMul, noReset, 3);
