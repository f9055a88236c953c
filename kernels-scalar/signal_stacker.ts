// SignalStacker (TFLM signal/micro/kernels/stacker.cc): each invoke appends one frame of
// num_channels int16 values to a buffer (the very first frame is repeated left_context more
// times); once the buffer holds left_context + right_context + 1 frames, they come out
// stacked and stacker_step frames are dropped.

@unmanaged
export class SignalStackerParams {
  channels: i32;
  /** left_context (extra copies of the first frame). */
  leftContext: i32;
  /** Values output when ready: channels x (left + right + 1). */
  stackSize: i32;
  /** Values dropped after an output: channels x stacker_step. */
  dropSize: i32;
  /** Values in the buffer now (state). */
  filled: i32;
  /** 1 once the first frame was seen (state). */
  hasFirstFrame: i32;
  /** Persistent: stackSize int16. */
  buffer: usize;
}

/** Stacks frame `input` into `output`; writes 1 to `valid` when a stack came out, else 0. */
export function signalStacker(p: SignalStackerParams, input: usize, output: usize, valid: usize): void {
  const frameBytes = <usize>p.channels << 1;
  const buffer = p.buffer;
  let filled = p.filled;
  memory.copy(buffer + (<usize>filled << 1), input, frameBytes);
  filled += p.channels;
  if (p.hasFirstFrame == 0) {
    for (let k = 0; k < p.leftContext; k++) {
      memory.copy(buffer + (<usize>filled << 1), input, frameBytes);
      filled += p.channels;
    }
    p.hasFirstFrame = 1;
  }
  if (filled >= p.stackSize) {
    memory.copy(output, buffer, <usize>p.stackSize << 1);
    filled -= p.dropSize;
    memory.copy(buffer, buffer + (<usize>p.dropSize << 1), <usize>filled << 1);
    store<u8>(valid, 1);
  } else {
    // TFLM leaves the output as it was; zeros are deterministic.
    memory.fill(output, 0, <usize>p.stackSize << 1);
    store<u8>(valid, 0);
  }
  p.filled = filled;
}

/** Back to the state after load. */
export function signalStackerReset(p: SignalStackerParams): void {
  memory.fill(p.buffer, 0, <usize>p.stackSize << 1);
  p.filled = 0;
  p.hasFirstFrame = 0;
}
