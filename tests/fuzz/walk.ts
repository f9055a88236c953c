// A tolerant, schema-aware walk over a .tflite FlatBuffer that records where every structure
// lives (tables, vtables, offsets, vectors, strings, indices, shape dims, quantization arrays,
// enums, options tables, custom options), so the mutator can hit each of them on purpose.
// It reads by hand with a DataView and never throws: whatever does not parse is skipped.

/** What a byte position holds (the mutator picks values per kind). */
export type SiteKind =
  | 'table'          // a table's soffset to its vtable (pos = table start)
  | 'vtable'         // a vtable (pos = vtable start; u16 vtable size, u16 table size, u16 field offsets)
  | 'uoffset'        // a u32 offset to a table, vector or string
  | 'veclen'         // a vector's u32 length word
  | 'tensorIndex'    // an i32 tensor index (operator inputs/outputs/intermediates, subgraph inputs/outputs)
  | 'bufferIndex'    // Tensor.buffer (u32)
  | 'opcodeIndex'    // Operator.opcode_index (u32)
  | 'dim'            // an i32 shape dim
  | 'dtype'          // Tensor.type (i8)
  | 'builtinCode'    // OperatorCode.builtin_code (i32)
  | 'deprecatedCode' // OperatorCode.deprecated_builtin_code (i8)
  | 'opVersion'      // OperatorCode.version (i32)
  | 'optionsType'    // Operator.builtin_options_type (u8)
  | 'option'         // a scalar field of a builtin options table (size 1, 2, 4 or 8)
  | 'scale'          // an f32 quantization scale
  | 'zeroPoint'      // an i64 zero point
  | 'quantDim'       // QuantizationParameters.quantized_dimension (i32)
  | 'isVariable'     // Tensor.is_variable (bool)
  | 'customOptions'  // an operator's custom options bytes (pos, size)
  | 'bufferData'     // a buffer's bytes (constant tensor data; pos, size)
  | 'metaBuffer'     // Metadata.buffer (u32)
  | 'version';       // Model.version (u32)

export interface Site {
  kind: SiteKind;
  pos: number;
  /** Bytes the site covers (fields, byte ranges); 4 for offsets and indices. */
  size: number;
  /** For veclen: element size; for table: the table's declared size. */
  elem?: number;
  /** For veclen: the element count as found. */
  count?: number;
  /** For tensorIndex: how many tensors the subgraph has; bufferIndex: buffers; opcodeIndex: opcodes. */
  limit?: number;
  /** For tensorIndex of an operator's input: the same operator's output indices. */
  outputs?: number[];
  /** For veclen: what the vector holds ('shape', 'scale', 'zeroPoint'). */
  tag?: string;
  /** For a scale veclen: the zero point veclen of the same quantization table (-1: none). */
  pair?: number;
}

export interface ModelMap {
  sites: Site[];
  /** Every structure boundary (starts and ends of tables, vtables, vectors, strings). */
  boundaries: number[];
  subgraphs: number;
}

type FieldKind =
  | { t: 'scalar'; size: number; site?: SiteKind }
  | { t: 'table'; of: TableWalker }
  | { t: 'tables'; of: TableWalker }
  | { t: 'vector'; elem: number; site?: SiteKind }
  | { t: 'string' }
  | { t: 'options' };

type TableWalker = (w: Walker, table: number, ctx: Ctx) => void;

interface Ctx { tensors: number; buffers: number; opcodes: number; outputs?: number[]; }

class Walker {
  readonly view: DataView;
  readonly sites: Site[] = [];
  readonly bounds = new Set<number>();
  private readonly seen = new Set<number>();
  private steps = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  inside(pos: number, size: number): boolean { return pos >= 0 && size >= 0 && pos + size <= this.bytes.length; }
  u8(p: number): number { return this.inside(p, 1) ? this.view.getUint8(p) : 0; }
  u16(p: number): number { return this.inside(p, 2) ? this.view.getUint16(p, true) : 0; }
  u32(p: number): number { return this.inside(p, 4) ? this.view.getUint32(p, true) : 0; }
  i32(p: number): number { return this.inside(p, 4) ? this.view.getInt32(p, true) : 0; }

  site(s: Site): void { this.sites.push(s); }
  bound(p: number): void { if (p > 0 && p < this.bytes.length) this.bounds.add(p); }

