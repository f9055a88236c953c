// HARD_SWISH (TFLM hard_swish.cc / hard_swish_common.cc): float32 and int8.

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, opFail, inputData, outputData, allocOpData, noReset,
} from "./registry";
import { prepareElementwise, ioOutput, F32, I8, I16 } from "./tensor_values";
import { quantizeMultiplier, qmMultiplier, qmShift, downScaleInt32ToInt16Multiplier } from "../math/fixedpoint";
import { checkQuantizedScale } from "./quantization";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/hard_swish";
import * as simd from "../../kernels-simd/hard_swish";
import { HardSwishParams } from "../../kernels-scalar/hard_swish";

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareElementwise(sg, node, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;

  const p = changetype<HardSwishParams>(allocOpData(node, offsetof<HardSwishParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.type = type;
  p.count = elementCount(input);
  if (type == DType.FLOAT32) return true;

  if (!checkQuantizedScale(node, input) || !checkQuantizedScale(node, output)) return false;
  // TFLM keeps the zero points as int16; in the int8 range they are exact.
  if (input.zeroPoint < -128 || input.zeroPoint > 127 || output.zeroPoint < -128 || output.zeroPoint > 127) {
    return opFail(node, "zero points must be in the dtype's range");
  }
  p.inputZeroPoint = input.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  // As TFLM: the scale ratios are formed in float, then widened.
  const hiresInputScale = (<f32>1.0 / <f32>128.0) * input.scale;
  const reluishScale = <f32>3.0 / <f32>32768.0;
  const outputRatio = <f64>(hiresInputScale / output.scale);
  const reluishRatio = <f64>(hiresInputScale / reluishScale);
  if (!isFinite(outputRatio) || !isFinite(reluishRatio)) return opFail(node, "the scale ratio is not finite");
  const outPacked = quantizeMultiplier(outputRatio);
  p.outputMultiplier = downScaleInt32ToInt16Multiplier(qmMultiplier(outPacked));
  p.outputExponent = qmShift(outPacked);
  if (p.outputExponent > 0) return opFail(node, "input scale / (128 x output scale) must be below 1");
  const reluishPacked = quantizeMultiplier(reluishRatio);
  p.reluishMultiplier = downScaleInt32ToInt16Multiplier(qmMultiplier(reluishPacked));
  p.reluishExponent = qmShift(reluishPacked);
  return true;
}

function evalHardSwish(sg: Subgraph, node: Node): bool {
  const p = changetype<HardSwishParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.type == DType.INT8) {
    if (SIMD) simd.hardSwishInt8(p, input, output); else scalar.hardSwishInt8(p, input, output);
  } else {
    if (SIMD) simd.hardSwishFloat32(p, input, output); else scalar.hardSwishFloat32(p, input, output);
  }
  return true;
}

// Element i is read before it is written: input 0 may share the output's buffer.
// @ts-ignore: decorator
@lazy export const HardSwish = new OpRegistration(prepare, evalHardSwish, noReset, 1);
