// ARG_MAX / ARG_MIN reference kernel (TFLite reference_ops::ArgMinMax): the int32 index of the
// first largest (smallest) value along the axis; strict comparisons keep the first one.

@unmanaged
export class ArgMinMaxParams {
  outer: i32;
  axisSize: i32;
  inner: i32;
  /** 1 for ARG_MAX, 0 for ARG_MIN. */
  isMax: i32;
  /** 1 for float32 input, 0 for int8. */
  isFloat: i32;
}

// @ts-ignore: decorator
@inline function argMinMaxOf<T>(p: ArgMinMaxParams, input: usize, output: usize): void {
  const axisSize = p.axisSize;
  const inner = p.inner;
  const isMax = p.isMax != 0;
  const size = <usize>sizeof<T>();
  let out = output;
  for (let o = 0; o < p.outer; o++) {
    for (let i = 0; i < inner; i++) {
      let at = input + <usize>(o * axisSize * inner + i) * size;
      let best = load<T>(at);
      let index = 0;
      for (let k = 1; k < axisSize; k++) {
        at += <usize>inner * size;
        const v = load<T>(at);
        if (isMax ? v > best : v < best) { best = v; index = k; }
      }
      store<i32>(out, index);
      out += 4;
    }
  }
}

export function argMinMax(p: ArgMinMaxParams, input: usize, output: usize): void {
  if (p.isFloat != 0) argMinMaxOf<f32>(p, input, output);
  else argMinMaxOf<i8>(p, input, output);
}
