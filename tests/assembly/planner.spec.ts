// The placement functions on hand-made buffer sets: TFLM's greedy, the lower bound, plan
// checks, first vs best fit, offline buffers, and planBest beating TFLM's greedy.
import { arenaInit, currentArena } from "../../assembly/arena";
import {
  planGreedyBySize, planLowerBound, planIsValid, planIsValidOnline, planExtent, planBest,
  planStrategyBytes, planChosen, setPlanStrategies, Strategy,
} from "../../assembly/planner";
import { placeInOrder } from "../../assembly/planner/place";

const MAX = 256;
const ARENA_BYTES = 1 << 16;
const ARENA = memory.data(ARENA_BYTES, 16);
const SIZE = memory.data(MAX * 4, 16);
const FIRST = memory.data(MAX * 4, 16);
const LAST = memory.data(MAX * 4, 16);
const FIXED = memory.data(MAX * 4, 16);
const OFFSET = memory.data(MAX * 4, 16);
const ORDER = memory.data(MAX * 4, 16);
const NEXT = memory.data(MAX * 4, 16);

function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

/** A fresh arena whose head peak is already high, so every strategy may run. */
function freshArena(): void {
  arenaInit(currentArena(), ARENA, ARENA_BYTES);
  currentArena().loadPeak = ARENA_BYTES;
  setPlanStrategies(0xffff);
}

/** Writes a buffer set: sizes and lifetimes [first, last]; no offline offsets. */
function buffers(sizes: i32[], firsts: i32[], lasts: i32[]): i32 {
  for (let i = 0; i < sizes.length; i++) {
    seti(SIZE, i, sizes[i]); seti(FIRST, i, firsts[i]); seti(LAST, i, lasts[i]);
    seti(FIXED, i, -1); seti(OFFSET, i, -1);
  }
  return sizes.length;
}

/** A chain: buffer i is written by op i and read by op i + 1 (scopes as in TFLM). */
function chain(units: i32[], unit: i32): i32 {
  const n = units.length;
  for (let i = 0; i < n; i++) {
    seti(SIZE, i, units[i] * unit);
    seti(FIRST, i, i);
    seti(LAST, i, i + 1 < n ? i + 1 : i);
    seti(FIXED, i, -1);
  }
  return n;
}

// Activation sizes of MobileNet v1 0.25 (VWW), in units.
const VWW: i32[] = [24, 16, 16, 32, 8, 16, 16, 16, 4, 8, 8, 8, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 2, 2, 2];

