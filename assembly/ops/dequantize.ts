// DEQUANTIZE: int8/uint8/int16 -> float32 with the input's (first) scale and zero point
// (TFLM dequantize.cc / dequantize_common.cc).

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, inputData, outputData, allocOpData } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/dequantize";
import * as simd from "../../kernels-simd/dequantize";
import { DequantizeParams } from "../../kernels-scalar/dequantize";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, -1, false);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (type != DType.INT8 && type != DType.UINT8 && type != DType.INT16) return opFailType(node, "input", input);
  if (<i32>output.type != DType.FLOAT32) return opFailType(node, "output", output);
  const count = elementCount(input);
  if (count != elementCount(output)) return opFail(node, "input and output element counts differ");
  if (input.quantized == 0) return opFail(node, "input needs a scale and zero point");

  const p = changetype<DequantizeParams>(allocOpData(node, offsetof<DequantizeParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = count;
  p.scale = input.scale;
  p.zeroPoint = input.zeroPoint;
  return true;
}

function evalDequantize(sg: Subgraph, node: Node): bool {
  const p = changetype<DequantizeParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.dequantizeInt8(p, input, output);
    else scalar.dequantizeInt8(p, input, output);
  } else if (type == DType.INT16) {
    if (SIMD) simd.dequantizeInt16(p, input, output);
    else scalar.dequantizeInt16(p, input, output);
  } else {
    if (SIMD) simd.dequantizeUint8(p, input, output);
    else scalar.dequantizeUint8(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Dequantize = new OpRegistration(prepare, evalDequantize);
