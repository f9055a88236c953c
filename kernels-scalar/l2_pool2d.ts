// L2_POOL_2D reference kernel (TFLite reference_ops::L2Pool), float32 only: the square root of
// the mean of squares over each window's part inside the input, then the activation clamp.

import { Pool2DParams } from "./average_pool2d";

export function l2Pool2dFloat32(p: Pool2DParams, input: usize, output: usize): void {
  const depth = p.depth;
  const inH = p.inHeight, inW = p.inWidth;
  let out = output;
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outHeight; oy++) {
      const y0 = oy * p.strideHeight - p.padHeight;
      const fyStart = max(0, -y0), fyEnd = min(p.filterHeight, inH - y0);
      for (let ox = 0; ox < p.outWidth; ox++) {
        const x0 = ox * p.strideWidth - p.padWidth;
        const fxStart = max(0, -x0), fxEnd = min(p.filterWidth, inW - x0);
        const count = <f32>((fyEnd - fyStart) * (fxEnd - fxStart));
        for (let c = 0; c < depth; c++) {
          let squares: f32 = 0;
          for (let fy = fyStart; fy < fyEnd; fy++) {
            const row = input + ((<usize>((b * inH + y0 + fy) * inW + x0) * <usize>depth + <usize>c) << 2);
            for (let fx = fxStart; fx < fxEnd; fx++) {
              const v = load<f32>(row + ((<usize>fx * <usize>depth) << 2));
              squares += v * v;
            }
          }
          const r = Mathf.sqrt(squares / count);
          store<f32>(out, Mathf.min(Mathf.max(r, p.actMinF), p.actMaxF));
          out += 4;
        }
      }
    }
  }
}