  /** Validates table `pos`; records its soffset and vtable. Returns [vtable, vtSize, tableSize] or null. */
  table(pos: number): [number, number, number] | null {
    if (++this.steps > 200000 || !this.inside(pos, 4)) return null;
    const vt = pos - this.i32(pos);
    if (!this.inside(vt, 4)) return null;
    const vtSize = this.u16(vt);
    const tableSize = this.u16(vt + 2);
    if (vtSize < 4 || !this.inside(vt, vtSize) || !this.inside(pos, tableSize)) return null;
    if (!this.seen.has(pos)) {
      this.seen.add(pos);
      this.site({ kind: 'table', pos, size: 4, elem: tableSize });
      this.bound(pos); this.bound(pos + tableSize);
    }
    if (!this.seen.has(-vt - 1)) {
      this.seen.add(-vt - 1);
      this.site({ kind: 'vtable', pos: vt, size: vtSize });
      this.bound(vt); this.bound(vt + vtSize);
    }
    return [vt, vtSize, tableSize];
  }

  /** Address of field `id` of table `pos` (0 when absent). */
  field(pos: number, id: number): number {
    const t = this.table(pos);
    if (!t) return 0;
    const [vt, vtSize, tableSize] = t;
    const slot = 4 + 2 * id;
    if (slot + 2 > vtSize) return 0;
    const off = this.u16(vt + slot);
    if (off === 0 || off >= tableSize) return 0;
    return pos + off;
  }

  /** Follows the uoffset at `at` (recording it); returns the target or -1. */
  follow(at: number): number {
    if (!this.inside(at, 4)) return -1;
    this.site({ kind: 'uoffset', pos: at, size: 4 });
    const target = at + this.u32(at);
    return this.inside(target, 4) ? target : -1;
  }

  /** A vector at `v` (its length word): records it; returns its element count or -1. */
  vector(v: number, elem: number): number {
    if (v < 0) return -1;
    const n = this.u32(v);
    if (!this.inside(v + 4, n * elem)) return -1;
    this.site({ kind: 'veclen', pos: v, size: 4, elem, count: n });
    this.bound(v); this.bound(v + 4 + n * elem);
    return n;
  }

  walkTable(pos: number, fields: Record<number, FieldKind>, ctx: Ctx): void {
    if (!this.table(pos)) return;
    for (const [key, kind] of Object.entries(fields)) {
      const at = this.field(pos, Number(key));
      if (!at) continue;
      switch (kind.t) {
        case 'scalar':
          if (kind.site) this.site({ kind: kind.site, pos: at, size: kind.size, limit: kind.site === 'bufferIndex' ? ctx.buffers : kind.site === 'opcodeIndex' ? ctx.opcodes : undefined });
          break;
        case 'table': {
          const t = this.follow(at);
          if (t >= 0) kind.of(this, t, ctx);
          break;
        }
        case 'tables': {
          const v = this.follow(at);
          const n = this.vector(v, 4);
          for (let i = 0; i < n && i < 4096; i++) {
            const t = this.follow(v + 4 + 4 * i);
            if (t >= 0) kind.of(this, t, ctx);
          }
          break;
        }
        case 'vector': {
          const v = this.follow(at);
          const n = this.vector(v, kind.elem);
          if (n < 0 || !kind.site) break;
          if (kind.site === 'dim' || kind.site === 'scale' || kind.site === 'zeroPoint') {
            this.sites[this.sites.length - 1].tag = kind.site === 'dim' ? 'shape' : kind.site;
          }
          if (kind.site === 'customOptions' || kind.site === 'bufferData') {
            if (n > 0) this.site({ kind: kind.site, pos: v + 4, size: n });
            break;
          }
          for (let i = 0; i < n && i < 4096; i++) {
            this.site({ kind: kind.site, pos: v + 4 + kind.elem * i, size: kind.elem, limit: ctx.tensors, outputs: ctx.outputs });
          }
          break;
        }
        case 'string': {
          const v = this.follow(at);
          this.vector(v, 1);
          break;
        }
        case 'options': {
          const t = this.follow(at);
          if (t >= 0) this.options(t);
          break;
        }
      }
    }
  }

  /** A builtin options table of unknown layout: every present field is an 'option' site. */
  options(pos: number): void {
    const t = this.table(pos);
    if (!t) return;
    const [vt, vtSize, tableSize] = t;
    const offs: number[] = [];
    for (let slot = 4; slot + 2 <= vtSize; slot += 2) {
      const off = this.u16(vt + slot);
      if (off >= 4 && off < tableSize) offs.push(off);
    }
    offs.sort((a, b) => a - b);
    offs.forEach((off, i) => {
      const room = (i + 1 < offs.length ? offs[i + 1] : tableSize) - off;
      const size = room >= 8 && off % 8 === 0 ? 8 : room >= 4 ? 4 : room >= 2 ? 2 : 1;
      this.site({ kind: 'option', pos: pos + off, size });
      // A 4-byte field may be an offset to a vector (e.g. RESHAPE's new_shape, squeeze dims).
      if (size === 4) {
        const target = pos + off + this.u32(pos + off);
        const n = this.u32(target);
        if (target > pos + off && this.inside(target + 4, n * 4) && n > 0 && n <= 16) {
          for (let k = 0; k < n; k++) this.site({ kind: 'option', pos: target + 4 + 4 * k, size: 4 });
        }
      }
    });
  }
}

