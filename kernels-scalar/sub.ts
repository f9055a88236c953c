// SUB reference kernels (TFLM reference_ops::Sub / BroadcastQuantSubSlow arithmetic).
// SUB's parameters are ADD's (TFLM OpDataSub mirrors OpDataAdd).

import { AddParams, addBroadcast, rescaleSmallerThanOne } from "./add";
import { forEachRow } from "../assembly/ops/broadcast";

export type SubParams = AddParams;

// @ts-ignore: decorator
@inline function subRowQuantized<T>(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  const offset1 = p.input1Offset, offset2 = p.input2Offset, outputOffset = p.outputOffset;
  const leftShift = p.leftShift;
  const m1 = p.input1Multiplier, s1 = p.input1Shift;
  const m2 = p.input2Multiplier, s2 = p.input2Shift;
  const mo = p.outputMultiplier, so = p.outputShift;
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA * sizeof<T>();
  const strideB = <usize>stepB * sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = (<i32>load<T>(a) + offset1) << leftShift;
    const y = (<i32>load<T>(b) + offset2) << leftShift;
    const diff = rescaleSmallerThanOne(x, m1, s1) - rescaleSmallerThanOne(y, m2, s2);
    const v = rescaleSmallerThanOne(diff, mo, so) + outputOffset;
    store<T>(out + <usize>i * sizeof<T>(), <T>(v < lo ? lo : (v > hi ? hi : v)));
    a += strideA;
    b += strideB;
  }
}

function subRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  subRowQuantized<i8>(params, a, stepA, b, stepB, out, n);
}

function subRowInt16(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  subRowQuantized<i16>(params, a, stepA, b, stepB, out, n);
}

function subRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  const lo = p.actMin, hi = p.actMax;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const v = load<i32>(a) - load<i32>(b); // wraps
    store<i32>(out + (<usize>i << 2), v < lo ? lo : (v > hi ? hi : v));
    a += strideA;
    b += strideB;
  }
}

function subRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const p = changetype<AddParams>(params);
  const lo = p.actMinF, hi = p.actMaxF;
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), Mathf.min(Mathf.max(load<f32>(a) - load<f32>(b), lo), hi));
    a += strideA;
    b += strideB;
  }
}

export function subInt8(p: SubParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 0, subRowInt8);
}

export function subInt16(p: SubParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 1, subRowInt16);
}

export function subInt32(p: SubParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 2, subRowInt32);
}

export function subFloat32(p: SubParams, a: usize, b: usize, out: usize): void {
  forEachRow(addBroadcast(p), changetype<usize>(p), a, b, out, 2, subRowFloat32);
}
