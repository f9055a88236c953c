// SignalEnergy (TFLM signal/src/energy.cc): |X[k]|^2 of int16 complex bins start..end-1.
// Bins outside the range are left as they were, as in TFLM.

export function signalEnergy(start: i32, end: i32, input: usize, output: usize): void {
  for (let i = start; i < end; i++) {
    const re = <i32>load<i16>(input + (<usize>i << 2));
    const im = <i32>load<i16>(input + (<usize>i << 2) + 2);
    store<u32>(output + (<usize>i << 2), <u32>(re * re + im * im));
  }
}
