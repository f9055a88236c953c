// GATHER_ND reference kernel (TFLM gather_nd.cc): each row of `nd` indices picks a slice of
// the params. Indices are data: each is checked against its dimension (TFLM fails at eval
// when a slice would leave the params).

export const MAX_INDICES_ND = 5;

@unmanaged
export class GatherNdParams {
  slices: i32;
  nd: i32;
  sliceBytes: i32;
  /** log2 of the element size. */
  elementShift: i32;
  /** Per indexed dimension: its size, and the elements one step along it skips. */
  dim0: i32; dim1: i32; dim2: i32; dim3: i32; dim4: i32;
  stride0: i32; stride1: i32; stride2: i32; stride3: i32; stride4: i32;
}

/** Returns the position of the first bad index, or -1 when all were valid. */
export function gatherNd(p: GatherNdParams, params: usize, indices: usize, output: usize): i32 {
  const elementShift = p.elementShift;
  const nd = p.nd;
  const slice = <usize>p.sliceBytes;
  const base = changetype<usize>(p);
  const dims = base + offsetof<GatherNdParams>("dim0");
  const strides = base + offsetof<GatherNdParams>("stride0");
  let out = output;
  for (let i = 0; i < p.slices; i++) {
    let from = 0;
    for (let j = 0; j < nd; j++) {
      const index = load<i32>(indices + (<usize>(i * nd + j) << 2));
      if (index < 0 || index >= load<i32>(dims + (<usize>j << 2))) return i * nd + j;
      from += index * load<i32>(strides + (<usize>j << 2));
    }
    memory.copy(out, params + (<usize>from << elementShift), slice);
    out += slice;
  }
  return -1;
}
