// BATCH_MATMUL reference kernels (TFLM batch_matmul.cc + reference BatchMatMul): for each
// (broadcast) batch, out[i][j] = sum over k of lhs[i][k] * rhs[k][j], k ascending. Adjoint
// flags only change the element steps, so the operands are read in place (TFLM transposes
// them into persistent copies first; the sums are the same). int8: int32 sums, requantized
// like FULLY_CONNECTED; int16: int64 sums (zero points are 0).

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";

@unmanaged
export class BatchMatMulParams {
  type: i32;
  rows: i32; cols: i32; depth: i32;
  /** Output batch extents (up to three batch dimensions, outermost first). */
  batch0: i32; batch1: i32; batch2: i32;
  /** Element steps per batch index (0 where that operand broadcasts). */
  lhsBatch0: i32; lhsBatch1: i32; lhsBatch2: i32;
  rhsBatch0: i32; rhsBatch1: i32; rhsBatch2: i32;
  /** Element steps of lhs per row and per k, of rhs per k and per column. */
  lhsRowStep: i32; lhsDepthStep: i32;
  rhsDepthStep: i32; rhsColStep: i32;
  lhsOffset: i32; rhsOffset: i32; outputOffset: i32;
  multiplier: i32; shift: i32;
  actMin: i32; actMax: i32;
}

// @ts-ignore: decorator
@inline function matmul<T, Acc>(p: BatchMatMulParams, lhs: usize, rhs: usize, out: usize): void {
  const rows = p.rows, cols = p.cols, depth = p.depth;
  const lr = p.lhsRowStep, lk = p.lhsDepthStep, rk = p.rhsDepthStep, rc = p.rhsColStep;
  const size = <usize>sizeof<T>();
  for (let i = 0; i < rows; i++) {
    const lhsRow = lhs + <usize>(i * lr) * size;
    for (let j = 0; j < cols; j++) {
      const rhsCol = rhs + <usize>(j * rc) * size;
      if (isFloat<T>()) {
        let total: f32 = 0;
        for (let k = 0; k < depth; k++) {
          total += load<f32>(lhsRow + (<usize>(k * lk) << 2)) * load<f32>(rhsCol + (<usize>(k * rk) << 2));
        }
        store<f32>(out, total);
      } else {
        let total: Acc = 0;
        for (let k = 0; k < depth; k++) {
          total += <Acc>(<i32>load<T>(lhsRow + <usize>(k * lk) * size) + p.lhsOffset) *
                   <Acc>(<i32>load<T>(rhsCol + <usize>(k * rk) * size) + p.rhsOffset);
        }
        let v = sizeof<Acc>() == 8 ? multiplyByQuantizedMultiplier64(<i64>total, p.multiplier, p.shift)
                                   : multiplyByQuantizedMultiplier(<i32>total, p.multiplier, p.shift);
        v += p.outputOffset;
        v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
        store<T>(out, <T>v);
      }
      out += size;
    }
  }
}

// @ts-ignore: decorator
@inline function batches<T, Acc>(p: BatchMatMulParams, lhs: usize, rhs: usize, output: usize): void {
  const size = <usize>sizeof<T>();
  const matrix = <usize>p.rows * <usize>p.cols * size;
  let out = output;
  for (let b0 = 0; b0 < p.batch0; b0++) {
    for (let b1 = 0; b1 < p.batch1; b1++) {
      for (let b2 = 0; b2 < p.batch2; b2++) {
        const l = lhs + <usize>(b0 * p.lhsBatch0 + b1 * p.lhsBatch1 + b2 * p.lhsBatch2) * size;
        const r = rhs + <usize>(b0 * p.rhsBatch0 + b1 * p.rhsBatch1 + b2 * p.rhsBatch2) * size;
        matmul<T, Acc>(p, l, r, out);
        out += matrix;
      }
    }
  }
}

export function batchMatMulFloat32(p: BatchMatMulParams, lhs: usize, rhs: usize, output: usize): void { batches<f32, f32>(p, lhs, rhs, output); }
export function batchMatMulInt8(p: BatchMatMulParams, lhs: usize, rhs: usize, output: usize): void { batches<i8, i32>(p, lhs, rhs, output); }
export function batchMatMulInt16(p: BatchMatMulParams, lhs: usize, rhs: usize, output: usize): void { batches<i16, i64>(p, lhs, rhs, output); }
