// The tensor arena: linear memory used as two stacks.
//
//   base                                                             base + capacity
//   | head: planned (non-persistent) buffers | free | persistent data (grows down) |
//
// The head holds the buffers placed by the memory planner (activations, kernel scratch),
// shared by every model loaded into the arena (multi-tenancy: models are invoked one at a
// time, so their plans overlap). Temporary allocations made while a model loads also come
// from the head, from its start: during a load the shared head holds nothing live (as in
// TFLM, inputs of other models must be set again after loading another model). Persistent
// data (tensor metadata, op data, quantization multipliers, variable tensors) comes from the
// tail, one model after another. Everything is 16-byte aligned.
//
// With a host-sized arena both stacks share one block, exactly as TFLM lays it out. When the
// engine sizes the arena itself ("split" mode), the shared head is one block and each model's
// persistent data another, so the head can grow for a larger model without touching (or
// resetting) the models already loaded.

import { errBegin, errStr, errInt } from "./common/error";
import { blockAlloc, blockFree } from "./common/blocks";

export const ARENA_ALIGN: usize = 16;

// @ts-ignore: decorator
@inline export function alignUp(n: usize): usize { return (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1); }

@unmanaged
export class TensorArena {
  base: usize = 0;
  capacity: usize = 0;
  /** Lowest address of persistent data; `tailTop` when empty. */
  tail: usize = 0;
  /** End of the persistent stack: base + capacity, or the end of the model's own block (split). */
  tailTop: usize = 0;
  /** Split mode: persistent data lives in [tailFloor, tailTop), apart from the head. */
  split: bool = false;
  tailFloor: usize = 0;
  /** Bytes of the head currently reserved by the plans of the loaded models. */
  planned: usize = 0;
  /** Top of the temporary stack (an offset from base), valid during prepare only. */
  tempTop: usize = 0;
  /** Highest head offset reached by the plans and temporary allocations so far. */
  headPeak: usize = 0;
  /** Highest head offset reached since the current model started loading. */
  loadPeak: usize = 0;
  /** Set when an allocation did not fit; further allocations are refused. */
  exhausted: bool = false;
  /** Bytes the failed allocation asked for, beyond what was free (for messages). */
  shortBy: usize = 0;
  /**
   * Sizing mode: allocations come from the block allocator (chained at `measureChain` and
   * freed by arenaEndMeasure) and are only counted, so a model's exact arena needs can be
   * found without an arena of that size existing yet.
   */
  measuring: bool = false;
  measureChain: usize = 0;
  measuredPersistent: usize = 0;
}

let arena: TensorArena = changetype<TensorArena>(memory.data(offsetof<TensorArena>(), 16));

export function currentArena(): TensorArena { return arena; }

/** Makes `a` the arena later allocations use; returns the previous one. */
export function selectArena(a: TensorArena): TensorArena {
  const previous = arena;
  arena = a;
  return previous;
}

/** Initialises `a` over [base, base + capacity), both 16-aligned. */
export function arenaInit(a: TensorArena, base: usize, capacity: usize): void {
  a.base = base;
  a.capacity = capacity & ~(ARENA_ALIGN - 1);
  a.tail = base + a.capacity;
  a.tailTop = a.tail;
  a.split = false;
  a.tailFloor = 0;
  a.planned = 0;
  a.tempTop = 0;
  a.headPeak = 0;
  a.loadPeak = 0;
  a.exhausted = false;
  a.shortBy = 0;
  a.measuring = false;
  a.measureChain = 0;
  a.measuredPersistent = 0;
}

/**
 * Split mode: the head is [headBase, headBase + headCapacity) and this load's persistent data
 * goes to [tailBase, tailBase + tailCapacity). The head's plan and peak figures are kept.
 */
export function arenaUseSplit(a: TensorArena, headBase: usize, headCapacity: usize, tailBase: usize, tailCapacity: usize): void {
  a.base = headBase;
  a.capacity = headCapacity;
  a.split = true;
  a.tailFloor = tailBase;
  a.tailTop = tailBase + tailCapacity;
  a.tail = a.tailTop;
  a.tempTop = 0;
  a.exhausted = false;
  a.shortBy = 0;
}

/** Starts a sizing run in `a` (see TensorArena.measuring). */
export function arenaBeginMeasure(a: TensorArena): void {
  arenaInit(a, 0, 0);
  a.measuring = true;
  a.measureChain = 0;
  a.measuredPersistent = 0;
}

/** Ends a sizing run: frees its memory. The counts stay readable. */
export function arenaEndMeasure(a: TensorArena): void {
  let p = a.measureChain;
  while (p != 0) {
    const next = load<usize>(p);
    blockFree(p);
    p = next;
  }
  a.measureChain = 0;
}

function measureAlloc(a: TensorArena, n: usize): usize {
  // One block per allocation, chained through a 16-byte link before the payload.
  const p = blockAlloc(n + ARENA_ALIGN);
  if (p == 0) return 0;
  store<usize>(p, a.measureChain);
  a.measureChain = p;
  return p + ARENA_ALIGN;
}

