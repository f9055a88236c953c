// BATCH_TO_SPACE_ND reference kernel (TFLite reference_ops::BatchToSpaceND): NHWC (3-D inputs
// are NH1C). Input batch ib goes to output batch ib % outBatches at spatial offset
// (ib / outBatches) within each block; cropped positions are skipped.

@unmanaged
export class BatchToSpaceParams {
  inBatches: i32; inHeight: i32; inWidth: i32;
  outBatches: i32; outHeight: i32; outWidth: i32;
  blockHeight: i32; blockWidth: i32;
  cropTop: i32; cropLeft: i32;
  /** Bytes of one pixel (depth x element size). */
  pixelBytes: i32;
}

export function batchToSpaceNd(p: BatchToSpaceParams, input: usize, output: usize): void {
  const pixel = <usize>p.pixelBytes;
  let src = input;
  for (let ib = 0; ib < p.inBatches; ib++) {
    const outBatch = ib % p.outBatches;
    const offset = ib / p.outBatches;
    const offsetH = offset / p.blockWidth;
    const offsetW = offset % p.blockWidth;
    for (let ih = 0; ih < p.inHeight; ih++) {
      const h = ih * p.blockHeight + offsetH - p.cropTop;
      if (h < 0 || h >= p.outHeight) { src += <usize>p.inWidth * pixel; continue; }
      for (let iw = 0; iw < p.inWidth; iw++) {
        const w = iw * p.blockWidth + offsetW - p.cropLeft;
        if (w >= 0 && w < p.outWidth) {
          memory.copy(output + <usize>((outBatch * p.outHeight + h) * p.outWidth + w) * pixel, src, pixel);
        }
        src += pixel;
      }
    }
  }
}
