// Quantization maths done once in prepare, shared by every op registration.

import { Tensor, Node } from "../graph";
import { DType, Activation, QuantField } from "../schema/tflite";
import { fbVector, fbI32, vecLen, vecData } from "../schema/flatbuffer";
import { quantizeMultiplier, qmMultiplier, qmShift, roundAwayF32 } from "../math/fixedpoint";
import { opError, opFail } from "./registry";
import { errStr, errInt } from "../common/error";

/** Smallest and largest value of an integer dtype. */
export function dtypeMin(t: i32): i32 {
  switch (t) {
    case DType.INT8: return -128;
    case DType.UINT8: return 0;
    case DType.INT16: return -32768;
    default: return i32.MIN_VALUE;
  }
}
export function dtypeMax(t: i32): i32 {
  switch (t) {
    case DType.INT8: return 127;
    case DType.UINT8: return 255;
    case DType.INT16: return 32767;
    default: return i32.MAX_VALUE;
  }
}

// Results of activationRangeQuantized / activationRangeFloat (globals: no allocation).
export let actMin: i32 = 0;
export let actMax: i32 = 0;
export let actMinF: f32 = 0;
export let actMaxF: f32 = 0;

function quantizeForRange(f: f32, scale: f32, zeroPoint: i32): i32 {
  // TFLM: zero_point + static_cast<int32_t>(TfLiteRound(f / scale)), in float.
  return zeroPoint + <i32>roundAwayF32(f / scale);
}

/** TFLM CalculateActivationRangeQuantized: sets actMin/actMax. False for unsupported activations. */
export function activationRangeQuantized(node: Node, activation: i32, output: Tensor): bool {
  const qmin = dtypeMin(output.type);
  const qmax = dtypeMax(output.type);
  const scale = output.scale;
  const zp = output.zeroPoint;
  if (activation == Activation.RELU) {
    const lo = quantizeForRange(0, scale, zp);
    actMin = lo > qmin ? lo : qmin; actMax = qmax;
  } else if (activation == Activation.RELU6) {
    const lo = quantizeForRange(0, scale, zp);
    const hi = quantizeForRange(6, scale, zp);
    actMin = lo > qmin ? lo : qmin; actMax = hi < qmax ? hi : qmax;
  } else if (activation == Activation.RELU_N1_TO_1) {
    const lo = quantizeForRange(-1, scale, zp);
    const hi = quantizeForRange(1, scale, zp);
    actMin = lo > qmin ? lo : qmin; actMax = hi < qmax ? hi : qmax;
  } else if (activation == Activation.NONE) {
    actMin = qmin; actMax = qmax;
  } else {
    if (opError(node, "fused activation ")) { errInt(activation); errStr(" is not supported"); }
    return false;
  }
  return true;
}

/** TFLM CalculateActivationRange for float: sets actMinF/actMaxF. */
export function activationRangeFloat(node: Node, activation: i32): bool {
  if (activation == Activation.RELU) { actMinF = 0; actMaxF = f32.MAX_VALUE; }
  else if (activation == Activation.RELU6) { actMinF = 0; actMaxF = 6; }
  else if (activation == Activation.RELU_N1_TO_1) { actMinF = -1; actMaxF = 1; }
  else if (activation == Activation.NONE) { actMinF = -f32.MAX_VALUE; actMaxF = f32.MAX_VALUE; }
  else {
    if (opError(node, "fused activation ")) { errInt(activation); errStr(" is not supported"); }
    return false;
  }
  return true;
}

/** Number of scales in a tensor's quantization (1 for per-tensor, the channel count per-channel). */
export function scaleCount(t: Tensor): i32 {
  if (t.quantTable == 0) return 0;
  return vecLen(fbVector(t.quantTable, QuantField.Scale, 4));
}

/** Address of the tensor's float32 scale vector data (in the model), or 0. */
export function scaleData(t: Tensor): usize {
  if (t.quantTable == 0) return 0;
  const v = fbVector(t.quantTable, QuantField.Scale, 4);
  return v ? vecData(v) : 0;
}

/** quantized_dimension of a tensor's quantization. */
export function quantizedDimension(t: Tensor): i32 {
  if (t.quantTable == 0) return 0;
  return fbI32(t.quantTable, QuantField.QuantizedDimension, 0);
}

/**
 * TFLM PopulateConvolutionQuantizationParams, integer part: per output channel,
 * effective scale = input_scale * filter_scale[c] / output_scale (in double), as a Q31
 * multiplier and shift. Writes `channels` i32 multipliers and shifts.
 */
export function perChannelMultipliers(node: Node, input: Tensor, filter: Tensor, output: Tensor,
                                      channels: i32, multipliers: usize, shifts: usize): bool {
  const count = scaleCount(filter);
  if (count != 1 && count != channels) {
    if (opError(node, "filter has ")) { errInt(count); errStr(" scales for "); errInt(channels); errStr(" output channels"); }
    return false;
  }
  const scales = scaleData(filter);
  if (scales == 0) return opFail(node, "filter is not quantized");
  const inputScale = <f64>input.scale;
  const outputScale = <f64>output.scale;
  for (let c = 0; c < channels; c++) {
    const filterScale = <f64>load<f32>(scales + (count == 1 ? 0 : <usize>c << 2));
    const packed = quantizeMultiplier(inputScale * filterScale / outputScale);
    store<i32>(multipliers + (<usize>c << 2), qmMultiplier(packed));
    store<i32>(shifts + (<usize>c << 2), qmShift(packed));
  }
  return true;
}

