// Build-time configuration. `asc --use MICROLITE_SIMD=1` selects the SIMD kernel set; the
// branch not taken is folded away at compile time, so neither build carries the other's code.

// @ts-ignore: isDefined is a compile-time builtin
export const SIMD: bool = isDefined(MICROLITE_SIMD);

/**
 * `--use MICROLITE_SIMD_COMPACT=1` (`npm run build:custom -- --target simd --compact`): the SIMD
 * set without its widest tiles (shallow-input convolutions, the 16-channel pairs GEMM, the
 * multi-row fully-connected GEMM, one depthwise loop per input mode), for engines that must fit
 * a size budget. Those cases take the generic SIMD paths; outputs are the same bytes.
 */
// @ts-ignore: isDefined is a compile-time builtin
export const SIMD_COMPACT: bool = isDefined(MICROLITE_SIMD_COMPACT);
