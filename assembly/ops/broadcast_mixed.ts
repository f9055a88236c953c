// Broadcasting where the operands have different element sizes (comparisons write bool,
// int16 PRELU reads an int8 alpha). The iteration space is the Broadcast that
// prepareBroadcast (broadcast.ts) folded; only the byte strides differ per operand.

import { Broadcast, RowFn } from "./broadcast";

/**
 * Runs `row` over the whole iteration space; `shiftA`, `shiftB` and `shiftOut` are log2 of the
 * element size of each operand. Rows get element steps (0 or 1), as with forEachRow.
 */
export function forEachRowMixed(bc: Broadcast, params: usize, a: usize, shiftA: i32, b: usize, shiftB: i32,
                                out: usize, shiftOut: i32, row: RowFn): void {
  const n = bc.n;
  const stepA = bc.stepA;
  const stepB = bc.stepB;
  const rowBytes = <usize>n << shiftOut;
  let o = out;
  let a5 = 0, b5 = 0;
  for (let i5 = 0; i5 < bc.e5; i5++) {
    let a4 = a5, b4 = b5;
    for (let i4 = 0; i4 < bc.e4; i4++) {
      let a3 = a4, b3 = b4;
      for (let i3 = 0; i3 < bc.e3; i3++) {
        let a2 = a3, b2 = b3;
        for (let i2 = 0; i2 < bc.e2; i2++) {
          let a1 = a2, b1 = b2;
          for (let i1 = 0; i1 < bc.e1; i1++) {
            row(params, a + (<usize>a1 << shiftA), stepA, b + (<usize>b1 << shiftB), stepB, o, n);
            o += rowBytes;
            a1 += bc.a1; b1 += bc.b1;
          }
          a2 += bc.a2; b2 += bc.b2;
        }
        a3 += bc.a3; b3 += bc.b3;
      }
      a4 += bc.a4; b4 += bc.b4;
    }
    a5 += bc.a5; b5 += bc.b5;
  }
}
