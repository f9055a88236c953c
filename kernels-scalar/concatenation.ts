// CONCATENATION reference kernel (TFLM reference_ops::Concatenation). The output is built
// one input at a time: per outer index, the input's slice goes to its place in the output
// row. Quantized inputs are copied unchanged, as TFLM does.

@unmanaged
export class ConcatenationParams {
  /** Product of the dimensions before the axis. */
  outerSize: i32;
  /** Bytes of one output row (everything from the axis inwards). */
  rowBytes: i32;
  inputCount: i32;
  /** Persistent i32[2 * inputCount]: per input, its bytes per row and its offset in the row. */
  chunks: usize;
}

/** Copies input `i` (at `input`) into its place in every output row. */
export function concatenateInput(p: ConcatenationParams, i: i32, input: usize, output: usize): void {
  const bytes = <usize>load<i32>(p.chunks + (<usize>i << 3));
  let out = output + <usize>load<i32>(p.chunks + (<usize>i << 3) + 4);
  let src = input;
  const rowBytes = <usize>p.rowBytes;
  for (let o = 0; o < p.outerSize; o++) {
    memory.copy(out, src, bytes);
    out += rowBytes;
    src += bytes;
  }
}
