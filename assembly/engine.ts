// The engine: one arena shared by the loaded models (TFLM-style multi-tenancy), sized by the
// host (fixed) or from the models themselves (auto).

import {
  TensorArena, currentArena, selectArena, arenaInit, arenaBeginMeasure, arenaEndMeasure,
  arenaPersistentBytes, arenaUsedBytes, errArenaTooSmall, alignUp,
} from "./arena";
import { Model } from "./model";
import { loadModel, resetModel } from "./interpreter";
import { blockAlloc, blockFree, blockSize } from "./common/blocks";
import { errBegin, errStr, errInt, errorClear, hasError } from "./common/error";

export const MAX_MODELS: i32 = 32;

// Loaded models, in load order (their persistent data is stacked in that order). Hosts hold
// a model's id (stable even when an automatic arena grows and the models are re-loaded).
const models: usize = memory.data(MAX_MODELS * 4);
const modelIds: usize = memory.data(MAX_MODELS * 4);
let nextId: i32 = 1;
const modelBytes: usize = memory.data(MAX_MODELS * 4); // the model file buffer of each, owned
const modelLength: usize = memory.data(MAX_MODELS * 4);
let modelCount: i32 = 0;

let arenaBlock: usize = 0;      // block holding the arena (0: none yet)
let arenaFixed: bool = false;   // capacity chosen by the host
const measureArena = changetype<TensorArena>(memory.data(offsetof<TensorArena>(), 16));

// @ts-ignore: decorator
@inline function modelAt(i: i32): Model { return changetype<Model>(load<usize>(models + (<usize>i << 2))); }

function slotOf(id: i32): i32 {
  if (id <= 0) return -1;
  for (let i = 0; i < modelCount; i++) if (load<i32>(modelIds + (<usize>i << 2)) == id) return i;
  return -1;
}

/** True when `ptr` is a buffer the engine holds (the arena, a loaded model's bytes): the host must not free it. */
export function engineHolds(ptr: usize): bool {
  if (ptr == 0) return false;
  if (ptr == arenaBlock) return true;
  for (let i = 0; i < modelCount; i++) if (load<usize>(modelBytes + (<usize>i << 2)) == ptr) return true;
  return false;
}

/** The model with host id `id`, or null. */
export function modelById(id: i32): Model | null {
  const slot = slotOf(id);
  return slot < 0 ? null : modelAt(slot);
}

export function loadedModelCount(): i32 { return modelCount; }

/** Fixes the arena's capacity (bytes); 0 returns to automatic sizing. Only with no model loaded. */
export function configureArena(bytes: usize): bool {
  errorClear();
  if (modelCount > 0) { errBegin("the arena can only be sized before any model is loaded"); return false; }
  freeArena();
  if (bytes == 0) { arenaFixed = false; return true; }
  if (!allocateArena(bytes)) return false;
  arenaFixed = true;
  return true;
}

function freeArena(): void {
  if (arenaBlock != 0) blockFree(arenaBlock);
  arenaBlock = 0;
  arenaInit(currentArena(), 0, 0);
}

function allocateArena(bytes: usize): bool {
  // Past what a block can hold (and before alignUp could wrap around).
  if (bytes > 0x7fff0000) {
    if (errBegin("out of memory: cannot allocate an arena of ")) { errInt(<i64>bytes, true); errStr(" bytes"); }
    return false;
  }
  const capacity = alignUp(bytes);
  const block = blockAlloc(capacity);
  if (block == 0) {
    if (errBegin("out of memory: cannot allocate an arena of ")) { errInt(<i64>capacity, true); errStr(" bytes"); }
    return false;
  }
  arenaBlock = block;
  arenaInit(currentArena(), block, capacity);
  return true;
}

/** Arena bytes that the loaded models plus the model at (bytes, length) need, or 0 with a message. */
function measureWith(bytes: usize, length: usize): usize {
  const arena = currentArena();
  const previous = selectArena(measureArena);
  arenaBeginMeasure(measureArena);
  const m = loadModel(bytes, length);
  const newHead = measureArena.headPeak;
  const newPersistent = arenaPersistentBytes(measureArena);
  const exhausted = measureArena.exhausted;
  arenaEndMeasure(measureArena);
  selectArena(previous);
  if (m === null) {
    if (exhausted && !hasError()) errBegin("out of memory while sizing the model's arena");
    return 0;
  }
  const head = arena.headPeak > newHead ? arena.headPeak : newHead;
  return head + arenaPersistentBytes(arena) + newPersistent;
}