describe("planGreedyBySize (TFLM)", () => {
  it("places the largest first, ties later-id first, each at the lowest offset that fits", () => {
    freshArena();
    // A 32 [0,1], B 48 [1,2], C 32 [2,3]: B at 0; C (tie with A, later id) at 48; A at 48 too.
    const n = buffers([32, 48, 32], [0, 1, 2], [1, 2, 3]);
    expect(planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(80);
    expect(geti(OFFSET, 1)).toBe(0);
    expect(geti(OFFSET, 2)).toBe(48);
    expect(geti(OFFSET, 0)).toBe(48);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
  });
  it("reuses a gap between buffers when the new one fits", () => {
    freshArena();
    // E 64 [0,1] at 0 (tie: later id first), D 64 [0,4] at 64; F 16 [3,4] takes E's place.
    const n = buffers([64, 64, 16], [0, 0, 3], [4, 1, 4]);
    expect(planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(128);
    expect(geti(OFFSET, 1)).toBe(0);
    expect(geti(OFFSET, 0)).toBe(64);
    expect(geti(OFFSET, 2)).toBe(0);
  });
  it("is a third above the lower bound on the VWW chain", () => {
    freshArena();
    const n = chain(VWW, 16);
    expect(planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(1024);
    expect(planLowerBound(n, SIZE, FIRST, LAST, n)).toBe(768);
  });
});

describe("planLowerBound", () => {
  it("is the most bytes alive in one scope", () => {
    const n = buffers([48, 112, 32, 16], [0, 1, 2, 0], [1, 2, 2, 0]);
    // scope 0: 48 + 16; scope 1: 48 + 112; scope 2: 112 + 32
    expect(planLowerBound(n, SIZE, FIRST, LAST, 3)).toBe(160);
  });
  it("is 0 without buffers", () => {
    expect(planLowerBound(0, SIZE, FIRST, LAST, 4)).toBe(0);
  });
});

describe("planIsValid", () => {
  it("finds buffers alive together that share bytes", () => {
    const n = buffers([32, 32], [0, 1], [1, 2]);
    seti(OFFSET, 0, 0); seti(OFFSET, 1, 16);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(false);
    seti(OFFSET, 1, 32);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
    expect(planExtent(n, SIZE, OFFSET)).toBe(64);
  });
  it("lets buffers that are never alive together share bytes", () => {
    const n = buffers([32, 32], [0, 2], [1, 3]);
    seti(OFFSET, 0, 0); seti(OFFSET, 1, 0);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
  });
  it("does not judge two offline buffers (the model placed them), only online ones", () => {
    const n = buffers([32, 32, 16], [0, 0, 0], [1, 1, 1]);
    seti(FIXED, 0, 0); seti(FIXED, 1, 0);
    seti(OFFSET, 0, 0); seti(OFFSET, 1, 0); seti(OFFSET, 2, 32);
    expect(planIsValidOnline(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(true);
    seti(OFFSET, 2, 16);
    expect(planIsValidOnline(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(false);
  });
});

describe("placeInOrder", () => {
  it("first fit takes the lowest gap, best fit the smallest one that fits", () => {
    // Offline: 0..16, 64..80, 96..112 (gaps of 48 and 16); online: 16 bytes alive with them.
    const n = buffers([16, 16, 16, 16], [0, 0, 0, 0], [5, 5, 5, 5]);
    seti(FIXED, 0, 0); seti(FIXED, 1, 64); seti(FIXED, 2, 96);
    seti(ORDER, 0, 3);
    expect(placeInOrder(n, SIZE, FIRST, LAST, FIXED, ORDER, 1, false, OFFSET, NEXT, i32.MAX_VALUE)).toBe(112);
    expect(geti(OFFSET, 3)).toBe(16);
    placeInOrder(n, SIZE, FIRST, LAST, FIXED, ORDER, 1, true, OFFSET, NEXT, i32.MAX_VALUE);
    expect(geti(OFFSET, 3)).toBe(80);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
  });
  it("goes on top when no gap fits, and stops early past the limit", () => {
    const n = buffers([16, 16, 32], [0, 0, 0], [5, 5, 5]);
    seti(FIXED, 0, 0); seti(FIXED, 1, 32);
    seti(ORDER, 0, 2);
    expect(placeInOrder(n, SIZE, FIRST, LAST, FIXED, ORDER, 1, true, OFFSET, NEXT, i32.MAX_VALUE)).toBe(80);
    expect(geti(OFFSET, 2)).toBe(48);
    expect(placeInOrder(n, SIZE, FIRST, LAST, FIXED, ORDER, 1, true, OFFSET, NEXT, 64)).toBeGreaterThan(64);
  });
});

describe("planBest", () => {
  it("beats TFLM's greedy on the VWW chain and reaches the lower bound", () => {
    freshArena();
    const n = chain(VWW, 16);
    const best = planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET);
    expect(best).toBe(768);
    expect(planStrategyBytes(Strategy.TflmGreedy)).toBe(1024);
    expect(planStrategyBytes(Strategy.SizeBestFit)).toBeLessThan(1024);
    expect(planChosen()).toBe(Strategy.Search);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
    expect(planExtent(n, SIZE, OFFSET)).toBe(768);
  });
  it("keeps TFLM's plan when it already meets the lower bound", () => {
    freshArena();
    const n = buffers([32, 48, 32], [0, 1, 2], [1, 2, 3]);
    expect(planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(80);
    expect(planChosen()).toBe(Strategy.TflmGreedy);
    expect(planStrategyBytes(Strategy.Search)).toBe(-1);
  });
  it("runs only TFLM's greedy when its working memory would raise the head", () => {
    arenaInit(currentArena(), ARENA, ARENA_BYTES);
    setPlanStrategies(0xffff);
    const n = chain(VWW, 8); // 28 buffers: ~1 KB of working memory, TFLM's plan is 512
    expect(planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET)).toBe(512);
    expect(planStrategyBytes(Strategy.SizeBestFit)).toBe(-1);
  });
  it("honours offline offsets with every strategy", () => {
    freshArena();
    const n = chain(VWW, 16);
    seti(FIXED, 3, 2048); // the 32-unit buffer, far up
    seti(FIXED, 10, 0);
    const best = planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET);
    expect(geti(OFFSET, 3)).toBe(2048);
    expect(geti(OFFSET, 10)).toBe(0);
    expect(best).toBe(2048 + 512);
    expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
  });
  it("on random buffer sets: valid, never above TFLM's greedy, never below the bound", () => {
    let x: u32 = 12345;
    for (let trial = 0; trial < 40; trial++) {
      freshArena();
      const n = 8 + trial;
      for (let i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        const start = <i32>(x % 30);
        const span = <i32>((x >> 8) % 6);
        seti(SIZE, i, <i32>(((x >> 16) % 64) + 1) << 4);
        seti(FIRST, i, start); seti(LAST, i, start + span); seti(FIXED, i, -1);
      }
      const tflm = planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      const bound = planLowerBound(n, SIZE, FIRST, LAST, 36);
      const best = planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
      expect(best).toBeLessThanOrEqual(tflm);
      expect(best).toBeGreaterThanOrEqual(bound);
      expect(planExtent(n, SIZE, OFFSET)).toBe(best);
    }
  });
});
