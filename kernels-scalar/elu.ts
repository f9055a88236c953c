// ELU reference kernels (TFLM elu.cc): float32 by expm1; int8 through a 256-entry table that
// prepare fills with TFLM's float maths (the table follows the params in the op data).

/** Everything eval needs, computed once in prepare (lives in the op's persistent data). */
@unmanaged
export class EluParams {
  /** Input dtype (DType): selects the kernel. */
  type: i32;
  count: i32;
}

/** Address of the int8 table (256 bytes, indexed by the input byte). */
// @ts-ignore: decorator
@inline export function eluTable(p: EluParams): usize {
  return changetype<usize>(p) + offsetof<EluParams>();
}

export function eluFloat32(p: EluParams, input: usize, output: usize): void {
  const n = p.count;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(input + (<usize>i << 2));
    store<f32>(output + (<usize>i << 2), x < 0 ? Mathf.expm1(x) : x);
  }
}

export function eluInt8(p: EluParams, input: usize, output: usize): void {
  const n = p.count;
  const table = eluTable(p);
  for (let i = 0; i < n; i++) store<i8>(output + <usize>i, load<i8>(table + <usize>load<u8>(input + <usize>i)));
}
