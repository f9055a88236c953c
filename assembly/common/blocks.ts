// Large-block allocator for model bytes and arenas.
//
// The engine is built with `--runtime stub` (a bump allocator that never reuses memory and
// doubles memory when it grows), so models loaded and disposed one after another would leak.
// Big blocks are managed here instead: a sorted free list with coalescing over the memory
// above the stub heap's top, grown page by page with memory.grow (so linear memory grows
// to what is needed, and a failed grow is an error, not a trap). The engine makes no stub
// allocations after start-up; this module owns everything above the point it first sees.
// Nothing here runs during invoke.

const ALIGN: usize = 16;
const HEADER: usize = 16; // [payload size u32][magic u32][pad 8]: keeps payloads 16-aligned
const MAGIC: u32 = 0x4d4c424b; // "MLBK": guards blockFree against foreign pointers
const MAX_FREE: i32 = 64;
const PAGE: usize = 65536;

// Free list, sorted by address: pairs (address of header, total bytes including header).
const freeAddr: usize = memory.data(MAX_FREE * 4);
const freeSize: usize = memory.data(MAX_FREE * 4);
let freeCount: i32 = 0;
let regionEnd: usize = 0; // end of the memory this module manages (0 before first use)

// @ts-ignore: decorator
@inline function addrAt(i: i32): usize { return load<u32>(freeAddr + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function sizeAt(i: i32): usize { return load<u32>(freeSize + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setAt(i: i32, a: usize, s: usize): void {
  store<u32>(freeAddr + (<usize>i << 2), <u32>a);
  store<u32>(freeSize + (<usize>i << 2), <u32>s);
}

function removeAt(i: i32): void {
  for (let k = i; k < freeCount - 1; k++) setAt(k, addrAt(k + 1), sizeAt(k + 1));
  freeCount--;
}

/** Returns [a, a+s) to the free list, merging with neighbours. */
function insertFree(a: usize, s: usize): void {
  let i = 0;
  while (i < freeCount && addrAt(i) < a) i++;
  // Merge with the previous block.
  if (i > 0 && addrAt(i - 1) + sizeAt(i - 1) == a) {
    a = addrAt(i - 1); s += sizeAt(i - 1); removeAt(i - 1); i--;
  }
  // Merge with the next block.
  if (i < freeCount && a + s == addrAt(i)) { s += sizeAt(i); removeAt(i); }
  if (freeCount == MAX_FREE) {
    // Table full: forget the smallest entry (a bounded leak rather than a failure).
    let smallest = 0;
    for (let k = 1; k < freeCount; k++) if (sizeAt(k) < sizeAt(smallest)) smallest = k;
    if (sizeAt(smallest) >= s) return;
    removeAt(smallest);
    if (smallest < i) i--;
  }
  for (let k = freeCount; k > i; k--) setAt(k, addrAt(k - 1), sizeAt(k - 1));
  setAt(i, a, s);
  freeCount++;
}

/** Makes at least `need` more bytes available at the end of the managed region. */
function grow(need: usize): bool {
  if (regionEnd == 0) {
    // First use: everything above the stub heap's current top is ours.
    const top = heap.alloc(ALIGN);
    const start = (top + ALIGN + ALIGN - 1) & ~(ALIGN - 1);
    regionEnd = <usize>memory.size() << 16;
    if (regionEnd > start) insertFree(start, regionEnd - start);
    else regionEnd = start;
    if (freeCount > 0 && sizeAt(freeCount - 1) >= need) return true;
  }
  // The free block ending at regionEnd (if any) counts towards the request.
  let tail: usize = 0;
  if (freeCount > 0 && addrAt(freeCount - 1) + sizeAt(freeCount - 1) == regionEnd) tail = sizeAt(freeCount - 1);
  const missing = need - tail;
  const pages = <i32>((missing + PAGE - 1) / PAGE);
  const oldEnd = <usize>memory.size() << 16;
  if (<u64>oldEnd + <u64>pages * PAGE > 0xffff0000) return false;
  if (memory.grow(pages) < 0) return false;
  const newEnd = <usize>memory.size() << 16;
  insertFree(regionEnd, newEnd - regionEnd);
  regionEnd = newEnd;
  return true;
}

/** Allocates `size` bytes, 16-byte aligned, zero-filled. Returns 0 when memory is exhausted. */
export function blockAlloc(size: usize): usize {
  if (size > 0x7fff0000) return 0;
  const need = ((size + ALIGN - 1) & ~(ALIGN - 1)) + HEADER;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < freeCount; i++) {
      const s = sizeAt(i);
      if (s >= need) {
        const a = addrAt(i);
        if (s - need >= HEADER + ALIGN) setAt(i, a + need, s - need);
        else removeAt(i);
        const total = s - need >= HEADER + ALIGN ? need : s;
        store<u32>(a, <u32>(total - HEADER));
        store<u32>(a + 4, MAGIC);
        memory.fill(a + HEADER, 0, total - HEADER);
        return a + HEADER;
      }
    }
    if (pass == 1) break;
    if (!grow(need)) return 0;
  }
  return 0;
}

/** Frees a block from blockAlloc; ignores anything else. */
export function blockFree(ptr: usize): void {
  if (ptr < HEADER || ptr >= regionEnd || (ptr & (ALIGN - 1)) != 0) return;
  const a = ptr - HEADER;
  if (load<u32>(a + 4) != MAGIC) return;
  store<u32>(a + 4, 0);
  insertFree(a, <usize>load<u32>(a) + HEADER);
}

/** Payload size of a live block (0 for anything else). */
export function blockSize(ptr: usize): usize {
  if (ptr < HEADER || ptr >= regionEnd || (ptr & (ALIGN - 1)) != 0) return 0;
  const a = ptr - HEADER;
  return load<u32>(a + 4) == MAGIC ? <usize>load<u32>(a) : 0;
}
