// EMBEDDING_LOOKUP reference kernel (TFLM embedding_lookup.cc): output row i is row
// lookup[i] of the value table, copied, or (int8 table, float32 output) dequantized with the
// table's scale. Lookups are data: each is checked.

@unmanaged
export class EmbeddingLookupParams {
  lookups: i32;
  rows: i32;
  /** Elements per row. */
  columns: i32;
  /** Bytes per value element (copy), or 0 for the int8 -> float32 dequantizing path. */
  elementSize: i32;
  scale: f32;
}

/** Returns the position of the first bad lookup, or -1 when all were valid. */
export function embeddingLookup(p: EmbeddingLookupParams, lookup: usize, value: usize, output: usize): i32 {
  const columns = <usize>p.columns;
  if (p.elementSize != 0) {
    // TFLM copies nothing (and succeeds) when the table is empty.
    if (p.rows == 0) return -1;
    const rowBytes = columns * <usize>p.elementSize;
    for (let i = 0; i < p.lookups; i++) {
      const index = load<i32>(lookup + (<usize>i << 2));
      if (index < 0 || index >= p.rows) return i;
      memory.copy(output + <usize>i * rowBytes, value + <usize>index * rowBytes, rowBytes);
    }
    return -1;
  }
  const scale = p.scale;
  for (let i = 0; i < p.lookups; i++) {
    const index = load<i32>(lookup + (<usize>i << 2));
    if (index < 0 || index >= p.rows) return i;
    const src = value + <usize>index * columns;
    const dst = output + ((<usize>i * columns) << 2);
    for (let c: usize = 0; c < columns; c++) store<f32>(dst + (c << 2), <f32>load<i8>(src + c) * scale);
  }
  return -1;
}
