// CIRCULAR_BUFFER reference kernel (TFLM circular_buffer.cc EvalInt8): the output holds
// `numSlots` slots of `depth` bytes; each run drops the oldest slot and appends the input.

@unmanaged
export class CircularBufferParams {
  numSlots: i32;
  depth: i32;
  /** Invokes between runs (TFLM cycles_max), and invokes left before the next run. */
  cyclesMax: i32;
  cyclesUntilRun: i32;
  /** The op has output 1, a bool "ready" flag (then it never aborts the invoke). */
  hasReadyOutput: bool;
}

export function circularBufferInt8(p: CircularBufferParams, input: usize, output: usize): void {
  const depth = <usize>p.depth;
  const kept = <usize>(p.numSlots - 1) * depth;
  memory.copy(output, output + depth, kept);
  memory.copy(output + kept, input, depth);
}
