// LOG_SOFTMAX (TFLM log_softmax.cc): float32, int8 over the last dimension. int8 needs an
// output of scale exactly 16/256 and zero point 127; the input multiplier is TFLM's
// PreprocessLogSoftmaxScalingExp with beta 1 and 5 integer bits.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, opFail, checkSameShape, inputData, outputData, allocOpData,
} from "./registry";
import { calculateInputRadius } from "./quantization";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantized } from "./add";
import { prepareIO, ioOutput, F32, I8 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/log_softmax";
import * as simd from "../../kernels-simd/log_softmax";
import { LogSoftmaxParams } from "../../kernels-scalar/log_softmax";

const SCALED_DIFF_INTEGER_BITS = 5;

function prepare(sg: Subgraph, node: Node): bool {
  const input = prepareIO(sg, node, 1, 1, F32 | I8);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (input.rank < 1) return opFail(node, "input must have at least one dimension");
  if (!checkSameShape(node, input, output)) return false;
  const p = changetype<LogSoftmaxParams>(allocOpData(node, offsetof<LogSoftmaxParams>()));
  if (changetype<usize>(p) == 0) return false;
  const depth = dim(input, input.rank - 1);
  p.depth = depth;
  p.outer = depth > 0 ? elementCount(input) / depth : 0;
  p.isFloat = type == DType.FLOAT32 ? 1 : 0;
  if (type == DType.FLOAT32) return true;

  if (!checkQuantized(node, input)) return false;
  if (output.scale != <f32>(16.0 / 256) || output.zeroPoint != 127) return opFail(node, "int8 output needs scale 16/256 and zero point 127");
  // PreprocessSoftmaxScaling: input scale as a Q5.26 multiplier (>= 1), capped below 2^31.
  let real = <f64>input.scale * <f64>(1 << (31 - SCALED_DIFF_INTEGER_BITS));
  if (real > 2147483647.0) real = 2147483647.0;
  const packed = quantizeMultiplier(real);
  const leftShift = qmShift(packed);
  if (leftShift < 1) return opFail(node, "input scale is out of range");
  p.inputMultiplier = qmMultiplier(packed);
  p.inputLeftShift = leftShift;
  // The inverse scaling, as a multiplier below one.
  const reverse = quantizeMultiplier(<f64>(1 << (31 - leftShift)) / <f64>p.inputMultiplier);
  if (qmShift(reverse) > 0) return opFail(node, "input scale is out of range");
  p.reverseScalingDivisor = qmMultiplier(reverse);
  p.reverseScalingShift = qmShift(reverse);
  p.diffMin = -calculateInputRadius(SCALED_DIFF_INTEGER_BITS, leftShift, 31);
  return true;
}

function evalLogSoftmax(sg: Subgraph, node: Node): bool {
  const p = changetype<LogSoftmaxParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  if (p.isFloat != 0) {
    if (SIMD) simd.logSoftmaxFloat32(p, input, output); else scalar.logSoftmaxFloat32(p, input, output);
  } else {
    if (SIMD) simd.logSoftmaxInt8(p, input, output); else scalar.logSoftmaxInt8(p, input, output);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const LogSoftmax = new OpRegistration(prepare, evalLogSoftmax);
