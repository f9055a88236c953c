// MEAN, SUM and REDUCE_MAX reference kernels (TFLM reduce_common.cc with TFLite
// reference_ops::Mean / QuantizedMeanOrSum / ReduceGeneric). The input is read once in order;
// prepare folded its dimensions into runs that are either reduced (output step 0) or kept, so
// each row of the innermost run accumulates into one output element or into a row of them.
// Float sums and maxima accumulate in the output (as TFLM); integer sums in an int32 scratch.

import { multiplyByQuantizedMultiplier } from "../assembly/math/fixedpoint";

export const enum ReduceKind { SumFloat32 = 0, MaxFloat32 = 1, MaxInt8 = 2, SumInt8 = 3, SumInt16 = 4 }

export const enum ReduceFinish {
  None = 0,
  /** float32: divide each sum by the reduced count. */
  MeanFloat32 = 1,
  /** int8/int16, same input and output quantization: sum / count, truncated (TFLM Mean). */
  MeanInteger = 2,
  /** int8/int16: requantize (sum - zp * count) with the (mean-adjusted) multiplier. */
  Requantize = 3,
}

@unmanaged
export class ReduceParams {
  kind: i32;
  finish: i32;
  /** Innermost run: elements per row and output step (0 reduced, 1 kept). */
  n: i32;
  outStep: i32;
  /** Outer runs 1..5 (run 5 outermost): extents and output element steps. */
  e1: i32; e2: i32; e3: i32; e4: i32; e5: i32;
  o1: i32; o2: i32; o3: i32; o4: i32; o5: i32;
  outCount: i32;
  /** Input elements folded into each output element. */
  reduceCount: i32;
  /** 1 when the input has no elements (quantized results are then 0, as TFLM). */
  emptyInput: i32;
  inputZeroPoint: i32;
  outputZeroPoint: i32;
  multiplier: i32;
  shift: i32;
  /** Scratch buffer index of the int32 sums (integer sums), or -1. */
  scratch: i32;
}

/** Folds one input row of `n` elements into the accumulators at `acc` (step 0 or 1). */
function accumulateRow(kind: i32, src: usize, acc: usize, n: i32, step: i32): void {
  if (kind == ReduceKind.SumFloat32) {
    if (step == 0) {
      let s = load<f32>(acc);
      for (let i = 0; i < n; i++) s += load<f32>(src + (<usize>i << 2));
      store<f32>(acc, s);
    } else {
      for (let i = 0; i < n; i++) store<f32>(acc + (<usize>i << 2), load<f32>(acc + (<usize>i << 2)) + load<f32>(src + (<usize>i << 2)));
    }
  } else if (kind == ReduceKind.MaxFloat32) {
    for (let i = 0; i < n; i++) {
      const a = acc + (<usize>(i * step) << 2);
      const v = load<f32>(src + (<usize>i << 2));
      if (v > load<f32>(a)) store<f32>(a, v);
    }
  } else if (kind == ReduceKind.MaxInt8) {
    for (let i = 0; i < n; i++) {
      const a = acc + <usize>(i * step);
      const v = load<i8>(src + <usize>i);
      if (v > load<i8>(a)) store<i8>(a, v);
    }
  } else if (kind == ReduceKind.SumInt8) {
    if (step == 0) {
      let s = load<i32>(acc);
      for (let i = 0; i < n; i++) s += <i32>load<i8>(src + <usize>i);
      store<i32>(acc, s);
    } else {
      for (let i = 0; i < n; i++) store<i32>(acc + (<usize>i << 2), load<i32>(acc + (<usize>i << 2)) + <i32>load<i8>(src + <usize>i));
    }
  } else {
    if (step == 0) {
      let s = load<i32>(acc);
      for (let i = 0; i < n; i++) s += <i32>load<i16>(src + (<usize>i << 1));
      store<i32>(acc, s);
    } else {
      for (let i = 0; i < n; i++) store<i32>(acc + (<usize>i << 2), load<i32>(acc + (<usize>i << 2)) + <i32>load<i16>(src + (<usize>i << 1)));
    }
  }
}

/**
 * Runs the reduction. `sums` is the int32 scratch for integer sums (else unused). Output
 * dtype: the input's.
 */
export function reduce(p: ReduceParams, input: usize, output: usize, sums: usize): void {
  const kind = p.kind;
  const inShift: i32 = kind == ReduceKind.SumFloat32 || kind == ReduceKind.MaxFloat32 ? 2 : (kind == ReduceKind.SumInt16 ? 1 : 0);
  const integerSum = kind == ReduceKind.SumInt8 || kind == ReduceKind.SumInt16;
  const acc = integerSum ? sums : output;
  const accShift: i32 = integerSum ? 2 : inShift;
  const count = p.outCount;
  // Initial values: 0 for sums, the lowest value for maxima.
  if (kind == ReduceKind.MaxFloat32) {
    for (let i = 0; i < count; i++) store<f32>(acc + (<usize>i << 2), -f32.MAX_VALUE);
  } else if (kind == ReduceKind.MaxInt8) {
    memory.fill(acc, 0x80, <usize>count);
  } else {
    memory.fill(acc, 0, <usize>count << accShift);
  }
  const n = p.n;
  const step = p.outStep;
  const rowBytes = <usize>n << inShift;
  let src = input;
  let o5 = 0;
  for (let i5 = 0; i5 < p.e5; i5++) {
    let o4 = o5;
    for (let i4 = 0; i4 < p.e4; i4++) {
      let o3 = o4;
      for (let i3 = 0; i3 < p.e3; i3++) {
        let o2 = o3;
        for (let i2 = 0; i2 < p.e2; i2++) {
          let o1 = o2;
          for (let i1 = 0; i1 < p.e1; i1++) {
            accumulateRow(kind, src, acc + (<usize>o1 << accShift), n, step);
            src += rowBytes;
            o1 += p.o1;
          }
          o2 += p.o2;
        }
        o3 += p.o3;
      }
      o4 += p.o4;
    }
    o5 += p.o5;
  }
  finish(p, output, sums);
}

function finish(p: ReduceParams, output: usize, sums: usize): void {
  const count = p.outCount;
  const reduced = p.reduceCount;
  const f = p.finish;
  if (f == ReduceFinish.MeanFloat32) {
    const divisor = <f32>reduced;
    for (let i = 0; i < count; i++) store<f32>(output + (<usize>i << 2), load<f32>(output + (<usize>i << 2)) / divisor);
    return;
  }
  if (f == ReduceFinish.None) return;
  const wide = p.kind == ReduceKind.SumInt16;
  const lo = wide ? -32768 : -128;
  const hi = wide ? 32767 : 127;
  for (let i = 0; i < count; i++) {
    const sum = load<i32>(sums + (<usize>i << 2));
    let v: i32;
    if (f == ReduceFinish.MeanInteger) {
      v = reduced > 0 ? sum / reduced : 0;
    } else if (p.emptyInput != 0) {
      v = 0;
    } else {
      // The zero-point correction wraps to int32 as TFLM's cast does.
      const shifted = <i32>(<i64>sum - <i64>p.inputZeroPoint * <i64>reduced);
      v = multiplyByQuantizedMultiplier(shifted, p.multiplier, p.shift) + p.outputZeroPoint;
      v = v < lo ? lo : (v > hi ? hi : v);
    }
    if (wide) store<i16>(output + (<usize>i << 1), <i16>v);
    else store<i8>(output + <usize>i, <i8>v);
  }
}
