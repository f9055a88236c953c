// SQUARED_DIFFERENCE (TFLM squared_difference.cc): float32, int32, int8 and int16 (quantized,
// zero points 0), broadcasting up to 4 dimensions.

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { dtypeMin, dtypeMax, checkQuantizedScale } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/squared_difference";
import * as simd from "../../kernels-simd/squared_difference";
import { SquaredDifferenceParams, squaredDifferenceBroadcast } from "../../kernels-scalar/squared_difference";

const MAX_BROADCAST_RANK = 4;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  const type = <i32>a.type;
  if (<i32>b.type != type || <i32>out.type != type) return opFail(node, "input and output dtypes differ");
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT8 && type != DType.INT16) return opFailType(node, "input", a);
  const p = changetype<SquaredDifferenceParams>(allocOpData(node, offsetof<SquaredDifferenceParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  if (!prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, squaredDifferenceBroadcast(p))) return false;
  if (type == DType.FLOAT32 || type == DType.INT32) return true;

  if (!checkQuantizedScale(node, a) || !checkQuantizedScale(node, b) || !checkQuantizedScale(node, out)) return false;
  const lo = dtypeMin(type), hi = dtypeMax(type);
  if (type == DType.INT8) {
    if (a.zeroPoint < lo || a.zeroPoint > hi || b.zeroPoint < lo || b.zeroPoint > hi || out.zeroPoint < lo || out.zeroPoint > hi) {
      return opFail(node, "zero points must be in the dtype's range");
    }
  } else if (a.zeroPoint != 0 || b.zeroPoint != 0 || out.zeroPoint != 0) {
    return opFail(node, "int16 needs zero points 0");
  }
  // Left shift 7 keeps 255^2 x 2^14 within int32; int16 values already fill 16 bits.
  const leftShift = type == DType.INT8 ? 7 : 0;
  const twiceMaxInputScale = 2.0 * <f64>(a.scale > b.scale ? a.scale : b.scale);
  const real1 = <f64>a.scale / twiceMaxInputScale;
  const real2 = <f64>b.scale / twiceMaxInputScale;
  // As TFLM: 2^(2 x left shift) times the output scale is a float product.
  const realOut = twiceMaxInputScale * twiceMaxInputScale / <f64>(<f32>(1 << (leftShift * 2)) * out.scale);
  if (!isFinite(realOut) || realOut == 0) return opFail(node, "the scale ratio is not finite");
  const packed1 = quantizeMultiplier(real1);
  const packed2 = quantizeMultiplier(real2);
  const packedOut = quantizeMultiplier(realOut);
  p.leftShift = leftShift;
  p.input1Offset = -a.zeroPoint;
  p.input1Multiplier = qmMultiplier(packed1);
  p.input1Shift = qmShift(packed1);
  p.input2Offset = -b.zeroPoint;
  p.input2Multiplier = qmMultiplier(packed2);
  p.input2Shift = qmShift(packed2);
  p.outputOffset = out.zeroPoint;
  p.outputMultiplier = qmMultiplier(packedOut);
  p.outputShift = qmShift(packedOut);
  p.actMin = lo;
  p.actMax = hi;
  return true;
}

function evalSquaredDifference(sg: Subgraph, node: Node): bool {
  const p = changetype<SquaredDifferenceParams>(node.opData);
  const a = inputData(sg, node, 0), b = inputData(sg, node, 1), out = outputData(sg, node, 0);
  if (SIMD) simd.squaredDifference(p, a, b, out); else scalar.squaredDifference(p, a, b, out);
  return true;
}

// Rows read each element ahead of its write: an input of the output's size may share it.
// @ts-ignore: decorator
@lazy export const SquaredDifference = new OpRegistration(prepare, evalSquaredDifference, noReset, 3);