/** Persistent bytes in use. */
export function arenaPersistentBytes(a: TensorArena): usize {
  return a.measuring ? a.measuredPersistent : a.tailTop - a.tail;
}

/** Bytes the arena must have for what it holds: the head's peak plus persistent data. */
export function arenaUsedBytes(a: TensorArena): usize { return a.headPeak + arenaPersistentBytes(a); }

function exhaust(a: TensorArena, missing: usize): usize {
  if (!a.exhausted) {
    a.exhausted = true;
    a.shortBy = missing;
  }
  return 0;
}

/** What persistent bytes are for (counted per model load, for reports). */
export const enum PersistentKind {
  /** Model, subgraph, tensor and operator records. */
  Metadata = 0,
  /** Op data (allocOpData). */
  OpData = 1,
  /** Other kernel data allocated in prepare: multipliers, tables, repacked weights. */
  KernelData = 2,
  /** Scratch buffer records. */
  Scratch = 3,
  /** Variable tensors. */
  Variables = 4,
}
export const PERSISTENT_KINDS: i32 = 5;
let persistentKind: i32 = PersistentKind.Metadata;
const persistentByKind: usize = memory.data(PERSISTENT_KINDS * 4);

/** Makes later persistent allocations count as `kind`; returns the previous kind. */
export function setPersistentKind(kind: i32): i32 {
  const previous = persistentKind;
  persistentKind = kind;
  return previous;
}
/** Persistent bytes of `kind` allocated since clearPersistentCounts (the last model load). */
export function persistentBytesOf(kind: i32): usize {
  return kind >= 0 && kind < PERSISTENT_KINDS ? <usize>load<u32>(persistentByKind + (<usize>kind << 2)) : 0;
}
export function clearPersistentCounts(): void { memory.fill(persistentByKind, 0, PERSISTENT_KINDS * 4); }

// @ts-ignore: decorator
@inline function countPersistent(n: usize): void {
  const at = persistentByKind + (<usize>persistentKind << 2);
  store<u32>(at, load<u32>(at) + <u32>n);
}

/** Allocates `size` persistent bytes from the tail (zero-filled); 0 when the arena is full. */
export function allocPersistent(size: usize): usize {
  const a = arena;
  if (a.exhausted) return 0;
  const n = alignUp(size);
  if (a.measuring) {
    const p = measureAlloc(a, n);
    if (p == 0) return exhaust(a, n);
    a.measuredPersistent += n;
    countPersistent(n);
    return p;
  }
  const floor = a.split ? a.tailFloor : a.base + (a.tempTop > a.planned ? a.tempTop : a.planned);
  if (n > a.tail - floor) return exhaust(a, n - (a.tail - floor));
  a.tail -= n;
  memory.fill(a.tail, 0, n);
  countPersistent(n);
  return a.tail;
}

/** Allocates `size` temporary bytes from the head; valid until `releaseTemp(mark)`. */
export function allocTemp(size: usize): usize {
  const a = arena;
  if (a.exhausted) return 0;
  const n = alignUp(size);
  if (a.measuring) {
    // Sizing run: real memory from the block allocator, accounting as a real arena would.
    const p = measureAlloc(a, n);
    if (p == 0) return exhaust(a, n);
    a.tempTop += n;
    if (a.tempTop > a.headPeak) a.headPeak = a.tempTop;
    if (a.tempTop > a.loadPeak) a.loadPeak = a.tempTop;
    return p;
  }
  const start = a.tempTop;
  const limit = headLimit(a);
  if (n > limit - (a.base + start)) return exhaust(a, n - (limit - (a.base + start)));
  a.tempTop = start + n;
  if (a.tempTop > a.headPeak) a.headPeak = a.tempTop;
  if (a.tempTop > a.loadPeak) a.loadPeak = a.tempTop;
  return a.base + start;
}

/** Highest address the head may reach: the persistent stack's bottom, or the head block's end. */
// @ts-ignore: decorator
@inline function headLimit(a: TensorArena): usize { return a.split ? a.base + a.capacity : a.tail; }

/** Current temporary mark, to release everything allocated after it. */
export function tempMark(): usize { return arena.tempTop; }
export function releaseTemp(mark: usize): void { arena.tempTop = mark; }

/**
 * Reserves `bytes` of head for a model's plan. The head is shared: it is the largest plan
 * of all loaded models. Returns false (arena exhausted) when it does not fit.
 */
export function reserveHead(bytes: usize): bool {
  const a = arena;
  if (a.exhausted) return false;
  const n = alignUp(bytes);
  if (!a.measuring && n > headLimit(a) - a.base) { exhaust(a, n - (headLimit(a) - a.base)); return false; }
  if (n > a.planned) a.planned = n;
  if (n > a.headPeak) a.headPeak = n;
  if (n > a.loadPeak) a.loadPeak = n;
  return true;
}

/** Writes "arena needs N bytes, got M" for an arena found too small. */
export function errArenaTooSmall(needed: usize, capacity: usize): void {
  if (errBegin("arena too small: needs ")) {
    errInt(<i64>needed, true);
    errStr(" bytes, got ");
    errInt(<i64>capacity, true);
  }
}
