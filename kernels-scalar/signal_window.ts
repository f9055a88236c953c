// SignalWindow (TFLM signal/src/window.cc): each frame times the window, shifted right, saturated to int16.

@unmanaged
export class SignalWindowParams {
  /** Total input elements (a multiple of windowSize). */
  inputSize: i32;
  windowSize: i32;
  shift: i32;
}

export function signalWindow(p: SignalWindowParams, input: usize, window: usize, output: usize): void {
  const size = p.windowSize;
  const shift = p.shift;
  for (let start = 0; start < p.inputSize; start += size) {
    const inFrame = input + (<usize>start << 1);
    const outFrame = output + (<usize>start << 1);
    for (let i = 0; i < size; i++) {
      const raw = (<i32>load<i16>(inFrame + (<usize>i << 1)) * <i32>load<i16>(window + (<usize>i << 1))) >> shift;
      const v = raw < -32768 ? -32768 : (raw > 32767 ? 32767 : raw);
      store<i16>(outFrame + (<usize>i << 1), <i16>v);
    }
  }
}
