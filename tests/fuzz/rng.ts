// A small seeded PRNG (mulberry32 over a splitmix-style seed mix): every fuzz case is fully
// determined by (seed, case index), so any case can be replayed alone.

export class Rng {
  private s: number;

  constructor(seed: number, stream = 0) {
    let h = (seed ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
    this.s = (h ^ (h >>> 16)) >>> 0;
  }

  /** A uniform u32. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number { return n <= 0 ? 0 : Math.floor((this.u32() / 4294967296) * n); }
  /** A uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  float(): number { return this.u32() / 4294967296; }
  chance(p: number): boolean { return this.float() < p; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }

  /** Picks by weight: `choices` are [weight, value] pairs. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of choices) total += w;
    let r = this.float() * total;
    for (const [w, v] of choices) { r -= w; if (r < 0) return v; }
    return choices[choices.length - 1][1];
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }
}
