// The engine: the loaded models share one arena head (TFLM-style multi-tenancy).
//
// Fixed mode (the host gives the size): one block, TFLM's layout, head and persistent stacks
// in it; a model that does not fit is refused with the bytes it needs.
// Automatic mode: the engine measures each model before loading it; the shared head is one
// block (grown, and its planned addresses moved, when a larger model arrives) and each
// model's persistent data is its own exactly sized block, so loading or unloading a model
// never touches the others' state.

import {
  TensorArena, currentArena, selectArena, arenaInit, arenaUseSplit, arenaBeginMeasure, arenaEndMeasure,
  arenaPersistentBytes, errArenaTooSmall, alignUp,
} from "./arena";
import { Model, subgraphAt } from "./model";
import { loadModel } from "./interpreter";
import { tensorData, setTensorData } from "./graph";
import { scratchAt } from "./ops/registry";
import { blockAlloc, blockFree, blockSize } from "./common/blocks";
import { errBegin, errStr, errInt, errorClear, hasError } from "./common/error";

export const MAX_MODELS: i32 = 32;

// Loaded models, in load order. Hosts hold a model's id.
const models: usize = memory.data(MAX_MODELS * 4);
const modelIds: usize = memory.data(MAX_MODELS * 4);
let nextId: i32 = 1;
const modelBytes: usize = memory.data(MAX_MODELS * 4); // the model file buffer of each, owned
const modelLength: usize = memory.data(MAX_MODELS * 4);
const modelBlock: usize = memory.data(MAX_MODELS * 4);  // automatic mode: its persistent block
let modelCount: i32 = 0;

let arenaBlock: usize = 0;      // fixed mode: the arena; automatic mode: the shared head
let arenaFixed: bool = false;   // capacity chosen by the host
const measureArena = changetype<TensorArena>(memory.data(offsetof<TensorArena>(), 16));

// @ts-ignore: decorator
@inline function modelAt(i: i32): Model { return changetype<Model>(load<usize>(models + (<usize>i << 2))); }
// @ts-ignore: decorator
@inline function slotWord(table: usize, i: i32): usize { return load<usize>(table + (<usize>i << 2)); }

function slotOf(id: i32): i32 {
  if (id <= 0) return -1;
  for (let i = 0; i < modelCount; i++) if (load<i32>(modelIds + (<usize>i << 2)) == id) return i;
  return -1;
}

/** True when [ptr, ptr + length) overlaps a buffer the engine holds (arena, model bytes, persistent blocks). */
export function engineHolds(ptr: usize, length: usize = 1): bool {
  if (ptr == 0) return false;
  const end = ptr + (length > 0 ? length : 1);
  if (arenaBlock != 0 && ptr < arenaBlock + currentArena().capacity && end > arenaBlock) return true;
  for (let i = 0; i < modelCount; i++) {
    const b = slotWord(modelBytes, i);
    if (ptr < b + slotWord(modelLength, i) && end > b) return true;
    const p = slotWord(modelBlock, i);
    if (p != 0 && ptr < p + blockSize(p) && end > p) return true;
  }
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
  const block = allocateBlock(bytes, "an arena");
  if (block == 0) return false;
  arenaBlock = block;
  arenaInit(currentArena(), block, alignUp(bytes));
  arenaFixed = true;
  return true;
}

function freeArena(): void {
  if (arenaBlock != 0) blockFree(arenaBlock);
  arenaBlock = 0;
  arenaInit(currentArena(), 0, 0);
}

/** A block of `bytes` (16-aligned), or 0 with an out-of-memory message naming `what`. */
function allocateBlock(bytes: usize, what: string): usize {
  // Past what a block can hold (and before alignUp could wrap around).
  const block: usize = bytes > 0x7fff0000 ? 0 : blockAlloc(alignUp(bytes));
  if (block == 0 && errBegin("out of memory: cannot allocate ")) { errStr(what); errStr(" of "); errInt(<i64>bytes, true); errStr(" bytes"); }
  return block;
}

// Results of measure(): the head the loaded models and the new one need, and the new model's
// persistent bytes.
let measuredHead: usize = 0;
let measuredPersistent: usize = 0;

/** Sizes the model at (bytes, length) in a sizing run; false with a message when it is refused. */
function measure(bytes: usize, length: usize): bool {
  const arena = currentArena();
  const previous = selectArena(measureArena);
  arenaBeginMeasure(measureArena);
  const m = loadModel(bytes, length);
  const newHead = measureArena.headPeak;
  measuredPersistent = arenaPersistentBytes(measureArena);
  const exhausted = measureArena.exhausted;
  arenaEndMeasure(measureArena);
  selectArena(previous);
  if (m === null) {
    if (exhausted && !hasError()) errBegin("out of memory while sizing the model's arena");
    return false;
  }
  measuredHead = arena.headPeak > newHead ? arena.headPeak : newHead;
  return true;
}

