// Element-wise unary ops sharing one prepare (TFLM elementwise.cc, neg.cc, exp.cc, floor.cc,
// ceil.cc, round.cc). Dtypes, as TFLM's micro kernels:
// - ABS: float32, int8 (quantized), int16 (quantized with zero points 0, or unquantized)
// - RSQRT: float32, int8 (quantized)
// - SIN, COS, LOG, SQRT, SQUARE, NEG, EXP, FLOOR, CEIL, ROUND: float32
// - LOGICAL_NOT: bool

import { Subgraph, Node, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, opFail, opFailType, inputData, outputData, allocOpData, noReset } from "./registry";
import { prepareIO, ioOutput } from "./tensor_values";
import { quantizeMultiplier, qmMultiplier, qmShift } from "../math/fixedpoint";
import { checkQuantizedScale } from "./quantization";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/elementwise";
import * as simd from "../../kernels-simd/elementwise";
import { ElementwiseParams, UnaryFn } from "../../kernels-scalar/elementwise";

function supports(fn: i32, type: i32): bool {
  if (fn == UnaryFn.LogicalNot) return type == DType.BOOL;
  if (fn == UnaryFn.Abs) return type == DType.FLOAT32 || type == DType.INT8 || type == DType.INT16;
  if (fn == UnaryFn.Rsqrt) return type == DType.FLOAT32 || type == DType.INT8;
  return type == DType.FLOAT32;
}

function prepareUnary(sg: Subgraph, node: Node, fn: i32): bool {
  const input = prepareIO(sg, node, 1, 1, -1);
  if (input === null) return false;
  const output = ioOutput;
  const type = <i32>input.type;
  if (!supports(fn, type)) return opFailType(node, "input", input);
  if (elementCount(input) != elementCount(output)) return opFail(node, "input and output element counts differ");

  // float32 and bool kernels read only the first three fields: the rest is not allocated.
  const plain = type == DType.FLOAT32 || type == DType.BOOL;
  const p = changetype<ElementwiseParams>(allocOpData(node, plain ? offsetof<ElementwiseParams>("quantized") : offsetof<ElementwiseParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.fn = fn;
  p.type = type;
  p.count = elementCount(input);
  if (plain) return true;

  // int16 ABS without quantization is the plain integer abs (TFLM checks the input only).
  if (type == DType.INT16 && input.quantized == 0) return true;
  if (!checkQuantizedScale(node, input) || !checkQuantizedScale(node, output)) return false;
  p.quantized = 1;
  p.inputZeroPoint = input.zeroPoint;
  p.outputZeroPoint = output.zeroPoint;
  if (type == DType.INT16 && (input.zeroPoint != 0 || output.zeroPoint != 0)) return opFail(node, "int16 needs zero points 0");
  let real: f64;
  if (fn == UnaryFn.Abs) {
    p.needsRescale = input.scale != output.scale ? 1 : 0;
    real = <f64>input.scale / <f64>output.scale;
  } else {
    real = 1.0 / (Math.sqrt(<f64>input.scale) * <f64>output.scale);
  }
  if (!isFinite(real)) return opFail(node, "the scale ratio is not finite");
  const packed = quantizeMultiplier(real);
  p.multiplier = qmMultiplier(packed);
  p.shift = qmShift(packed);
  return true;
}

function evalUnary(sg: Subgraph, node: Node): bool {
  const p = changetype<ElementwiseParams>(node.opData);
  const input = inputData(sg, node, 0);
  const output = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.FLOAT32) {
    if (SIMD) simd.unaryFloat32(p, input, output); else scalar.unaryFloat32(p, input, output);
  } else if (type == DType.BOOL) {
    if (SIMD) simd.logicalNot(p, input, output); else scalar.logicalNot(p, input, output);
  } else if (p.fn == UnaryFn.Rsqrt) {
    const bad = SIMD ? simd.rsqrtInt8(p, input, output) : scalar.rsqrtInt8(p, input, output);
    if (bad >= 0) return opFail(node, "only defined for inputs at or above the zero point (non-negative values)");
  } else if (type == DType.INT8) {
    if (SIMD) simd.absInt8(p, input, output); else scalar.absInt8(p, input, output);
  } else {
    if (SIMD) simd.absInt16(p, input, output); else scalar.absInt16(p, input, output);
  }
  return true;
}

function prepareAbs(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Abs); }
function prepareSin(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Sin); }
function prepareCos(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Cos); }
function prepareLog(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Log); }
function prepareSqrt(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Sqrt); }
function prepareRsqrt(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Rsqrt); }
function prepareSquare(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Square); }
function prepareNeg(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Neg); }
function prepareExp(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Exp); }
function prepareFloor(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Floor); }
function prepareCeil(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Ceil); }
function prepareRound(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.Round); }
function prepareLogicalNot(sg: Subgraph, node: Node): bool { return prepareUnary(sg, node, UnaryFn.LogicalNot); }

// Every kernel reads element i before writing it: input 0 may share the output's buffer.
// @ts-ignore: decorator
@lazy export const Abs = new OpRegistration(prepareAbs, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Sin = new OpRegistration(prepareSin, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Cos = new OpRegistration(prepareCos, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Log = new OpRegistration(prepareLog, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Sqrt = new OpRegistration(prepareSqrt, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Rsqrt = new OpRegistration(prepareRsqrt, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Square = new OpRegistration(prepareSquare, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Neg = new OpRegistration(prepareNeg, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Exp = new OpRegistration(prepareExp, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Floor = new OpRegistration(prepareFloor, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Ceil = new OpRegistration(prepareCeil, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const Round = new OpRegistration(prepareRound, evalUnary, noReset, 1);
// @ts-ignore: decorator
@lazy export const LogicalNot = new OpRegistration(prepareLogicalNot, evalUnary, noReset, 1);
