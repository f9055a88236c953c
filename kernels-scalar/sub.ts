// SUB reference kernels (TFLM reference_ops::Sub / BroadcastQuantSubSlow arithmetic).
// SUB's parameters and row loops are ADD's (TFLM OpDataSub mirrors OpDataAdd).

import { AddParams, addBroadcast, addSubRowQuantized, addSubRowInt32, addSubRowFloat32 } from "./add";
import { forEachRow } from "../assembly/ops/broadcast";

export type SubParams = AddParams;

function subRowInt8(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowQuantized<i8>(params, a, stepA, b, stepB, out, n, true);
}

function subRowInt16(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowQuantized<i16>(params, a, stepA, b, stepB, out, n, true);
}

function subRowInt32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowInt32(params, a, stepA, b, stepB, out, n, true);
}

function subRowFloat32(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  addSubRowFloat32(params, a, stepA, b, stepB, out, n, true);
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