// ---- the TFLite schema (field ids from schema.fbs) ----------------------------------------

const quantization: TableWalker = (w, t, ctx) => {
  const first = w.sites.length;
  w.walkTable(t, {
    2: { t: 'vector', elem: 4, site: 'scale' },
    3: { t: 'vector', elem: 8, site: 'zeroPoint' },
    6: { t: 'scalar', size: 4, site: 'quantDim' },
    0: { t: 'vector', elem: 4 }, 1: { t: 'vector', elem: 4 },
  }, ctx);
  const mine = w.sites.slice(first);
  const scale = mine.find((x) => x.kind === 'veclen' && x.tag === 'scale');
  const zp = mine.find((x) => x.kind === 'veclen' && x.tag === 'zeroPoint');
  if (scale) scale.pair = zp ? zp.pos : -1;
};

const tensor: TableWalker = (w, t, ctx) => w.walkTable(t, {
  0: { t: 'vector', elem: 4, site: 'dim' },
  1: { t: 'scalar', size: 1, site: 'dtype' },
  2: { t: 'scalar', size: 4, site: 'bufferIndex' },
  3: { t: 'string' },
  4: { t: 'table', of: quantization },
  5: { t: 'scalar', size: 1, site: 'isVariable' },
  7: { t: 'vector', elem: 4, site: 'dim' },
}, ctx);

const operator: TableWalker = (w, t, ctx) => {
  // Collect this operator's outputs first (for "reads its own output" mutations).
  const outs: number[] = [];
  const oAt = w.field(t, 2);
  if (oAt) {
    const v = oAt + w.u32(oAt);
    const n = w.u32(v);
    if (w.inside(v + 4, n * 4)) for (let i = 0; i < n && i < 64; i++) outs.push(w.i32(v + 4 + 4 * i));
  }
  w.walkTable(t, {
    0: { t: 'scalar', size: 4, site: 'opcodeIndex' },
    1: { t: 'vector', elem: 4, site: 'tensorIndex' },
    2: { t: 'vector', elem: 4, site: 'tensorIndex' },
    3: { t: 'scalar', size: 1, site: 'optionsType' },
    4: { t: 'options' },
    5: { t: 'vector', elem: 1, site: 'customOptions' },
    8: { t: 'vector', elem: 4, site: 'tensorIndex' },
    11: { t: 'scalar', size: 1, site: 'optionsType' },
    12: { t: 'options' },
  }, { ...ctx, outputs: outs });
};

const subgraph: TableWalker = (w, t, ctx) => {
  const tAt = w.field(t, 0);
  const tensors = tAt ? w.u32(tAt + w.u32(tAt)) : 0;
  w.walkTable(t, {
    0: { t: 'tables', of: tensor },
    1: { t: 'vector', elem: 4, site: 'tensorIndex' },
    2: { t: 'vector', elem: 4, site: 'tensorIndex' },
    3: { t: 'tables', of: operator },
    4: { t: 'string' },
  }, { ...ctx, tensors });
};

const opcode: TableWalker = (w, t, ctx) => w.walkTable(t, {
  0: { t: 'scalar', size: 1, site: 'deprecatedCode' },
  1: { t: 'string' },
  2: { t: 'scalar', size: 4, site: 'opVersion' },
  3: { t: 'scalar', size: 4, site: 'builtinCode' },
}, ctx);

const buffer: TableWalker = (w, t, ctx) => w.walkTable(t, { 0: { t: 'vector', elem: 1, site: 'bufferData' } }, ctx);

const metadata: TableWalker = (w, t, ctx) => w.walkTable(t, {
  0: { t: 'string' },
  1: { t: 'scalar', size: 4, site: 'metaBuffer' },
}, ctx);

/** Maps the structures of a .tflite file. */
export function mapModel(bytes: Uint8Array): ModelMap {
  const w = new Walker(bytes);
  const root = w.u32(0);
  w.site({ kind: 'uoffset', pos: 0, size: 4 });
  const count = (field: number) => { const at = w.field(root, field); return at ? w.u32(at + w.u32(at)) : 0; };
  const ctx: Ctx = { tensors: 0, buffers: count(4), opcodes: count(1) };
  w.walkTable(root, {
    0: { t: 'scalar', size: 4, site: 'version' },
    1: { t: 'tables', of: opcode },
    2: { t: 'tables', of: subgraph },
    3: { t: 'string' },
    4: { t: 'tables', of: buffer },
    5: { t: 'vector', elem: 4 },
    6: { t: 'tables', of: metadata },
  }, ctx);
  return { sites: w.sites, boundaries: [...w.bounds].sort((a, b) => a - b), subgraphs: count(2) };
}
