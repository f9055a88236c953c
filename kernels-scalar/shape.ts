// SHAPE and BROADCAST_ARGS kernels: shapes as data.

/** Copies `rank` int32 dims to the output. */
export function shape(dims: usize, rank: i32, output: usize): void {
  memory.copy(output, dims, <usize>rank << 2);
}

/**
 * TFLite reference_ops::BroadcastArgs on int32 (`wide` false) or int64 shape vectors of `n0`
 * and `n1` values, right-aligned; writes `n` values. Returns the output position of the first
 * incompatible pair, or -1. As TFLM, the values are compared as int (32-bit).
 */
export function broadcastArgs(s0: usize, n0: i32, s1: usize, n1: i32, output: usize, n: i32, wide: bool): i32 {
  const shift: usize = wide ? 3 : 2;
  for (let back = 0; back < n; back++) {
    const i0 = n0 - 1 - back;
    const i1 = n1 - 1 - back;
    const a = i0 < 0 ? 1 : load<i32>(s0 + (<usize>i0 << shift));
    const b = i1 < 0 ? 1 : load<i32>(s1 + (<usize>i1 << shift));
    let r: i32;
    if (a == 1) r = b;
    else if (b == 1) r = a;
    else if (a == b) r = a;
    else return n - 1 - back;
    const at = output + (<usize>(n - 1 - back) << shift);
    if (wide) store<i64>(at, <i64>r); else store<i32>(at, r);
  }
  return -1;
}
