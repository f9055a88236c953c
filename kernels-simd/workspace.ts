// Working memory of the SIMD kernels (GEMM staged weights and packed tiles, im2col rows):
// one block from the block allocator, reserved when the SIMD build loads its first model.
// As static data (memory.data) it would keep the module from starting in one 64 KiB page
// (issue: WASI builds start with static data <= 64 KiB); as arena scratch it would count
// against the arena, which must not exceed TFLM's. Kernels address their part at a fixed
// offset from kernelWorkspace(); one op runs at a time, and each region has one user at a time.

import { blockAlloc } from "../assembly/common/blocks";
import { GEMM_WORK_BYTES } from "./gemm";
import { CONV_IM2COL_BYTES } from "./conv2d";

// Offsets of the regions (16-byte aligned). Functions, not globals: the sizes come from
// modules that import this one (constants folded at compile time either way).
// @ts-ignore: decorator
@inline export function gemmWorkAt(): usize { return 0; }
// @ts-ignore: decorator
@inline export function convIm2colAt(): usize { return (gemmWorkAt() + GEMM_WORK_BYTES + 15) & ~15; }
// @ts-ignore: decorator
@inline export function kernelWorkspaceBytes(): usize { return (convIm2colAt() + CONV_IM2COL_BYTES + 15) & ~15; }

let base: usize = 0;

/** Start of the workspace (0 until reserved). */
// @ts-ignore: decorator
@inline export function kernelWorkspace(): usize { return base; }

/** Reserves the workspace once (engine lifetime); false when memory cannot grow. */
export function reserveKernelWorkspace(): bool {
  if (base == 0) base = blockAlloc(kernelWorkspaceBytes());
  return base != 0;
}

/** Uses `bytes` (kernelWorkspaceBytes(), 16-byte aligned) as the workspace: for unit tests, whose runtime owns the heap. */
export function useKernelWorkspace(bytes: usize): void { base = bytes; }
