// TFLM_DECODE, LUT decoder (TFLM micro/kernels/decode_state_lut.cc): every output element is
// a value-table entry picked by a `bitWidth`-bit index (1 to 7 bits) read from a big-endian
// bit stream (the first index in the top bits of the first byte). Channels (quantized
// dimension 0: consecutive runs of elements; the last dimension: interleaved elements) each
// have their own table, `stride` entries apart. Values are copied as raw bytes (bool, int8,
// int16, int32, int64 and float32 alike).

@unmanaged
export class DecodeLutEntry {
  /** Encoded indices (a constant tensor in the model). */
  encoded: usize;
  /** First value table (a constant tensor in the model). */
  table: usize;
  /** Output elements. */
  count: i32;
  channels: i32;
  /** Table entries from one channel's table to the next. */
  stride: i32;
  bitWidth: i32;
  /** 1: channels interleave (quantized along the last dimension). */
  interleaved: i32;
  /** log2 of the value size in bytes. */
  elementShift: i32;
}

/** Index `k` of the stream: bitWidth bits from bit k * bitWidth, read without passing its last byte. */
// @ts-ignore: decorator
@inline export function lutIndex(encoded: usize, k: i32, bitWidth: i32): i32 {
  const bit = k * bitWidth;
  const at = encoded + <usize>(bit >>> 3);
  const end = (bit & 7) + bitWidth; // bits used in the first byte and the next
  let v = <i32>load<u8>(at);
  if (end > 8) v = (v << 8) | <i32>load<u8>(at + 1);
  else v <<= 8;
  return (v >>> (16 - end)) & ((1 << bitWidth) - 1);
}

function decode<T>(e: DecodeLutEntry, output: usize): void {
  const sz = sizeof<T>();
  const w = e.bitWidth;
  const strideBytes = <usize>e.stride * sz;
  let out = output;
  if (e.interleaved == 0) {
    const perChannel = e.count / e.channels;
    let k = 0;
    let table = e.table;
    for (let c = 0; c < e.channels; c++) {
      for (let i = 0; i < perChannel; i++) {
        store<T>(out, load<T>(table + <usize>lutIndex(e.encoded, k++, w) * sz));
        out += sz;
      }
      table += strideBytes;
    }
  } else {
    let k = 0;
    for (let i = 0; i < e.count; i += e.channels) {
      let table = e.table;
      for (let c = 0; c < e.channels; c++) {
        store<T>(out, load<T>(table + <usize>lutIndex(e.encoded, k++, w) * sz));
        out += sz;
        table += strideBytes;
      }
    }
  }
}

export function decodeLut(e: DecodeLutEntry, output: usize): void {
  const shift = e.elementShift;
  if (shift == 0) decode<u8>(e, output);
  else if (shift == 1) decode<u16>(e, output);
  else if (shift == 2) decode<u32>(e, output);
  else decode<u64>(e, output);
}
