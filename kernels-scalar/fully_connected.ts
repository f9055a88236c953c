// FULLY_CONNECTED reference kernels (TFLM reference_ops / reference_integer_ops arithmetic).

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class FullyConnectedParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  batches: i32;
  accumDepth: i32;
  outputDepth: i32;
  inputOffset: i32;     // -input zero point
  filterOffset: i32;    // -filter zero point
  outputOffset: i32;    // output zero point
  multiplier: i32;
  shift: i32;
  /** Per-channel multipliers and shifts (i32[outputDepth]) or 0 for per-tensor. */
  channelMultipliers: usize;
  channelShifts: usize;
  actMin: i32;
  actMax: i32;
  actMinF: f32;
  actMaxF: f32;
  /** Kernel-private data, set by fullyConnectedPrepare (SIMD: the kernel path), 0 when unused. */
  packed: usize;
}

/** Kernel-level prepare, called last by the registration's prepare: the reference kernels need nothing. */
export function fullyConnectedPrepare(p: FullyConnectedParams): bool {
  return true;
}

/** int8 x int8 -> int8, int32 bias (may be 0). */
export function fullyConnectedInt8(p: FullyConnectedParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const depth = p.accumDepth;
  const outDepth = p.outputDepth;
  const inputOffset = p.inputOffset;
  const filterOffset = p.filterOffset;
  const perChannel = p.channelMultipliers != 0;
  for (let b = 0; b < p.batches; b++) {
    const inRow = input + <usize>(b * depth);
    const outRow = output + <usize>(b * outDepth);
    for (let c = 0; c < outDepth; c++) {
      const wRow = filter + <usize>(c * depth);
      let acc = 0;
      for (let d = 0; d < depth; d++) {
        acc += (<i32>load<i8>(wRow + <usize>d) + filterOffset) * (<i32>load<i8>(inRow + <usize>d) + inputOffset);
      }
      if (bias) acc += load<i32>(bias + (<usize>c << 2));
      const m = perChannel ? load<i32>(p.channelMultipliers + (<usize>c << 2)) : p.multiplier;
      const s = perChannel ? load<i32>(p.channelShifts + (<usize>c << 2)) : p.shift;
      let v = multiplyByQuantizedMultiplier(acc, m, s) + p.outputOffset;
      v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
      store<i8>(outRow + <usize>c, <i8>v);
    }
  }
}

/** int16 x int8 -> int16, int64 bias (may be 0): TFLM's 16x8 path. */
export function fullyConnectedInt16(p: FullyConnectedParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const depth = p.accumDepth;
  const outDepth = p.outputDepth;
  const filterOffset = p.filterOffset;
  for (let b = 0; b < p.batches; b++) {
    const inRow = input + (<usize>(b * depth) << 1);
    const outRow = output + (<usize>(b * outDepth) << 1);
    for (let c = 0; c < outDepth; c++) {
      const wRow = filter + <usize>(c * depth);
      let acc: i64 = 0;
      for (let d = 0; d < depth; d++) {
        acc += <i64>((<i32>load<i8>(wRow + <usize>d) + filterOffset) * <i32>load<i16>(inRow + (<usize>d << 1)));
      }
      if (bias) acc += load<i64>(bias + (<usize>c << 3));
      let v = multiplyByQuantizedMultiplier64(acc, p.multiplier, p.shift) + p.outputOffset;
      v = v < p.actMin ? p.actMin : (v > p.actMax ? p.actMax : v);
      store<i16>(outRow + (<usize>c << 1), <i16>v);
    }
  }
}

/** float32, float bias (may be 0). */
export function fullyConnectedFloat32(p: FullyConnectedParams, input: usize, filter: usize, bias: usize, output: usize): void {
  const depth = p.accumDepth;
  const outDepth = p.outputDepth;
  for (let b = 0; b < p.batches; b++) {
    const inRow = input + (<usize>(b * depth) << 2);
    const outRow = output + (<usize>(b * outDepth) << 2);
    for (let c = 0; c < outDepth; c++) {
      const wRow = filter + (<usize>(c * depth) << 2);
      let total: f32 = 0;
      for (let d = 0; d < depth; d++) {
        total += load<f32>(inRow + (<usize>d << 2)) * load<f32>(wRow + (<usize>d << 2));
      }
      const biasValue: f32 = bias ? load<f32>(bias + (<usize>c << 2)) : 0;
      store<f32>(outRow + (<usize>c << 2), Mathf.min(Mathf.max(total + biasValue, p.actMinF), p.actMaxF));
    }
  }
}