/** Moves every loaded model's planned addresses from the head at `from` to the head at `to`. */
function relocateHead(from: usize, capacity: usize, to: usize): void {
  for (let i = 0; i < modelCount; i++) {
    const m = modelAt(i);
    for (let s = 0; s < m.numSubgraphs; s++) {
      const sg = subgraphAt(m, s);
      for (let t = 0; t < sg.numTensors; t++) {
        const d = tensorData(sg, t);
        if (d >= from && d < from + capacity) setTensorData(sg, t, to + (d - from));
      }
      for (let k = 0; k < sg.numScratch; k++) {
        const b = scratchAt(sg, k);
        if (b.data >= from && b.data < from + capacity) b.data = to + (b.data - from);
      }
    }
  }
}

/** Automatic mode: makes the shared head at least `bytes`; false (nothing changed) when out of memory. */
function growHead(bytes: usize): bool {
  const arena = currentArena();
  if (arenaBlock != 0 && arena.capacity >= bytes) return true;
  const block = allocateBlock(bytes, "an arena head");
  if (block == 0) return false;
  if (arenaBlock != 0) {
    relocateHead(arenaBlock, arena.capacity, block);
    blockFree(arenaBlock);
  }
  arenaBlock = block;
  arena.base = block;
  arena.capacity = alignUp(bytes);
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
  if (engineHolds(bytes, length)) { errBegin("the model bytes overlap memory the engine already uses (a loaded model or the arena)"); return 0; }
  const arena = currentArena();
  let persistentBlock: usize = 0;
  if (!arenaFixed) {
    if (!measure(bytes, length)) return 0;
    if (!growHead(measuredHead)) return 0;
    persistentBlock = allocateBlock(measuredPersistent > 0 ? measuredPersistent : 16, "persistent data");
    if (persistentBlock == 0) return 0;
    arenaUseSplit(arena, arenaBlock, arena.capacity, persistentBlock, alignUp(measuredPersistent));
  }
  const m = loadModel(bytes, length);
  if (m === null) {
    if (persistentBlock != 0) blockFree(persistentBlock);
    if (arena.exhausted) {
      arena.exhausted = false;
      errorClear();
      if (measure(bytes, length)) errArenaTooSmall(measuredHead + arenaPersistentBytes(arena) + measuredPersistent, arena.capacity);
    }
    return 0;
  }
  const id = nextId++;
  store<usize>(models + (<usize>modelCount << 2), changetype<usize>(m));
  store<i32>(modelIds + (<usize>modelCount << 2), id);
  store<usize>(modelBytes + (<usize>modelCount << 2), bytes);
  store<usize>(modelLength + (<usize>modelCount << 2), length);
  store<usize>(modelBlock + (<usize>modelCount << 2), persistentBlock);
  persistentTotal += m.persistentBytes;
  modelCount++;
  return id;
}

// Persistent bytes of all loaded models (automatic mode keeps them outside the head block).
let persistentTotal: usize = 0;

/** Unloads a model and frees its memory (in a fixed arena, once no later model sits above it). */
export function engineUnload(id: i32): bool {
  errorClear();
  const index = slotOf(id);
  if (index < 0) { errBegin("not a loaded model"); return false; }
  const m = modelAt(index);
  m.ready = false;
  persistentTotal -= m.persistentBytes;
  const bytes = slotWord(modelBytes, index);
  if (blockSize(bytes) != 0) blockFree(bytes);
  const block = slotWord(modelBlock, index);
  if (block != 0) blockFree(block);
  for (let i = index; i < modelCount - 1; i++) {
    store<usize>(models + (<usize>i << 2), slotWord(models, i + 1));
    store<i32>(modelIds + (<usize>i << 2), load<i32>(modelIds + (<usize>(i + 1) << 2)));
    store<usize>(modelBytes + (<usize>i << 2), slotWord(modelBytes, i + 1));
    store<usize>(modelLength + (<usize>i << 2), slotWord(modelLength, i + 1));
    store<usize>(modelBlock + (<usize>i << 2), slotWord(modelBlock, i + 1));
  }
  modelCount--;
  const arena = currentArena();
  if (modelCount == 0) {
    // Nothing left: an automatic arena is released, a fixed one emptied.
    if (arenaFixed) arenaInit(arena, arena.base, arena.capacity);
    else freeArena();
    persistentTotal = 0;
    return true;
  }
  // The head the remaining models need (each model's figure includes its load-time peak).
  let head: usize = 0;
  for (let i = 0; i < modelCount; i++) if (modelAt(i).plannedBytes > head) head = modelAt(i).plannedBytes;
  arena.planned = head;
  arena.headPeak = head;
  if (arenaFixed) {
    // Pop the tail back to the lowest point still in use (models load in order, so the
    // last-loaded model's persistent data is at the bottom of the tail).
    const last = modelAt(modelCount - 1);
    arena.tail = last.tailBefore - last.persistentBytes;
  }
  return true;
}

/** Arena figures: capacity (head block + persistent blocks in automatic mode), head, persistent, used. */
export function arenaCapacity(): usize { return currentArena().capacity + (arenaFixed ? 0 : persistentTotal); }
export function arenaBase(): usize { return currentArena().base; }
export function arenaHeadBytes(): usize { return currentArena().headPeak; }
export function arenaPersistent(): usize { return arenaFixed ? arenaPersistentBytes(currentArena()) : persistentTotal; }
export function arenaUsed(): usize { return arenaHeadBytes() + arenaPersistent(); }

export { hasError };
