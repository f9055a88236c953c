// SignalFramer (TFLM signal/micro/kernels/framer.cc): each row of int16 samples is cut into
// frame_step chunks; every chunk is appended to the row's buffer, and once the buffer holds
// frame_size samples the oldest frame_size come out as a frame and frame_step are dropped.
// Every row sees the same sequence of lengths, so one fill count serves all rows.

@unmanaged
export class SignalFramerParams {
  frameSize: i32;
  frameStep: i32;
  rows: i32;
  /** Frames per row and invoke (innermost input dim / frame_step). */
  framesPerRow: i32;
  /** Samples held per row buffer (frame_size rounded up to a multiple of frame_step). */
  capacity: i32;
  /** Samples in each row buffer now (state). */
  filled: i32;
  /** Start filled (frame_size - frame_step zeros) when prefill is set, else 0. */
  initialFill: i32;
  /** Persistent: rows x capacity int16. */
  buffers: usize;
}

/** Frames `input` into `output`; writes 1 to `valid` when every frame was complete, else 0. */
export function signalFramer(p: SignalFramerParams, input: usize, output: usize, valid: usize): void {
  const step = p.frameStep;
  const size = p.frameSize;
  const stepBytes = <usize>step << 1;
  const sizeBytes = <usize>size << 1;
  let allValid: u8 = 1;
  let filled = p.filled;
  let src = input;
  let dst = output;
  for (let r = 0; r < p.rows; r++) {
    const buffer = p.buffers + (<usize>(r * p.capacity) << 1);
    filled = p.filled;
    for (let f = 0; f < p.framesPerRow; f++) {
      memory.copy(buffer + (<usize>filled << 1), src, stepBytes);
      filled += step;
      src += stepBytes;
      if (filled >= size) {
        memory.copy(dst, buffer, sizeBytes);
        filled -= step;
        memory.copy(buffer, buffer + stepBytes, <usize>filled << 1);
      } else {
        // TFLM leaves an incomplete frame's output as it was; zeros are deterministic.
        memory.fill(dst, 0, sizeBytes);
        allValid = 0;
      }
      dst += sizeBytes;
    }
  }
  p.filled = filled;
  store<u8>(valid, allValid);
}

/** Back to the state after load. */
export function signalFramerReset(p: SignalFramerParams): void {
  memory.fill(p.buffers, 0, <usize>p.rows * <usize>p.capacity * 2);
  p.filled = p.initialFill;
}
