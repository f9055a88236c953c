// ADD_N (TFLM add_n.cc): float32 and int8 (all inputs with one scale and zero point); two or
// more inputs of one shape, no broadcasting.

import { Subgraph, Node, Tensor, dim, elementCount, numInputs } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opFailType, checkWritable,
  inputData, outputData, allocOpData, requestScratch, scratchData, noReset,
} from "./registry";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantizedScale } from "./quantization";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/add_n";
import * as simd from "../../kernels-simd/add_n";
import { AddNParams } from "../../kernels-scalar/add_n";

/** TFLM kAddNIntegerShift. */
const INTEGER_SHIFT = 20;

function sameShape(a: Tensor, b: Tensor): bool {
  if (a.rank != b.rank) return false;
  for (let i = 0; i < <i32>a.rank; i++) if (dim(a, i) != dim(b, i)) return false;
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 1 << 20, 1)) return false;
  const first = requireInput(sg, node, 0);
  if (first === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  const type = <i32>first.type;
  if (<i32>output.type != type) return opFail(node, "input and output dtypes differ");
  if (type != DType.FLOAT32 && type != DType.INT8) return opFailType(node, "input", first);
  if (elementCount(output) != elementCount(first)) return opFail(node, "input and output element counts differ");
  const k = numInputs(node);
  for (let j = 1; j < k; j++) {
    const input = requireInput(sg, node, j);
    if (input === null) return false;
    if (!sameShape(first, input)) return opFail(node, "inputs have different shapes");
    if (<i32>input.type != type) return opFail(node, "inputs have different dtypes");
    if (type == DType.INT8 && (input.quantized != first.quantized || input.scale != first.scale || input.zeroPoint != first.zeroPoint)) {
      return opFail(node, "int8 inputs must share one scale and zero point");
    }
  }

  const p = changetype<AddNParams>(allocOpData(node, offsetof<AddNParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = elementCount(first);
  p.numInputs = k;
  // As TFLM: a scratch buffer of one data address per input.
  p.scratch = requestScratch(sg, node, k * sizeof<usize>());
  if (p.scratch < 0) return opFail(node, "cannot allocate the input address list");
  if (type == DType.FLOAT32) return true;

  if (!checkQuantizedScale(node, first) || !checkQuantizedScale(node, output)) return false;
  if (first.zeroPoint < -128 || first.zeroPoint > 127) return opFail(node, "zero points must be in the dtype's range");
  const twiceMaxInputScale = 2 * <f64>first.scale;
  const realInput = <f64>first.scale / twiceMaxInputScale;
  const realOutput = twiceMaxInputScale / (<f64>(1 << INTEGER_SHIFT) * <f64>output.scale);
  // TFLM QuantizeMultiplierSmallerThanOneExp aborts on multipliers of 1 or more.
  if (!(realOutput < 1)) return opFail(node, "2 x input scale / (2^20 x output scale) must be below 1");
  const packedInput = quantizeMultiplier(realInput);
  const packedOutput = quantizeMultiplier(realOutput);
  if (qmShift(packedOutput) > 0) return opFail(node, "2 x input scale / (2^20 x output scale) must be below 1");
  p.inputOffset = -first.zeroPoint;
  p.inputMultiplier = qmMultiplier(packedInput);
  p.inputShift = qmShift(packedInput);
  p.leftShift = INTEGER_SHIFT;
  p.outputOffset = output.zeroPoint;
  p.outputMultiplier = qmMultiplier(packedOutput);
  p.outputShift = qmShift(packedOutput);
  return true;
}

function evalAddN(sg: Subgraph, node: Node): bool {
  const p = changetype<AddNParams>(node.opData);
  const inputs = scratchData(sg, p.scratch);
  for (let j = 0; j < p.numInputs; j++) store<usize>(inputs + (<usize>j << 2), inputData(sg, node, j));
  const output = outputData(sg, node, 0);
  if (p.type == DType.INT8) {
    if (SIMD) simd.addNInt8(p, inputs, output); else scalar.addNInt8(p, inputs, output);
  } else {
    if (SIMD) simd.addNFloat32(p, inputs, output); else scalar.addNFloat32(p, inputs, output);
  }
  return true;
}

// Element i of every input is read before output element i is written: any input may share.
// @ts-ignore: decorator
@lazy export const AddN = new OpRegistration(prepare, evalAddN, noReset, 0x7fffffff);
