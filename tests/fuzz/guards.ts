// Arena guards: which arena bytes a loaded model may write during invoke (its planned tensors,
// scratch buffers and the persistent area), filling everything else with a pattern that must
// survive an invoke, and a snapshot of the model bytes (weights are read in place) that must
// not change. Used by the canary test and by every fuzz case that loads.

import type { Microlite, Model } from '../../bindings/index.js';
import type { Exports } from '../../bindings/abi.js';

/** The engine exports the guards use (assembly/index.ts, "guards" section). */
export interface GuardExports extends Exports {
  ml_arena_base(): number;
  ml_arena_block_end(): number;
  ml_arena_tail(): number;
  ml_model_data(handle: number): number;
  ml_model_length(handle: number): number;
  ml_scratch_count(handle: number): number;
  ml_scratch_bytes(handle: number, i: number): number;
  ml_scratch_offset(handle: number, i: number): number;
}

export function guardExports(engine: Microlite): GuardExports { return engine.abi.exports as GuardExports; }

/** Address ranges [start, end) in linear memory. */
export type Range = [number, number];

export interface ArenaLayout {
  base: number;
  end: number;
  /** Ranges of the arena the model may write: planned tensors, scratch, persistent area. */
  live: Range[];
  /** The complement of `live` inside [base, end). */
  gaps: Range[];
}

/** Where `model`'s live data is in its engine's arena. */
export function arenaLayout(engine: Microlite, model: Model): ArenaLayout {
  const e = guardExports(engine);
  const h = model.id;
  const base = e.ml_arena_base();
  const end = e.ml_arena_block_end();
  const live: Range[] = [[e.ml_arena_tail(), end]];
  const n = e.ml_tensor_count(h);
  for (let i = 0; i < n; i++) {
    if ((e.ml_tensor_flags(h, i) & 4) === 0) continue; // planned only
    const p = e.ml_tensor_data(h, i);
    const bytes = e.ml_tensor_bytes(h, i);
    if (bytes > 0) live.push([p, p + bytes]);
  }
  const scratch = e.ml_scratch_count(h);
  for (let i = 0; i < scratch; i++) {
    const bytes = e.ml_scratch_bytes(h, i);
    const p = base + e.ml_scratch_offset(h, i);
    if (bytes > 0) live.push([p, p + bytes]);
  }
  live.sort((a, b) => a[0] - b[0]);
  const gaps: Range[] = [];
  let at = base;
  for (const [s, t] of live) {
    if (s > at) gaps.push([at, Math.min(s, end)]);
    at = Math.max(at, t);
  }
  if (at < end) gaps.push([at, end]);
  return { base, end, live, gaps };
}

// The pattern repeats every 251 bytes (a prime, so a copy shifted by a power of two is caught),
// salted per run; fills and checks go by native block copies and compares.
const PERIOD = 251;
const BLOCK = PERIOD * 256;
const patterns = new Map<number, Buffer>();

function patternBlock(salt: number): Buffer {
  let b = patterns.get(salt);
  if (!b) {
    b = Buffer.alloc(BLOCK + PERIOD);
    for (let i = 0; i < b.length; i++) b[i] = ((i % PERIOD) * 131 + 17 + salt * 7) & 0xff;
    patterns.set(salt, b);
  }
  return b;
}

/** The pattern byte at address `p`. */
export function patternByte(p: number, salt: number): number { return patternBlock(salt)[p % PERIOD]; }

/** Fills the gaps with the pattern. */
export function fillGaps(mem: Uint8Array, layout: ArenaLayout, salt: number): void {
  const block = patternBlock(salt);
  for (const [s, t] of layout.gaps) {
    for (let p = s; p < t; p += BLOCK) {
      const n = Math.min(BLOCK, t - p);
      const off = p % PERIOD;
      mem.set(block.subarray(off, off + n), p);
    }
  }
}

/** The first address in a gap whose pattern byte changed, or -1. */
export function checkGaps(mem: Uint8Array, layout: ArenaLayout, salt: number): number {
  const block = patternBlock(salt);
  const all = Buffer.from(mem.buffer, mem.byteOffset, mem.byteLength);
  for (const [s, t] of layout.gaps) {
    for (let p = s; p < t; p += BLOCK) {
      const n = Math.min(BLOCK, t - p);
      const off = p % PERIOD;
      if (all.compare(block, off, off + n, p, p + n) === 0) continue;
      for (let q = p; q < p + n; q++) if (mem[q] !== block[q % PERIOD]) return q;
    }
  }
  return -1;
}

/** A copy of the model's bytes as the engine holds them. */
export function modelBytes(engine: Microlite, model: Model): { ptr: number; bytes: Uint8Array } {
  const e = guardExports(engine);
  const ptr = e.ml_model_data(model.id);
  const n = e.ml_model_length(model.id);
  return { ptr, bytes: new Uint8Array(e.memory.buffer, ptr, n).slice() };
}

/** The first offset where the engine's copy of the model differs from `snapshot`, or -1. */
export function checkModelBytes(engine: Microlite, snapshot: { ptr: number; bytes: Uint8Array }): number {
  const mem = new Uint8Array(engine.abi.exports.memory.buffer, snapshot.ptr, snapshot.bytes.length);
  const want = snapshot.bytes;
  for (let i = 0; i < want.length; i++) if (mem[i] !== want[i]) return i;
  return -1;
}

/** A description of where address `p` lies (for messages). */
export function describeAddress(layout: ArenaLayout, p: number): string {
  return `arena offset ${p - layout.base} (arena ${layout.end - layout.base} bytes; live ranges ${layout.live.map(([s, t]) => `${s - layout.base}..${t - layout.base}`).join(', ')})`;
}
