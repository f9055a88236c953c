// Structure-aware mutations of .tflite files. A case applies a few mutations to a seed model:
// generic ones (bit flips, byte runs, splices, truncation at structure boundaries) and targeted
// ones chosen per site kind (see walk.ts): offsets pointing before/inside/past the buffer,
// vtables with huge sizes, vector lengths near 2^31, indices out of range, hostile shape dims,
// quantization arrays shorter than the channel count, unknown enum values, options values,
// operators reading their own outputs, subgraph indices (control-flow options), custom options.

import { Rng } from './rng.js';
import { mapModel, ModelMap, Site, SiteKind } from './walk.js';

export interface Mutated { bytes: Uint8Array; steps: string[]; }

const I32_EDGES = [0, 1, -1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000,
  46341, 65535, 65536, 1 << 20, 0x3fffffff, 0x40000000, 0x7ffffffe, 0x7fffffff, -0x80000000, -2, -128, -129, -32768, 1000000];
const F32_EDGES = [0, -0, 1, -1, 0.5, 2, NaN, Infinity, -Infinity, 1e-45, 1.17549435e-38, 1e-30, 1e-10, 1e10, 1e30,
  3.4028234e38, -3.4028234e38, 2 ** -31, 2 ** 31, 65536, 1 / 65536];
const DIM_VALUES = [0, -1, 1, 2, 3, 4, 5, 8, 16, 255, 256, 4096, 46341, 65536, 1 << 20, 0x7fffffff, -0x80000000, -2];
// Builtin codes worth hitting: the ones the engine runs, control flow (subgraph indices), CUSTOM, edges.
const CODES = [0, 1, 2, 3, 4, 6, 9, 14, 17, 18, 22, 25, 28, 31, 32, 41, 42, 44, 45, 53, 55, 57, 114, 118, 119, 129, 127, 128,
  255, 256, 1000, -1, -128, 0x7fffffff, -0x80000000, 206, 207, 210];

/** Weights of the mutation kinds. */
const KINDS: ReadonlyArray<readonly [number, string]> = [
  [10, 'bitflip'], [6, 'byterun'], [2, 'splice'], [1, 'shift'], [6, 'truncate'],
  [6, 'uoffset'], [5, 'table'], [5, 'vtable'], [7, 'veclen'],
  [9, 'tensorIndex'], [3, 'ownOutput'], [4, 'bufferIndex'], [4, 'opcodeIndex'],
  [10, 'dim'], [3, 'overflowDims'], [6, 'dimRename'], [3, 'rank'], [4, 'quantShort'], [4, 'dtype'], [3, 'builtinCode'], [1, 'deprecatedCode'], [2, 'opVersion'],
  [2, 'optionsType'], [10, 'option'], [4, 'scale'], [3, 'zeroPoint'], [4, 'quantDim'], [2, 'isVariable'],
  [6, 'customOptions'], [4, 'bufferData'], [1, 'metaBuffer'], [1, 'version'],
];

class Editor {
  view: DataView;
  constructor(public bytes: Uint8Array) { this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength); }
  ok(pos: number, size: number): boolean { return pos >= 0 && pos + size <= this.bytes.length; }
  u8(pos: number, v: number): void { if (this.ok(pos, 1)) this.view.setUint8(pos, v & 0xff); }
  u16(pos: number, v: number): void { if (this.ok(pos, 2)) this.view.setUint16(pos, v & 0xffff, true); }
  i32(pos: number, v: number): void { if (this.ok(pos, 4)) this.view.setInt32(pos, v | 0, true); }
  u32(pos: number, v: number): void { if (this.ok(pos, 4)) this.view.setUint32(pos, v >>> 0, true); }
  f32(pos: number, v: number): void { if (this.ok(pos, 4)) this.view.setFloat32(pos, v, true); }
  i64(pos: number, v: bigint): void { if (this.ok(pos, 8)) this.view.setBigInt64(pos, v, true); }
  getU16(pos: number): number { return this.ok(pos, 2) ? this.view.getUint16(pos, true) : 0; }
  getI32(pos: number): number { return this.ok(pos, 4) ? this.view.getInt32(pos, true) : 0; }
  getU32(pos: number): number { return this.ok(pos, 4) ? this.view.getUint32(pos, true) : 0; }
}

