// The two-stack arena: head (planned/temporary) from the bottom, persistent from the top,
// 16-byte alignment, and exact accounting when space runs out.
import {
  TensorArena, arenaInit, selectArena, currentArena, allocPersistent, allocTemp, tempMark, releaseTemp,
  reserveHead, arenaPersistentBytes, arenaUsedBytes, alignUp,
} from "../../assembly/arena";

function freshArena(capacity: usize): TensorArena {
  const a = changetype<TensorArena>(heap.alloc(offsetof<TensorArena>()));
  const base = (heap.alloc(capacity + 16) + 15) & ~15;
  arenaInit(a, base, capacity);
  selectArena(a);
  return a;
}

describe("tensor arena", () => {
  it("allocates persistent data downwards from the tail, 16-byte aligned", () => {
    const previous = currentArena();
    const a = freshArena(1024);
    const p1 = allocPersistent(10);
    const p2 = allocPersistent(16);
    expect(p1).toBe(a.base + 1024 - 16);
    expect(p2).toBe(a.base + 1024 - 32);
    expect(arenaPersistentBytes(a)).toBe(32);
    expect(alignUp(17)).toBe(32);
    selectArena(previous);
  });

  it("allocates temporary memory from the head and releases it to a mark", () => {
    const previous = currentArena();
    const a = freshArena(1024);
    const mark = tempMark();
    const t1 = allocTemp(40);
    const t2 = allocTemp(8);
    expect(t1).toBe(a.base);
    expect(t2).toBe(a.base + 48);
    releaseTemp(mark);
    expect(allocTemp(8)).toBe(a.base);
    expect(a.headPeak).toBe(64);
    selectArena(previous);
  });

  it("refuses what does not fit and records how much was missing", () => {
    const previous = currentArena();
    const a = freshArena(256);
    expect(allocPersistent(200)).toBeGreaterThan(0);
    expect(reserveHead(64)).toBe(false); // 208 used + 64 > 256
    expect(a.exhausted).toBe(true);
    expect(a.shortBy).toBe(16);
    expect(allocPersistent(16)).toBe(0); // stays refused
    selectArena(previous);
  });

  it("keeps the shared head as large as the largest plan", () => {
    const previous = currentArena();
    const a = freshArena(4096);
    expect(reserveHead(1000)).toBe(true);
    expect(reserveHead(300)).toBe(true);
    expect(a.planned).toBe(1008);
    allocPersistent(100);
    expect(arenaUsedBytes(a)).toBe(1008 + 112);
    selectArena(previous);
  });
});
