// DIV (TFLM div.cc): float32, int32 (unquantized) and int8, with broadcasting up to 5-D.

import { Subgraph, Node, nodeOptions } from "../graph";
import { DType } from "../schema/tflite";
import { fbI8 } from "../schema/flatbuffer";
import { OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable, inputData, outputData, allocOpData } from "./registry";
import { activationRangeQuantized, activationRangeFloat, activationRangeInt32, actMin, actMax, actMinF, actMaxF } from "./quantization";
import { prepareBroadcast, Broadcast } from "./broadcast";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/div";
import * as simd from "../../kernels-simd/div";
import { DivParams, divBroadcast } from "../../kernels-scalar/div";

// DivOptions field ids.
const OPT_ACTIVATION = 0;

/** TFLM BroadcastDivSlow handles up to 5 dimensions. */
const MAX_BROADCAST_RANK = 5;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const a = requireInput(sg, node, 0);
  const b = requireInput(sg, node, 1);
  if (a === null || b === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  const type = <i32>out.type;
  if (type != DType.FLOAT32 && type != DType.INT32 && type != DType.INT8) return opFailType(node, "output", out);
  if (<i32>a.type != type || <i32>b.type != type) return opFail(node, "input and output dtypes differ");
  const activation = fbI8(nodeOptions(node), OPT_ACTIVATION, 0);

  const p = changetype<DivParams>(allocOpData(node, offsetof<DivParams>() + offsetof<Broadcast>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  if (!prepareBroadcast(node, a, b, out, MAX_BROADCAST_RANK, divBroadcast(p))) return false;
  if (type == DType.FLOAT32) {
    if (!activationRangeFloat(node, activation)) return false;
    p.actMinF = actMinF;
    p.actMaxF = actMaxF;
    return true;
  }
  if (type == DType.INT32) {
    if (a.quantized != 0 || b.quantized != 0) return opFail(node, "int32 inputs must not be quantized, as in TFLM");
    if (!activationRangeInt32(node, activation)) return false;
    p.actMin = actMin;
    p.actMax = actMax;
    return true;
  }
  if (a.quantized == 0 || b.quantized == 0 || out.quantized == 0) return opFail(node, "int8 tensors need scale and zero point");
  // TFLM: the scale ratio is taken in float, then widened.
  const real = <f64>(a.scale / (b.scale * out.scale));
  const packed = quantizeMultiplier(real);
  p.outputMultiplier = qmMultiplier(packed);
  p.outputShift = qmShift(packed);
  p.input1Offset = -a.zeroPoint;
  p.input2Offset = -b.zeroPoint;
  p.outputOffset = out.zeroPoint;
  if (!activationRangeQuantized(node, activation, out)) return false;
  p.actMin = actMin;
  p.actMax = actMax;
  return true;
}

function evalDiv(sg: Subgraph, node: Node): bool {
  const p = changetype<DivParams>(node.opData);
  const a = inputData(sg, node, 0);
  const b = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT32) {
    const ok = SIMD ? simd.divInt32(p, a, b, out) : scalar.divInt32(p, a, b, out);
    if (!ok) { opError(node, "integer division by zero"); return false; }
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.divFloat32(p, a, b, out); else scalar.divFloat32(p, a, b, out);
  } else {
    if (SIMD) simd.divInt8(p, a, b, out); else scalar.divInt8(p, a, b, out);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Div = new OpRegistration(prepare, evalDiv);
