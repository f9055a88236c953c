// The large-model algorithms (planGreedyLarge, the lower-bound sweep, heapsort orders) give
// the same plans as the small ones: random buffer sets, planned both ways, compared offset
// by offset. Also the sorts on their own.
import { arenaInit, currentArena } from "../../assembly/arena";
import { planGreedyBySize, planLowerBound, planBest, planIsValid, planChosen, setPlanStrategies } from "../../assembly/planner";
import { setForceLarge, sortIds, sortByKeyAsc, SortBy } from "../../assembly/planner/sort";

const MAX = 400;
const ARENA_BYTES = 1 << 17;
const ARENA = memory.data(ARENA_BYTES, 16);
const SIZE = memory.data(MAX * 4, 16);
const FIRST = memory.data(MAX * 4, 16);
const LAST = memory.data(MAX * 4, 16);
const FIXED = memory.data(MAX * 4, 16);
const OFFSET = memory.data(MAX * 4, 16);
const SMALL = memory.data(MAX * 4, 16);
const IDS = memory.data(MAX * 4, 16);

function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

let x: u32 = 2463534242;
function rand(n: u32): i32 { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return <i32>(x % n); }

function freshArena(): void {
  arenaInit(currentArena(), ARENA, ARENA_BYTES);
  currentArena().loadPeak = ARENA_BYTES;
  setPlanStrategies(0xffff);
}

/**
 * A random buffer set with what the model planner produces: equal sizes, zero sizes, empty
 * lifetimes (unused and merged buffers) and a few offline offsets. Returns the scope count.
 */
function randomBuffers(n: i32, scopes: i32, offline: bool): void {
  for (let i = 0; i < n; i++) {
    const kind = rand(20);
    const start = rand(<u32>scopes);
    const span = rand(3) == 0 ? rand(<u32>scopes) : rand(4);
    seti(SIZE, i, (1 + rand(8)) << 4);
    seti(FIRST, i, start);
    seti(LAST, i, start + span < scopes ? start + span : scopes - 1);
    seti(FIXED, i, -1);
    if (kind == 0) { seti(SIZE, i, 0); seti(FIRST, i, i32.MAX_VALUE); seti(LAST, i, i32.MIN_VALUE); } // unused
    else if (kind == 1 && i > 0) { seti(SIZE, i, 0); seti(FIXED, i, -2 - rand(<u32>i)); seti(FIRST, i, i32.MAX_VALUE); seti(LAST, i, i32.MIN_VALUE); } // merged
    else if (kind == 2) seti(SIZE, i, 0); // zero-byte scratch
    else if (kind == 3 && offline) seti(FIXED, i, rand(64) << 4);
  }
}

function sameOffsets(n: i32): bool {
  for (let i = 0; i < n; i++) if (geti(OFFSET, i) != geti(SMALL, i)) return false;
  return true;
}

describe("large-model planning algorithms", () => {
  it("planGreedyLarge places every buffer where TFLM's list walk does", () => {
    for (let trial = 0; trial < 80; trial++) {
      const n = 1 + rand(MAX);
      const scopes = 1 + rand(trial < 40 ? 40 : 400);
      randomBuffers(n, scopes, trial % 3 == 0);
      freshArena();
      setForceLarge(false);
      const small = planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      memory.copy(SMALL, OFFSET, <usize>n << 2);
      freshArena();
      setForceLarge(true);
      const large = planGreedyBySize(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      setForceLarge(false);
      expect(large).toBe(small);
      expect(sameOffsets(n)).toBe(true);
      if (trial % 3 != 0) expect(planIsValid(n, SIZE, FIRST, LAST, OFFSET)).toBe(true);
    }
  });

  it("the lower-bound sweep equals the scan over scopes", () => {
    for (let trial = 0; trial < 80; trial++) {
      const n = 1 + rand(MAX);
      const scopes = 1 + rand(300);
      randomBuffers(n, scopes, false);
      freshArena();
      setForceLarge(false);
      const small = planLowerBound(n, SIZE, FIRST, LAST, scopes);
      setForceLarge(true);
      const large = planLowerBound(n, SIZE, FIRST, LAST, scopes);
      setForceLarge(false);
      expect(large).toBe(small);
    }
  });

  it("planBest chooses the same plan with the large orders", () => {
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + rand(120);
      randomBuffers(n, 1 + rand(60), trial % 4 == 0);
      freshArena();
      setForceLarge(false);
      const small = planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      const chosen = planChosen();
      memory.copy(SMALL, OFFSET, <usize>n << 2);
      freshArena();
      setForceLarge(true);
      const large = planBest(n, SIZE, FIRST, LAST, FIXED, OFFSET);
      setForceLarge(false);
      expect(large).toBe(small);
      expect(planChosen()).toBe(chosen);
      expect(sameOffsets(n)).toBe(true);
    }
  });

  it("sorts: heapsort by (key, id) and the quicksort by key", () => {
    for (let trial = 0; trial < 50; trial++) {
      const n = rand(MAX);
      const range = 1 + rand(trial % 2 == 0 ? 8 : 100000);
      for (let i = 0; i < n; i++) { seti(SIZE, i, rand(<u32>range)); seti(IDS, i, i); }
      sortIds(IDS, n, SortBy.SizeDescIdDesc, SIZE);
      for (let i = 1; i < n; i++) {
        const a = geti(IDS, i - 1), b = geti(IDS, i);
        expect(geti(SIZE, a) > geti(SIZE, b) || (geti(SIZE, a) == geti(SIZE, b) && a > b)).toBe(true);
      }
      // Reversed runs followed by repeats (the greedy's typical input) and random input.
      for (let i = 0; i < n; i++) { seti(FIRST, i, i < n / 2 ? n - i : rand(3)); seti(IDS, i, i); }
      sortByKeyAsc(IDS, n, trial % 2 == 0 ? FIRST : SIZE);
      const key = trial % 2 == 0 ? FIRST : SIZE;
      for (let i = 1; i < n; i++) expect(geti(key, geti(IDS, i - 1)) <= geti(key, geti(IDS, i))).toBe(true);
      // Every id once.
      for (let i = 0; i < n; i++) seti(OFFSET, i, 0);
      for (let i = 0; i < n; i++) seti(OFFSET, geti(IDS, i), geti(OFFSET, geti(IDS, i)) + 1);
      for (let i = 0; i < n; i++) expect(geti(OFFSET, i)).toBe(1);
    }
  });
});
