// Element-wise unary maths, SIMD set: the float32 functions that wasm has as exact vector
// instructions (abs, neg, sqrt, 1/sqrt, square, floor, ceil, round) and LOGICAL_NOT run four
// floats / sixteen bools per step; the tail and the transcendental functions (sin, cos, log,
// exp) use the reference. Vectors never overlap: the op may run in place.

import { ElementwiseParams, UnaryFn, unaryFloat32Span } from "../kernels-scalar/elementwise";

export { absInt8, absInt16, rsqrtInt8 } from "../kernels-scalar/elementwise";

// @ts-ignore: decorator
@inline function applyVector(fn: i32, v: v128): v128 {
  switch (fn) {
    case UnaryFn.Abs: return f32x4.abs(v);
    case UnaryFn.Neg: return f32x4.neg(v);
    case UnaryFn.Sqrt: return f32x4.sqrt(v);
    case UnaryFn.Rsqrt: return f32x4.div(f32x4.splat(1), f32x4.sqrt(v));
    case UnaryFn.Square: return f32x4.mul(v, v);
    case UnaryFn.Floor: return f32x4.floor(v);
    case UnaryFn.Ceil: return f32x4.ceil(v);
    default: {
      // Ties to even as f32x4.nearest; the reference gives +0 (not -0) for inputs in [-0.5, 0).
      const r = f32x4.nearest(v);
      const zero = f32x4.splat(0);
      const negativeZero = v128.and(f32x4.lt(v, zero), f32x4.eq(r, zero));
      return v128.andnot(r, v128.and(negativeZero, i32x4.splat(0x80000000)));
    }
  }
}

// @ts-ignore: decorator
@inline function mapVector(fn: i32, input: usize, output: usize, n: i32): void {
  const vectors = n & ~3;
  for (let i = 0; i < vectors; i += 4) {
    const at = <usize>i << 2;
    v128.store(output + at, applyVector(fn, v128.load(input + at)));
  }
  unaryFloat32Span(fn, input + (<usize>vectors << 2), output + (<usize>vectors << 2), n - vectors);
}

export function unaryFloat32(p: ElementwiseParams, input: usize, output: usize): void {
  const n = p.count;
  switch (p.fn) {
    case UnaryFn.Abs: mapVector(UnaryFn.Abs, input, output, n); break;
    case UnaryFn.Neg: mapVector(UnaryFn.Neg, input, output, n); break;
    case UnaryFn.Sqrt: mapVector(UnaryFn.Sqrt, input, output, n); break;
    case UnaryFn.Rsqrt: mapVector(UnaryFn.Rsqrt, input, output, n); break;
    case UnaryFn.Square: mapVector(UnaryFn.Square, input, output, n); break;
    case UnaryFn.Floor: mapVector(UnaryFn.Floor, input, output, n); break;
    case UnaryFn.Ceil: mapVector(UnaryFn.Ceil, input, output, n); break;
    case UnaryFn.Round: mapVector(UnaryFn.Round, input, output, n); break;
    default: unaryFloat32Span(p.fn, input, output, n); break;
  }
}

/** LOGICAL_NOT: 1 where the byte is 0, else 0. */
export function logicalNot(p: ElementwiseParams, input: usize, output: usize): void {
  const n = p.count;
  const vectors = n & ~15;
  const zero = i8x16.splat(0), one = i8x16.splat(1);
  for (let i = 0; i < vectors; i += 16) {
    v128.store(output + <usize>i, v128.and(i8x16.eq(v128.load(input + <usize>i), zero), one));
  }
  for (let i = vectors; i < n; i++) store<u8>(output + <usize>i, load<u8>(input + <usize>i) == 0 ? 1 : 0);
}
