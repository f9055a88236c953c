// Element-wise unary maths (TFLM elementwise.cc: ABS, SIN, COS, LOG, SQRT, RSQRT, SQUARE,
// LOGICAL_NOT; and the one-op files neg.cc, exp.cc, floor.cc, ceil.cc, round.cc): float32 by
// the C library function, bool, and TFLM's quantized int8/int16 ABS and int8 RSQRT.

import { multiplyByQuantizedMultiplier, invSqrtQuantizedMultiplierExp, qmMultiplier, qmShift } from "../assembly/math/fixedpoint";

/** Which function a node computes. */
export const enum UnaryFn { Abs = 0, Sin, Cos, Log, Sqrt, Rsqrt, Square, Neg, Exp, Floor, Ceil, Round, LogicalNot }

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class ElementwiseParams {
  fn: i32;
  /** Input dtype (DType). */
  type: i32;
  count: i32;
  /** int16 ABS: 0 when the input has no quantization (plain integer abs). */
  quantized: i32;
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  /** ABS: input/output scale ratio; RSQRT: 1 / (sqrt(input scale) * output scale). */
  multiplier: i32;
  shift: i32;
  /** ABS: the scales differ (otherwise the multiplier is skipped, as TFLM does). */
  needsRescale: i32;
}

/** TFLM reference Round: to nearest, ties to the even neighbour (and -0.3 gives +0). */
// @ts-ignore: decorator
@inline export function roundHalfEven(x: f32): f32 {
  const floorValue = Mathf.floor(x);
  const diff = x - floorValue;
  if (diff < 0.5 || (diff == 0.5 && (<i32>floorValue & 1) == 0)) return floorValue;
  return floorValue + 1;
}

// @ts-ignore: decorator
@inline function applyFloat(fn: i32, x: f32): f32 {
  switch (fn) {
    case UnaryFn.Abs: return Mathf.abs(x);
    case UnaryFn.Sin: return Mathf.sin(x);
    case UnaryFn.Cos: return Mathf.cos(x);
    case UnaryFn.Log: return Mathf.log(x);
    case UnaryFn.Sqrt: return Mathf.sqrt(x);
    case UnaryFn.Rsqrt: return <f32>1 / Mathf.sqrt(x);
    case UnaryFn.Square: return x * x;
    case UnaryFn.Neg: return -x;
    case UnaryFn.Exp: return Mathf.exp(x);
    case UnaryFn.Floor: return Mathf.floor(x);
    case UnaryFn.Ceil: return Mathf.ceil(x);
    default: return roundHalfEven(x);
  }
}

// With a constant `fn` the switch above folds away: one tight loop per function.
// @ts-ignore: decorator
@inline function mapFloat32(fn: i32, input: usize, output: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(output + at, applyFloat(fn, load<f32>(input + at)));
  }
}

/** `n` float32 elements of function `fn` (the SIMD set uses it for its tails). */
export function unaryFloat32Span(fn: i32, input: usize, output: usize, n: i32): void {
  switch (fn) {
    case UnaryFn.Abs: mapFloat32(UnaryFn.Abs, input, output, n); break;
    case UnaryFn.Sin: mapFloat32(UnaryFn.Sin, input, output, n); break;
    case UnaryFn.Cos: mapFloat32(UnaryFn.Cos, input, output, n); break;
    case UnaryFn.Log: mapFloat32(UnaryFn.Log, input, output, n); break;
    case UnaryFn.Sqrt: mapFloat32(UnaryFn.Sqrt, input, output, n); break;
    case UnaryFn.Rsqrt: mapFloat32(UnaryFn.Rsqrt, input, output, n); break;
    case UnaryFn.Square: mapFloat32(UnaryFn.Square, input, output, n); break;
    case UnaryFn.Neg: mapFloat32(UnaryFn.Neg, input, output, n); break;
    case UnaryFn.Exp: mapFloat32(UnaryFn.Exp, input, output, n); break;
    case UnaryFn.Floor: mapFloat32(UnaryFn.Floor, input, output, n); break;
    case UnaryFn.Ceil: mapFloat32(UnaryFn.Ceil, input, output, n); break;
    default: mapFloat32(UnaryFn.Round, input, output, n); break;
  }
}

/** float32 ABS, SIN, COS, LOG, SQRT, RSQRT, SQUARE, NEG, EXP, FLOOR, CEIL, ROUND. */
export function unaryFloat32(p: ElementwiseParams, input: usize, output: usize): void {
  unaryFloat32Span(p.fn, input, output, p.count);
}

/** LOGICAL_NOT on bool bytes (any non-zero byte is true). */
export function logicalNot(p: ElementwiseParams, input: usize, output: usize): void {
  const n = p.count;
  for (let i = 0; i < n; i++) store<u8>(output + <usize>i, load<u8>(input + <usize>i) == 0 ? 1 : 0);
}

// TFLM AbsEvalQuantized: |q - zp_in|, rescaled only when the scales differ, plus zp_out.
// @ts-ignore: decorator
@inline function absQuantized<T>(p: ElementwiseParams, input: usize, output: usize, lo: i32, hi: i32): void {
  const n = p.count;
  const inZp = p.inputZeroPoint, outZp = p.outputZeroPoint;
  const m = p.multiplier, s = p.shift;
  const rescale = p.needsRescale != 0;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<T>(input + <usize>i * sizeof<T>()) - inZp;
    const value = x < 0 ? -x : x;
    let v = (rescale ? multiplyByQuantizedMultiplier(value, m, s) : value) + outZp;
    v = v < lo ? lo : (v > hi ? hi : v);
    store<T>(output + <usize>i * sizeof<T>(), <T>v);
  }
}

export function absInt8(p: ElementwiseParams, input: usize, output: usize): void {
  absQuantized<i8>(p, input, output, -128, 127);
}

/** int16 ABS: quantized as absInt8 (zero points 0), or without quantization the plain abs. */
export function absInt16(p: ElementwiseParams, input: usize, output: usize): void {
  if (p.quantized != 0) { absQuantized<i16>(p, input, output, -32768, 32767); return; }
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<i16>(input + (<usize>i << 1));
    store<i16>(output + (<usize>i << 1), <i16>(x < 0 ? -x : x)); // |-32768| wraps, as in C++
  }
}

/**
 * int8 RSQRT (TFLM RsqrtEvalQuantized). Returns -1, or the index of the first input below the
 * zero point (TFLM fails the invoke there: "only defined for positive values").
 */
export function rsqrtInt8(p: ElementwiseParams, input: usize, output: usize): i32 {
  const n = p.count;
  const inZp = p.inputZeroPoint, outZp = p.outputZeroPoint;
  const m = p.multiplier, s = p.shift;
  const extraShift = 20; // keeps 1/sqrt(value) an integer between the two multiplications
  for (let i = 0; i < n; i++) {
    const value = <i32>load<i8>(input + <usize>i) - inZp;
    if (value < 0) return i;
    let v: i32 = 127; // a zero input stands for the largest output
    if (value != 0) {
      const packed = invSqrtQuantizedMultiplierExp(value, -1);
      const inverse = multiplyByQuantizedMultiplier(1, qmMultiplier(packed), qmShift(packed) + extraShift);
      v = multiplyByQuantizedMultiplier(inverse, m, s - extraShift) + outZp;
      v = v < -128 ? -128 : (v > 127 ? 127 : v);
    }
    store<i8>(output + <usize>i, <i8>v);
  }
  return -1;
}
