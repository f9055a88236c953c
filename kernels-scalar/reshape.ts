// RESHAPE kernel: the bytes are unchanged, only the shape (in the model) differs.

/** Copies `bytes` from input to output (nothing when they share storage). */
export function reshape(input: usize, output: usize, bytes: usize): void {
  if (input != output) memory.copy(output, input, bytes);
}
