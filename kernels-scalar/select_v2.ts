// SELECT_V2 reference kernel (TFLM select.cc, reference_ops::Select / BroadcastSelect5DSlow):
// out = condition ? x : y element-wise, the three inputs broadcast against the output (up to
// 5 dimensions). Values are copied as stored (any quantization is passed through unchanged).

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class SelectV2Params {
  /** log2 of the element size of x, y and the output (0: int8, 1: int16, 2: float32). */
  shift: i32;
  /** Output extents, outermost first; the innermost (e4) is the row. */
  e0: i32; e1: i32; e2: i32; e3: i32; e4: i32;
  /** Element strides per dimension of the condition, x and y (0 where that input repeats). */
  c0: i32; c1: i32; c2: i32; c3: i32; c4: i32;
  x0: i32; x1: i32; x2: i32; x3: i32; x4: i32;
  y0: i32; y1: i32; y2: i32; y3: i32; y4: i32;
}

// @ts-ignore: decorator
@inline function selectRow<T>(c: usize, stepC: usize, x: usize, stepX: usize, y: usize, stepY: usize, out: usize, n: i32): void {
  const strideX = stepX * sizeof<T>(), strideY = stepY * sizeof<T>();
  for (let i = 0; i < n; i++) {
    store<T>(out + <usize>i * sizeof<T>(), load<u8>(c) != 0 ? load<T>(x) : load<T>(y));
    c += stepC;
    x += strideX;
    y += strideY;
  }
}

// @ts-ignore: decorator
@inline function selectAll<T>(p: SelectV2Params, cond: usize, x: usize, y: usize, out: usize): void {
  const n = p.e4;
  const stepC = <usize>p.c4, stepX = <usize>p.x4, stepY = <usize>p.y4;
  const rowBytes = <usize>n * sizeof<T>();
  let o = out;
  for (let i0 = 0; i0 < p.e0; i0++) {
    for (let i1 = 0; i1 < p.e1; i1++) {
      for (let i2 = 0; i2 < p.e2; i2++) {
        for (let i3 = 0; i3 < p.e3; i3++) {
          const ci = i0 * p.c0 + i1 * p.c1 + i2 * p.c2 + i3 * p.c3;
          const xi = i0 * p.x0 + i1 * p.x1 + i2 * p.x2 + i3 * p.x3;
          const yi = i0 * p.y0 + i1 * p.y1 + i2 * p.y2 + i3 * p.y3;
          selectRow<T>(cond + <usize>ci, stepC, x + <usize>xi * sizeof<T>(), stepX, y + <usize>yi * sizeof<T>(), stepY, o, n);
          o += rowBytes;
        }
      }
    }
  }
}

export function selectV2(p: SelectV2Params, cond: usize, x: usize, y: usize, out: usize): void {
  if (p.shift == 0) selectAll<u8>(p, cond, x, y, out);
  else if (p.shift == 1) selectAll<u16>(p, cond, x, y, out);
  else selectAll<u32>(p, cond, x, y, out);
}
