// GATHER reference kernel (TFLM gather.cc): copies slices of the input chosen by the index
// tensor. The indices are data: each is checked, and a bad one stops the op (TFLM returns an
// error at eval too).

@unmanaged
export class GatherParams {
  batches: i32;
  outer: i32;
  /** Input size along the gathered axis (valid indices are [0, axisSize)). */
  axisSize: i32;
  /** Indices per batch. */
  coords: i32;
  /** Bytes of one gathered slice. */
  sliceBytes: i32;
}

/** Returns the first out-of-range index's position, or -1 when every index was valid. */
export function gather(p: GatherParams, input: usize, indices: usize, output: usize): i32 {
  const slice = <usize>p.sliceBytes;
  const axisSize = p.axisSize;
  const coords = p.coords;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    const batchIndices = indices + (<usize>(b * coords) << 2);
    for (let o = 0; o < p.outer; o++) {
      const base = input + <usize>(b * p.outer + o) * <usize>axisSize * slice;
      for (let c = 0; c < coords; c++) {
        const index = load<i32>(batchIndices + (<usize>c << 2));
        if (index < 0 || index >= axisSize) return b * coords + c;
        memory.copy(out, base + <usize>index * slice, slice);
        out += slice;
      }
    }
  }
  return -1;
}