function sitesOf(map: ModelMap, kind: SiteKind): Site[] { return map.sites.filter((s) => s.kind === kind); }

function fillRun(r: Rng, e: Editor, pos: number, len: number): string {
  const style = r.int(5);
  for (let i = 0; i < len && pos + i < e.bytes.length; i++) {
    e.u8(pos + i, style === 0 ? r.u32() : style === 1 ? 0 : style === 2 ? 0xff : style === 3 ? 0x7f : 0x80);
  }
  return `run@${pos}+${len}/${['rand', '00', 'ff', '7f', '80'][style]}`;
}

/** One targeted mutation of `kind`; returns a description, or null when the seed has no such site. */
function mutateOnce(r: Rng, e: Editor, map: ModelMap, kind: string): string | null {
  const len = e.bytes.length;
  const pickSite = (k: SiteKind) => { const s = sitesOf(map, k); return s.length ? r.pick(s) : null; };
  switch (kind) {
    case 'bitflip': {
      const n = r.range(1, 16);
      const at: number[] = [];
      for (let i = 0; i < n; i++) { const p = r.int(len); at.push(p); e.u8(p, e.bytes[p] ^ (1 << r.int(8))); }
      return `bitflip@${at.join(',')}`;
    }
    case 'byterun': { const p = r.int(len); return fillRun(r, e, p, r.range(1, 16)); }
    case 'splice': {
      const n = r.range(1, 64);
      const from = r.int(len), to = r.int(len);
      e.bytes.copyWithin(to, from, Math.min(len, from + n));
      return `splice ${from}->${to}+${n}`;
    }
    case 'shift': {
      // Delete or insert a few bytes: everything after moves.
      const p = r.int(len), n = r.range(1, 8);
      const out = r.chance(0.5)
        ? new Uint8Array([...e.bytes.subarray(0, p), ...e.bytes.subarray(Math.min(len, p + n))])
        : new Uint8Array([...e.bytes.subarray(0, p), ...r.bytes(n), ...e.bytes.subarray(p)]);
      e.bytes = out;
      e.view = new DataView(out.buffer);
      return `shift@${p}${out.length < len ? '-' : '+'}${n}`;
    }
    case 'truncate': {
      const b = map.boundaries.length && r.chance(0.8) ? r.pick(map.boundaries) + r.pick([0, 0, 0, -1, 1, -4, 4, 2]) : r.int(len);
      const n = Math.max(0, Math.min(len - 1, b));
      e.bytes = e.bytes.slice(0, n);
      e.view = new DataView(e.bytes.buffer);
      return `truncate@${n}`;
    }
    case 'uoffset': {
      const s = pickSite('uoffset'); if (!s) return null;
      const old = e.getU32(s.pos);
      const other = r.pick(map.sites).pos;
      const v = r.pick([0, 1, 2, 3, 4, len - s.pos, len - s.pos - 1, len - s.pos - 4, len - s.pos + 1, 0xffffffff, 0x80000000,
        0x7fffffff, r.int(len - s.pos), old + r.range(-16, 16), old + 1, old + 2, (0x100000000 - s.pos) >>> 0, other - s.pos]);
      e.u32(s.pos, v);
      return `uoffset@${s.pos}=${v >>> 0}`;
    }
    case 'table': {
      const s = pickSite('table'); if (!s) return null;
      const old = e.getI32(s.pos);
      const vt = pickSite('vtable');
      const v = r.pick([0, s.pos + 1, s.pos, s.pos + 4, -(len - s.pos), -(len - s.pos) + 2, -(len - s.pos) + 4, old + 2, old - 2,
        old + r.range(-32, 32), 0x7fffffff, -0x80000000, vt ? s.pos - vt.pos : 4, 4, -4]);
      e.i32(s.pos, v);
      return `soffset@${s.pos}=${v | 0}`;
    }
    case 'vtable': {
      const s = pickSite('vtable'); if (!s) return null;
      const vtSize = e.getU16(s.pos), tableSize = e.getU16(s.pos + 2);
      const which = r.int(3);
      if (which === 0) { const v = r.pick([0, 1, 2, 3, 5, 0xfffe, 0xffff, vtSize + 2, vtSize - 2, vtSize + 64]); e.u16(s.pos, v); return `vtsize@${s.pos}=${v}`; }
      if (which === 1) { const v = r.pick([0, 1, 3, 4, 0xffff, 0xfffc, tableSize - 1, tableSize - 4, tableSize + 4, tableSize + 4096]); e.u16(s.pos + 2, v); return `tablesize@${s.pos}=${v}`; }
      const slots = Math.max(0, (vtSize - 4) >> 1);
      if (slots === 0) return null;
      const slot = s.pos + 4 + 2 * r.int(slots);
      const v = r.pick([0, 1, 2, 3, 4, 0xffff, 0xfffe, tableSize, tableSize - 1, tableSize - 2, tableSize - 3, r.int(tableSize + 8)]);
      e.u16(slot, v);
      return `vtslot@${slot}=${v}`;
    }
    case 'veclen': {
      const s = pickSite('veclen'); if (!s) return null;
      const n = s.count ?? 0, el = s.elem ?? 1;
      const room = Math.floor((len - s.pos - 4) / el);
      const v = r.pick([0, 1, n - 1, n + 1, n * 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x3fffffff, 0x40000000, room, room + 1,
        Math.floor(0x80000000 / el), Math.floor(0x100000000 / el), 2, 3, 4, 8]);
      e.u32(s.pos, v);
      return `veclen@${s.pos}=${v >>> 0}`;
    }
    case 'tensorIndex': {
      const s = pickSite('tensorIndex'); if (!s) return null;
      const n = s.limit ?? 0;
      const v = r.pick([-1, -2, n, n + 1, n - 1, 0x7fffffff, -0x80000000, r.int(Math.max(1, n)), r.int(Math.max(1, n)), r.int(Math.max(1, n)), 0]);
      e.i32(s.pos, v);
      return `tensor@${s.pos}=${v}`;
    }
    case 'ownOutput': {
      const ins = sitesOf(map, 'tensorIndex').filter((s) => s.outputs && s.outputs.length);
      if (!ins.length) return null;
      const s = r.pick(ins);
      const v = r.pick(s.outputs!);
      e.i32(s.pos, v);
      return `ownOutput@${s.pos}=${v}`;
    }
    case 'bufferIndex': case 'opcodeIndex': case 'metaBuffer': {
      const s = pickSite(kind); if (!s) return null;
      const n = s.limit ?? 0;
      const v = r.pick([n, n + 1, 0xffffffff, 0x80000000, 0, r.int(Math.max(1, n)), r.int(Math.max(1, n)), r.int(Math.max(1, n))]);
      e.u32(s.pos, v);
      return `${kind}@${s.pos}=${v >>> 0}`;
    }
    case 'dim': {
      const s = pickSite('dim'); if (!s) return null;
      const old = e.getI32(s.pos);
      const v = r.pick([...DIM_VALUES, old + 1, old - 1, old * 2, old * 3, r.range(0, 64)]);
      e.i32(s.pos, v);
      return `dim@${s.pos}=${v}`;
    }
    case 'dimRename': {
      // Every dim equal to some value gets a new one: shapes stay consistent with each other
      // (activations agree, constants' buffers may not), so each op's prepare sees new sizes.
      const dims = sitesOf(map, 'dim');
      if (!dims.length) return null;
      const old = e.getI32(r.pick(dims).pos);
      const v = r.pick([0, 1, 2, 3, old + 1, old - 1, old * 2, 255, 4097, 65536, 46341, 0x7fffffff, -1]);
      for (const d of dims) if (e.getI32(d.pos) === old && r.chance(0.85)) e.i32(d.pos, v);
      return `dimRename ${old}->${v}`;
    }
    case 'rank': {
      const shapes = sitesOf(map, 'veclen').filter((x) => x.tag === 'shape');
      if (!shapes.length) return null;
      const s = r.pick(shapes);
      const n = s.count ?? 0;
      const v = r.pick([0, 1, n - 1, n + 1, 5, 6, 8, 9]);
      e.u32(s.pos, Math.max(0, v));
      return `rank@${s.pos}=${Math.max(0, v)}`;
    }
    case 'quantShort': {
      // Per-channel arrays shorter than the channel count (scales and zero points agree).
      const qs = sitesOf(map, 'veclen').filter((x) => x.tag === 'scale');
      if (!qs.length) return null;
      const s = r.pick(qs);
      const n = s.count ?? 0;
      const v = r.pick([0, 1, Math.max(0, n - 1), 2]);
      e.u32(s.pos, v);
      if (s.pair !== undefined && s.pair >= 0) e.u32(s.pair, v);
      return `quantShort@${s.pos}=${v}`;
    }
    case 'overflowDims': {
      // Two or more dims of one shape whose product overflows i32 (each dim alone is fine).
      const dims = sitesOf(map, 'dim');
      if (!dims.length) return null;
      const s = r.pick(dims);
      const group = dims.filter((d) => Math.abs(d.pos - s.pos) <= 16);
      const big = r.pick([46341, 65536, 65537, 1 << 16, 1 << 20, 0x8000, 3037000500 & 0x7fffffff]);
      for (const d of group) if (r.chance(0.7)) e.i32(d.pos, big);
      e.i32(s.pos, big);
      return `overflowDims@${s.pos}=${big}`;
    }
    case 'dtype': {
      const s = pickSite('dtype'); if (!s) return null;
      const v = r.chance(0.7) ? r.range(0, 19) : r.pick([-1, 20, 50, 127, -128, 255]);
      e.u8(s.pos, v);
      return `dtype@${s.pos}=${v}`;
    }
    case 'builtinCode': {
      const s = pickSite('builtinCode'); if (!s) return null;
      const v = r.chance(0.6) ? r.pick(CODES) : r.range(0, 210);
      e.i32(s.pos, v);
      return `code@${s.pos}=${v}`;
    }
    case 'deprecatedCode': {
      const s = pickSite('deprecatedCode'); if (!s) return null;
      const v = r.chance(0.5) ? r.pick(CODES) : r.int(256);
      e.u8(s.pos, v);
      return `deprecatedCode@${s.pos}=${v & 0xff}`;
    }
    case 'opVersion': {
      const s = pickSite('opVersion'); if (!s) return null;
      const v = r.pick([0, -1, 1, 2, 3, 4, 5, 6, 7, 100, 0x7fffffff, -0x80000000]);
      e.i32(s.pos, v);
      return `version@${s.pos}=${v}`;
    }
    case 'optionsType': {
      const s = pickSite('optionsType'); if (!s) return null;
      const v = r.chance(0.5) ? r.range(0, 130) : r.pick([0, 255, 127, 128]);
      e.u8(s.pos, v);
      return `optionsType@${s.pos}=${v}`;
    }
    case 'option': {
      const s = pickSite('option'); if (!s) return null;
      if (s.size === 1) { const v = r.chance(0.6) ? r.range(0, 7) : r.int(256); e.u8(s.pos, v); return `option8@${s.pos}=${v}`; }
      if (s.size === 2) { const v = r.int(65536); e.u16(s.pos, v); return `option16@${s.pos}=${v}`; }
      if (r.chance(0.3)) { const v = r.pick(F32_EDGES); e.f32(s.pos, v); return `optionF@${s.pos}=${v}`; }
      // Small values hit subgraph indices (IF/WHILE/CALL_ONCE), axes, strides, masks.
      const v = r.chance(0.5) ? r.range(-3, 8) : r.pick(I32_EDGES);
      e.i32(s.pos, v);
      return `option32@${s.pos}=${v}`;
    }
    case 'scale': {
      const s = pickSite('scale'); if (!s) return null;
      const v = r.pick([0, -0, -1, NaN, Infinity, -Infinity, 1e-45, 1e-38, 1e-30, 1e-20, 1e38, 3.4e38, 2 ** -31, 2 ** -32, 1, 65536, 1e6, 1e-6]);
      e.f32(s.pos, v);
      return `scale@${s.pos}=${v}`;
    }
    case 'zeroPoint': {
      const s = pickSite('zeroPoint'); if (!s) return null;
      const v = r.pick([0n, -128n, 127n, 128n, -129n, 255n, 256n, 32767n, -32768n, 65535n, 2147483647n, -2147483648n, 2147483648n, -1n << 63n]);
      e.i64(s.pos, v);
      return `zeroPoint@${s.pos}=${v}`;
    }
    case 'quantDim': {
      const s = pickSite('quantDim'); if (!s) return null;
      const v = r.pick([-1, 0, 1, 2, 3, 4, 5, 8, 100, 0x7fffffff, -0x80000000]);
      e.i32(s.pos, v);
      return `quantDim@${s.pos}=${v}`;
    }
    case 'isVariable': {
      const s = pickSite('isVariable'); if (!s) return null;
      const v = r.pick([0, 1, 2, 255]);
      e.u8(s.pos, v);
      return `isVariable@${s.pos}=${v}`;
    }
    case 'customOptions': case 'bufferData': {
      const s = pickSite(kind); if (!s) return null;
      const what = r.int(4);
      if (what === 0) {
        const n = r.range(1, 8);
        for (let i = 0; i < n; i++) { const p = s.pos + r.int(s.size); e.u8(p, e.bytes[p] ^ (1 << r.int(8))); }
        return `${kind}Flip@${s.pos}`;
      }
      if (what === 1) return `${kind}:${fillRun(r, e, s.pos + r.int(s.size), r.range(1, Math.min(16, s.size)))}`;
      if (what === 2) {
        // FlexBuffer roots live at the end: [.. root, root type, root width].
        const p = s.pos + Math.max(0, s.size - r.range(1, 3));
        const v = r.int(256);
        e.u8(p, v);
        return `${kind}Tail@${p}=${v}`;
      }
      // Extreme element values (weights, biases, tables).
      const el = r.pick([1, 2, 4]);
      for (let p = s.pos; p + el <= s.pos + s.size; p += el) {
        if (!r.chance(0.3)) continue;
        if (el === 1) e.u8(p, r.pick([0x7f, 0x80, 0xff, 0]));
        else if (el === 2) e.u16(p, r.pick([0x7fff, 0x8000, 0xffff, 0]));
        else e.i32(p, r.pick([0x7fffffff, -0x80000000, -1, 0, 0x7f800000, 0x7fc00000]));
      }
      return `${kind}Extreme@${s.pos}/${el}`;
    }
    case 'version': {
      const s = pickSite('version'); if (!s) return null;
      const v = r.pick([0, 1, 2, 4, 0xffffffff]);
      e.u32(s.pos, v);
      return `modelVersion=${v}`;
    }
  }
  return null;
}

/** Applies 1..6 mutations (truncation, when drawn, comes last) to a copy of `seed`. */
export function mutate(seed: Uint8Array, map: ModelMap, r: Rng): Mutated {
  const e = new Editor(seed.slice());
  const count = r.weighted([[50, 1], [25, 2], [12, 3], [8, 4], [5, 6]] as const);
  const steps: string[] = [];
  let truncate = false;
  for (let i = 0; i < count; i++) {
    let kind = r.weighted(KINDS);
    if (kind === 'truncate') { truncate = true; continue; }
    if (kind === 'shift' && i < count - 1) kind = 'bitflip'; // a shift moves every later site
    for (let attempt = 0; attempt < 4; attempt++) {
      const d = mutateOnce(r, e, map, kind);
      if (d) { steps.push(d); break; }
      kind = r.weighted(KINDS);
      if (kind === 'truncate' || kind === 'shift') kind = 'bitflip';
    }
  }
  if (truncate) steps.push(mutateOnce(r, e, map, 'truncate')!);
  return { bytes: e.bytes, steps };
}

export { mapModel };
