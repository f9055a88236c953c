// Build-time configuration. `asc --use MICROLITE_SIMD=1` selects the SIMD kernel set; the
// branch not taken is folded away at compile time, so neither build carries the other's code.

// @ts-ignore: isDefined is a compile-time builtin
export const SIMD: bool = isDefined(MICROLITE_SIMD);
