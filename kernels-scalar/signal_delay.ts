// SignalDelay (TFLM signal/micro/kernels/delay.cc): each row (innermost dimension) of int16
// samples comes out delayed by delay_length samples, the first ones being zeros. The state
// is the last delay_length samples of every row.

@unmanaged
export class SignalDelayParams {
  frameSize: i32;
  delayLength: i32;
  rows: i32;
  /** Persistent: rows x delayLength int16, the samples still to come out, oldest first. */
  history: usize;
}

export function signalDelay(p: SignalDelayParams, input: usize, output: usize): void {
  const frameBytes = <usize>p.frameSize << 1;
  const delay = p.delayLength;
  const delayBytes = <usize>delay << 1;
  let hist = p.history;
  let src = input;
  let dst = output;
  for (let r = 0; r < p.rows; r++) {
    if (delay == 0) {
      memory.copy(dst, src, frameBytes);
    } else if (p.frameSize >= delay) {
      // Output: the whole history, then the start of the frame; the frame's tail is kept.
      memory.copy(dst, hist, delayBytes);
      memory.copy(dst + delayBytes, src, frameBytes - delayBytes);
      memory.copy(hist, src + frameBytes - delayBytes, delayBytes);
    } else {
      // Output: the oldest frameSize samples; the history moves up and takes the frame.
      memory.copy(dst, hist, frameBytes);
      memory.copy(hist, hist + frameBytes, delayBytes - frameBytes);
      memory.copy(hist + delayBytes - frameBytes, src, frameBytes);
    }
    hist += delayBytes;
    src += frameBytes;
    dst += frameBytes;
  }
}
