// QUANTIZE: float32 -> int8/int16 (affine quantization) and integer requantization between
// the dtype pairs TFLM's quantize_common.cc handles. Per-tensor output quantization only.

import { Subgraph, Node, elementCount } from "../graph";
import { DType, errDType } from "../schema/tflite";
import { OpRegistration, opFail, opError, inputData, outputData, allocOpData, noReset } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { scaleCount } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { errStr } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/quantize";
import * as simd from "../../kernels-simd/quantize";
import { QuantizeParams } from "../../kernels-scalar/quantize";

/** Kernel selector (input -> output dtype). */
const enum QuantizeKind {
  F32_I8, F32_I16, I8_I8, I8_U8, I8_I16, I8_I32, U8_I8, I16_I8, I16_I16, I16_I32, I32_I8, I32_I16,
}

/** The kernel for a dtype pair, or -1 when TFLM has none. */
function kindOf(inType: i32, outType: i32): i32 {
  if (inType == DType.FLOAT32) {
    if (outType == DType.INT8) return QuantizeKind.F32_I8;
    if (outType == DType.INT16) return QuantizeKind.F32_I16;
  } else if (inType == DType.INT8) {
    if (outType == DType.INT8) return QuantizeKind.I8_I8;
    if (outType == DType.UINT8) return QuantizeKind.I8_U8;
    if (outType == DType.INT16) return QuantizeKind.I8_I16;
    if (outType == DType.INT32) return QuantizeKind.I8_I32;
  } else if (inType == DType.UINT8) {
    if (outType == DType.INT8) return QuantizeKind.U8_I8;
  } else if (inType == DType.INT16) {
    if (outType == DType.INT8) return QuantizeKind.I16_I8;
    if (outType == DType.INT16) return QuantizeKind.I16_I16;
    if (outType == DType.INT32) return QuantizeKind.I16_I32;
  } else if (inType == DType.INT32) {
    if (outType == DType.INT8) return QuantizeKind.I32_I8;
    if (outType == DType.INT16) return QuantizeKind.I32_I16;
  }
  return -1;
}

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  const inType = <i32>input.type;
  const outType = <i32>output.type;
  const kind = kindOf(inType, outType);
  if (kind < 0) {
    if (opError(node, "input ")) { errDType(inType); errStr(" to output "); errDType(outType); errStr(" is not supported"); }
    return false;
  }
  const count = elementCount(input);
  if (count != elementCount(output)) return opFail(node, "input and output element counts differ");
  if (output.quantized == 0 || scaleCount(output) != 1) return opFail(node, "output needs per-tensor quantization (one scale)");
  const outScale = output.scale;
  if (!(outScale > 0) || !isFinite(outScale)) return opFail(node, "output scale must be positive and finite");

  const p = changetype<QuantizeParams>(allocOpData(node, offsetof<QuantizeParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.kind = kind;
  p.count = count;
  p.scale = outScale;
  p.outputZeroPoint = output.zeroPoint;
  if (inType != DType.FLOAT32) {
    if (input.quantized == 0) return opFail(node, "integer input needs a scale and zero point");
    p.inputZeroPoint = input.zeroPoint;
    // Effective scale in double, from the float32 scales, as TFLM.
    const packed = quantizeMultiplier(<f64>input.scale / <f64>outScale);
    p.multiplier = qmMultiplier(packed);
    p.shift = qmShift(packed);
  }
  return true;
}

function evalQuantize(sg: Subgraph, node: Node): bool {
  const p = changetype<QuantizeParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  switch (p.kind) {
    case QuantizeKind.F32_I8: if (SIMD) simd.quantizeFloat32ToInt8(p, input, output); else scalar.quantizeFloat32ToInt8(p, input, output); break;
    case QuantizeKind.F32_I16: if (SIMD) simd.quantizeFloat32ToInt16(p, input, output); else scalar.quantizeFloat32ToInt16(p, input, output); break;
    case QuantizeKind.I8_I8: if (SIMD) simd.requantizeInt8ToInt8(p, input, output); else scalar.requantizeInt8ToInt8(p, input, output); break;
    case QuantizeKind.I8_U8: if (SIMD) simd.requantizeInt8ToUint8(p, input, output); else scalar.requantizeInt8ToUint8(p, input, output); break;
    case QuantizeKind.I8_I16: if (SIMD) simd.requantizeInt8ToInt16(p, input, output); else scalar.requantizeInt8ToInt16(p, input, output); break;
    case QuantizeKind.I8_I32: if (SIMD) simd.requantizeInt8ToInt32(p, input, output); else scalar.requantizeInt8ToInt32(p, input, output); break;
    case QuantizeKind.U8_I8: if (SIMD) simd.requantizeUint8ToInt8(p, input, output); else scalar.requantizeUint8ToInt8(p, input, output); break;
    case QuantizeKind.I16_I8: if (SIMD) simd.requantizeInt16ToInt8(p, input, output); else scalar.requantizeInt16ToInt8(p, input, output); break;
    case QuantizeKind.I16_I16: if (SIMD) simd.requantizeInt16ToInt16(p, input, output); else scalar.requantizeInt16ToInt16(p, input, output); break;
    case QuantizeKind.I16_I32: if (SIMD) simd.requantizeInt16ToInt32(p, input, output); else scalar.requantizeInt16ToInt32(p, input, output); break;
    case QuantizeKind.I32_I8: if (SIMD) simd.requantizeInt32ToInt8(p, input, output); else scalar.requantizeInt32ToInt8(p, input, output); break;
    default: if (SIMD) simd.requantizeInt32ToInt16(p, input, output); else scalar.requantizeInt32ToInt16(p, input, output); break;
  }
  return true;
}

// In place: output 0 may share input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Quantize = new OpRegistration(prepare, evalQuantize, noReset, 1);
