// FLOOR_MOD reference kernel (TFLM floor_mod.cc): float32, fmod(x, y) moved to y's sign
// (a non-zero remainder whose sign differs from y's gets y added).

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";

/** The op data: this header, then the Broadcast. */
@unmanaged
export class FloorModParams {
  reserved: i32;
}

// @ts-ignore: decorator
@inline export function floorModBroadcast(p: FloorModParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<FloorModParams>());
}

function row(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(a), y = load<f32>(b);
    const r = x % y; // fmodf: exact
    store<f32>(out + (<usize>i << 2), r != 0 && ((y < 0) != (r < 0)) ? r + y : r);
    a += strideA;
    b += strideB;
  }
}

export function floorModFloat32(p: FloorModParams, a: usize, b: usize, out: usize): void {
  forEachRow(floorModBroadcast(p), changetype<usize>(p), a, b, out, 2, row);
}
