// SignalOverlapAdd (TFLM signal/micro/kernels/overlap_add.cc, signal/src/overlap_add.cc):
// each frame of frame_size samples is added into a per-row buffer (int16: saturating;
// float32: plain adds), the buffer's first frame_step samples come out, and the buffer moves
// up by frame_step with zeros behind.

@unmanaged
export class SignalOverlapAddParams {
  frameSize: i32;
  frameStep: i32;
  framesPerRow: i32;
  rows: i32;
  /** 2 (int16) or 4 (float32). */
  elementBytes: i32;
  /** Persistent: rows x frameSize values of the op's dtype. */
  buffers: usize;
}

export function signalOverlapAddInt16(p: SignalOverlapAddParams, input: usize, output: usize): void {
  const size = p.frameSize;
  const stepBytes = <usize>p.frameStep << 1;
  const keepBytes = <usize>(size - p.frameStep) << 1;
  let src = input;
  let dst = output;
  for (let r = 0; r < p.rows; r++) {
    const buffer = p.buffers + (<usize>(r * size) << 1);
    for (let f = 0; f < p.framesPerRow; f++) {
      for (let i = 0; i < size; i++) {
        const at = buffer + (<usize>i << 1);
        let v = <i32>load<i16>(src + (<usize>i << 1)) + <i32>load<i16>(at);
        v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
        store<i16>(at, <i16>v);
      }
      memory.copy(dst, buffer, stepBytes);
      memory.copy(buffer, buffer + stepBytes, keepBytes);
      memory.fill(buffer + keepBytes, 0, stepBytes);
      src += <usize>size << 1;
      dst += stepBytes;
    }
  }
}

export function signalOverlapAddFloat(p: SignalOverlapAddParams, input: usize, output: usize): void {
  const size = p.frameSize;
  const stepBytes = <usize>p.frameStep << 2;
  const keepBytes = <usize>(size - p.frameStep) << 2;
  let src = input;
  let dst = output;
  for (let r = 0; r < p.rows; r++) {
    const buffer = p.buffers + (<usize>(r * size) << 2);
    for (let f = 0; f < p.framesPerRow; f++) {
      for (let i = 0; i < size; i++) {
        const at = buffer + (<usize>i << 2);
        store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>i << 2)));
      }
      memory.copy(dst, buffer, stepBytes);
      memory.copy(buffer, buffer + stepBytes, keepBytes);
      memory.fill(buffer + keepBytes, 0, stepBytes);
      src += <usize>size << 2;
      dst += stepBytes;
    }
  }
}
