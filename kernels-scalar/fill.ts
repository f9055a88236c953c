// FILL and ZEROS_LIKE kernels: write one value over a whole tensor.

/** Writes `count` copies of the element at `value` (1 << shift bytes) to `output`. */
export function fill(output: usize, count: i32, value: usize, shift: i32): void {
  if (shift == 0) {
    memory.fill(output, load<u8>(value), <usize>count);
  } else if (shift == 2) {
    const v = load<u32>(value);
    for (let i = 0; i < count; i++) store<u32>(output + (<usize>i << 2), v);
  } else if (shift == 1) {
    const v = load<u16>(value);
    for (let i = 0; i < count; i++) store<u16>(output + (<usize>i << 1), v);
  } else {
    const v = load<u64>(value);
    for (let i = 0; i < count; i++) store<u64>(output + (<usize>i << 3), v);
  }
}

/** Zeroes `bytes` bytes (every supported dtype's zero is all-zero bits). */
export function zerosLike(output: usize, bytes: usize): void {
  memory.fill(output, 0, bytes);
}
