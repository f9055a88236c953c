// SPACE_TO_BATCH_ND reference kernel (TFLite reference_ops::SpaceToBatchND): NHWC (3-D inputs
// are NH1C). Output batch ob holds input batch ob % inBatches at spatial offset
// (ob / inBatches) split over the block; positions in the padding get the pad value.

@unmanaged
export class SpaceToBatchParams {
  inBatches: i32; inHeight: i32; inWidth: i32;
  outBatches: i32; outHeight: i32; outWidth: i32;
  blockHeight: i32; blockWidth: i32;
  padTop: i32; padLeft: i32;
  /** Bytes of one pixel (depth x element size). */
  pixelBytes: i32;
  /** Byte written in padded positions (the int8 zero point, else 0). */
  padByte: i32;
}

export function spaceToBatchNd(p: SpaceToBatchParams, input: usize, output: usize): void {
  const pixel = <usize>p.pixelBytes;
  let out = output;
  for (let ob = 0; ob < p.outBatches; ob++) {
    const inBatch = ob % p.inBatches;
    const shiftW = (ob / p.inBatches) % p.blockWidth;
    const shiftH = (ob / p.inBatches) / p.blockWidth;
    for (let oh = 0; oh < p.outHeight; oh++) {
      const h = oh * p.blockHeight + shiftH - p.padTop;
      const rowInside = h >= 0 && h < p.inHeight;
      for (let ow = 0; ow < p.outWidth; ow++) {
        const w = ow * p.blockWidth + shiftW - p.padLeft;
        if (rowInside && w >= 0 && w < p.inWidth) {
          memory.copy(out, input + <usize>((inBatch * p.inHeight + h) * p.inWidth + w) * pixel, pixel);
        } else {
          memory.fill(out, <u8>p.padByte, pixel);
        }
        out += pixel;
      }
    }
  }
}