/** Re-loads every loaded model into the current (new) arena, in order. Their state is reset. */
function reloadAll(): bool {
  for (let i = 0; i < modelCount; i++) {
    const m = loadModel(load<usize>(modelBytes + (<usize>i << 2)), load<usize>(modelLength + (<usize>i << 2)));
    if (m === null) return false;
    store<usize>(models + (<usize>i << 2), changetype<usize>(m));
  }
  return true;
}

/**
 * Loads a model whose bytes are at [bytes, bytes + length). When `bytes` came from
 * blockAlloc, the engine owns it from then on and frees it at unload. Returns the model's id
 * or 0 with a message.
 */
export function engineLoad(bytes: usize, length: usize): i32 {
  errorClear();
  if (modelCount == MAX_MODELS) { errBegin("too many models loaded (at most 32)"); return 0; }
  if (blockSize(bytes) != 0 && blockSize(bytes) < length) { errBegin("model length exceeds its buffer"); return 0; }
  if (!arenaFixed) {
    // Automatic sizing: find what all models together need, grow the arena when short.
    const needed = measureWith(bytes, length);
    if (needed == 0) return 0;
    if (arenaBlock == 0 || currentArena().capacity < needed) {
      const hadModels = modelCount > 0;
      freeArena();
      if (!allocateArena(needed)) return 0;
      if (hadModels && !reloadAll()) return 0;
    }
  }
  const arena = currentArena();
  const m = loadModel(bytes, length);
  if (m === null) {
    if (arena.exhausted) {
      arena.exhausted = false;
      errorClear();
      const needed = measureWith(bytes, length);
      if (needed != 0) errArenaTooSmall(needed, arena.capacity);
    }
    return 0;
  }
  const id = nextId++;
  store<usize>(models + (<usize>modelCount << 2), changetype<usize>(m));
  store<i32>(modelIds + (<usize>modelCount << 2), id);
  store<usize>(modelBytes + (<usize>modelCount << 2), bytes);
  store<usize>(modelLength + (<usize>modelCount << 2), length);
  modelCount++;
  return id;
}

/** Unloads a model. Its persistent data is reclaimed once no later-loaded model sits above it. */
export function engineUnload(id: i32): bool {
  errorClear();
  const index = slotOf(id);
  if (index < 0) { errBegin("not a loaded model"); return false; }
  const m = modelAt(index);
  m.ready = false;
  const bytes = load<usize>(modelBytes + (<usize>index << 2));
  if (blockSize(bytes) != 0) blockFree(bytes);
  for (let i = index; i < modelCount - 1; i++) {
    store<usize>(models + (<usize>i << 2), load<usize>(models + (<usize>(i + 1) << 2)));
    store<i32>(modelIds + (<usize>i << 2), load<i32>(modelIds + (<usize>(i + 1) << 2)));
    store<usize>(modelBytes + (<usize>i << 2), load<usize>(modelBytes + (<usize>(i + 1) << 2)));
    store<usize>(modelLength + (<usize>i << 2), load<usize>(modelLength + (<usize>(i + 1) << 2)));
  }
  modelCount--;
  const arena = currentArena();
  if (modelCount == 0) {
    // Nothing left: an automatic arena is released, a fixed one emptied.
    if (arenaFixed) arenaInit(arena, arena.base, arena.capacity);
    else freeArena();
    return true;
  }
  // Pop the tail back to the lowest point still in use (models load in order, so the
  // last-loaded model's persistent data is at the bottom of the tail).
  const last = modelAt(modelCount - 1);
  arena.tail = last.tailBefore - last.persistentBytes;
  let planned: usize = 0;
  for (let i = 0; i < modelCount; i++) if (modelAt(i).plannedBytes > planned) planned = modelAt(i).plannedBytes;
  arena.planned = planned;
  return true;
}



/** Arena figures: [capacity, head bytes in use (planned peak), persistent bytes]. */
export function arenaCapacity(): usize { return currentArena().capacity; }
export function arenaBase(): usize { return currentArena().base; }
export function arenaHeadBytes(): usize { return currentArena().headPeak; }
export function arenaPersistent(): usize { return arenaPersistentBytes(currentArena()); }
export function arenaUsed(): usize { return arenaUsedBytes(currentArena()); }

export { hasError };
