// A minimal FlatBuffer walk over .tflite bytes for the few fields the harness needs that the
// engine's API does not expose (pooling windows, quantization parameters). Every read is bounds-
// checked by DataView; callers catch the RangeError of a malformed offset.

export class FlatTables {
  readonly view: DataView;
  constructor(bytes: Uint8Array) { this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength); }

  u32(at: number): number { return this.view.getUint32(at, true); }
  i32(at: number): number { return this.view.getInt32(at, true); }
  u8(at: number): number { return this.view.getUint8(at); }

  /** The root table. */
  root(): number { return this.u32(0); }

  /** Absolute position of field `id` of the table at `table`, or 0 when absent. */
  field(table: number, id: number): number {
    const vtable = table - this.i32(table);
    const slot = 4 + 2 * id;
    if (slot >= this.view.getUint16(vtable, true)) return 0;
    const rel = this.view.getUint16(vtable + slot, true);
    return rel ? table + rel : 0;
  }

  /** Follows the offset stored at `at` (to a table, vector or string). */
  ref(at: number): number { return at + this.u32(at); }

  /** The tables of a vector-of-tables field, or [] when absent. */
  tables(table: number, id: number): number[] {
    const f = this.field(table, id);
    if (!f) return [];
    const vec = this.ref(f);
    return Array.from({ length: this.u32(vec) }, (_, i) => this.ref(vec + 4 + 4 * i));
  }

  /** Length of a vector field (0 when absent). */
  vectorLength(table: number, id: number): number {
    const f = this.field(table, id);
    return f ? this.u32(this.ref(f)) : 0;
  }
}

// Field ids of the TFLite schema used here.
export const MODEL_SUBGRAPHS = 2;
export const SUBGRAPH_TENSORS = 0;
export const SUBGRAPH_OPERATORS = 3;
export const OPERATOR_OPTIONS_TYPE = 3;
export const OPERATOR_OPTIONS = 4;
export const TENSOR_SHAPE = 0;
export const TENSOR_QUANTIZATION = 4;
export const QUANT_SCALE = 2;
export const QUANT_DIMENSION = 6;
export const OPTIONS_POOL2D = 5;
export const POOL_FILTER_WIDTH = 3;
export const POOL_FILTER_HEIGHT = 4;