/** True when the tensor's zero point (every channel) is 0, as symmetric int8/int16 weights need. */
export function isSymmetric(t: Tensor): bool {
  if (t.quantTable == 0) return true;
  const v = fbVector(t.quantTable, QuantField.ZeroPoint, 8);
  const n = vecLen(v);
  for (let i = 0; i < n; i++) if (load<i64>(vecData(v) + (<usize>i << 3)) != 0) return false;
  return true;
}

/** Result of checkedLog2: log2(x) rounded to the nearest integer. */
export let log2Rounded: i32 = 0;

/**
 * TFLM CheckedLog2 (computed in float as TFLM does): sets log2Rounded and returns true when x
 * is (within 1e-3 in log2) a power of two. x must be positive.
 */
export function checkedLog2(x: f32): bool {
  const xLog2 = Mathf.log(x) * (<f32>1.0 / Mathf.log(2));
  const rounded = roundAwayF32(xLog2);
  log2Rounded = <i32>rounded;
  return Mathf.abs(xLog2 - rounded) < <f32>1e-3;
}

/** TFLM CalculateInputRadius: largest input (after the zero point) that the fixed-point range holds. */
export function calculateInputRadius(inputIntegerBits: i32, inputLeftShift: i32, totalSignedBits: i32): i32 {
  const maxInputRescaled = <f64>((1 << inputIntegerBits) - 1) *
    <f64>(<i64>1 << (totalSignedBits - inputIntegerBits)) / <f64>(<i64>1 << inputLeftShift);
  return <i32>Math.floor(maxInputRescaled);
}

/** TFLM CalculateActivationRange for int32 outputs: sets actMin/actMax. */
export function activationRangeInt32(node: Node, activation: i32): bool {
  if (activation == Activation.RELU) { actMin = 0; actMax = i32.MAX_VALUE; }
  else if (activation == Activation.RELU6) { actMin = 0; actMax = 6; }
  else if (activation == Activation.RELU_N1_TO_1) { actMin = -1; actMax = 1; }
  else if (activation == Activation.NONE) { actMin = i32.MIN_VALUE; actMax = i32.MAX_VALUE; }
  else {
    if (opError(node, "fused activation ")) { errInt(activation); errStr(" is not supported"); }
    return false;
  }
  return true;
}

/**
 * TFLM LUTPopulate<int16_t> (float maths): fills the 513-entry int16 table `lut` with
 * `transform` sampled over the int16 input range given by (inputScale, inputZeroPoint) and
 * quantized with (outputScale, outputZeroPoint). Each entry is biased so that interpolating
 * (lutLookupInt16) halves the error at the midpoint, as TFLM does.
 */
export function lutPopulateInt16(inputScale: f32, inputZeroPoint: i32, outputScale: f32, outputZeroPoint: i32,
                                 transform: (x: f32) => f32, lut: usize): void {
  const inputMin = inputScale * <f32>(<i32>-32768 - inputZeroPoint);
  const inputMax = inputScale * <f32>(<i32>32767 - inputZeroPoint);
  const outputMin = outputScale * <f32>(<i32>-32768 - outputZeroPoint);
  const outputMax = outputScale * <f32>(<i32>32767 - outputZeroPoint);
  const steps = 512;
  const step = (inputMax - inputMin) / <f32>steps;
  const halfStep = step / 2;
  const scalingInv = <f32>65536 / (outputMax - outputMin);
  for (let i = 0; i < steps; i++) {
    const value = transform(inputMin + <f32>i * step);
    const valueMidpoint = transform(inputMin + <f32>i * step + halfStep);
    const valueNext = transform(inputMin + <f32>(i + 1) * step);
    const sample = roundAwayF32(value * scalingInv);
    const midpointInterpolated = roundAwayF32((valueNext * scalingInv + roundAwayF32(value * scalingInv)) / 2);
    const midpoint = roundAwayF32(valueMidpoint * scalingInv);
    const bias = roundAwayF32((midpointInterpolated - midpoint) / 2);
    store<i16>(lut + (<usize>i << 1), <i16>Mathf.min(Mathf.max(sample - bias, -32768), 32767));
  }
  const last = roundAwayF32(transform(inputMax) * scalingInv);
  store<i16>(lut + (<usize>steps << 1), <i16>Mathf.min(Mathf.max(last, -32768), 32767));
}

/** Checks that a tensor has quantization parameters with a positive, finite scale. */
export function checkQuantizedScale(node: Node, t: Tensor): bool {
  if (t.quantized == 0) return opFail(node, "quantized tensors need scale and zero point");
  if (!(t.scale > 0) || !isFinite(t.scale)) return opFail(node, "scales must be positive and finite");
  return true;
}
