// LOGICAL_AND and LOGICAL_OR reference kernels (TFLM logical.cc): bool bytes, any non-zero
// byte is true, results are 0 or 1; broadcasting through the folded Broadcast.

import { Broadcast, forEachRow } from "../assembly/ops/broadcast";

/** The op data: this header, then the Broadcast. */
@unmanaged
export class LogicalParams {
  reserved: i32;
}

// @ts-ignore: decorator
@inline export function logicalBroadcast(p: LogicalParams): Broadcast {
  return changetype<Broadcast>(changetype<usize>(p) + offsetof<LogicalParams>());
}

function andRow(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    store<u8>(out + <usize>i, (load<u8>(a) != 0 && load<u8>(b) != 0) ? 1 : 0);
    a += <usize>stepA;
    b += <usize>stepB;
  }
}

function orRow(params: usize, a: usize, stepA: i32, b: usize, stepB: i32, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    store<u8>(out + <usize>i, (load<u8>(a) != 0 || load<u8>(b) != 0) ? 1 : 0);
    a += <usize>stepA;
    b += <usize>stepB;
  }
}

export function logicalAnd(p: LogicalParams, a: usize, b: usize, out: usize): void {
  forEachRow(logicalBroadcast(p), changetype<usize>(p), a, b, out, 0, andRow);
}

export function logicalOr(p: LogicalParams, a: usize, b: usize, out: usize): void {
  forEachRow(logicalBroadcast(p), changetype<usize>(p), a, b, out, 0, orRow);
}
