// FLOOR_DIV reference kernel (TFLM floor_div.cc): float32, floor(x / y) computed in double.

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";

/** The op data: these params, then the Broadcast. */
@unmanaged
export class FloorDivParams {
  /** Elements of the denominator (input 1), all checked for zero before dividing. */
  denominatorCount: i32;
}

// @ts-ignore: decorator
@inline export function floorDivBroadcast(p: FloorDivParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<FloorDivParams>());
}

function row(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  const strideA = <usize>stepA << 2, strideB = <usize>stepB << 2;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), <f32>Math.floor(<f64>load<f32>(a) / <f64>load<f32>(b)));
    a += strideA;
    b += strideB;
  }
}

/** False (nothing written) when a denominator is zero: TFLM fails the invoke. */
export function floorDivFloat32(p: FloorDivParams, a: usize, b: usize, out: usize): bool {
  const n = p.denominatorCount;
  for (let i = 0; i < n; i++) if (load<f32>(b + (<usize>i << 2)) == 0) return false;
  forEachRow(floorDivBroadcast(p), changetype<usize>(p), a, b, out, 2, row);
  return true;
}
