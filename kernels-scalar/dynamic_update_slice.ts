// DYNAMIC_UPDATE_SLICE (TFLM dynamic_update_slice.cc): the output is the operand with the
// update written at start indices read at each invoke, each clamped to [0, operand dim -
// update dim] so the update always fits. Shapes are padded to 6 dimensions (leading 1s).

export const DUS_DIMS = 6;

@unmanaged
export class DynamicUpdateSliceParams {
  /** log2 of the element size. */
  elementShift: i32;
  /** The operand's real rank (entries read from the start indices). */
  rank: i32;
  /** Start indices are int64 (else int32). */
  wideIndices: i32;
  /** Operand bytes (copied to the output when the buffers differ). */
  operandBytes: i32;
  /** Update elements (0: nothing to write). */
  updateCount: i32;
  /** Padded operand dims, then padded update dims (6 each). */
  od0: i32; od1: i32; od2: i32; od3: i32; od4: i32; od5: i32;
  ud0: i32; ud1: i32; ud2: i32; ud3: i32; ud4: i32; ud5: i32;
}

// @ts-ignore: decorator
@inline function operandDim(p: DynamicUpdateSliceParams, i: i32): i32 {
  return load<i32>(changetype<usize>(p) + offsetof<DynamicUpdateSliceParams>("od0") + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline function updateDim(p: DynamicUpdateSliceParams, i: i32): i32 {
  return load<i32>(changetype<usize>(p) + offsetof<DynamicUpdateSliceParams>("ud0") + (<usize>i << 2));
}

/** Start index of padded dimension d, clamped as TFLM does (in 64 bits). */
function clampedStart(p: DynamicUpdateSliceParams, indices: usize, d: i32): i32 {
  const k = d - (DUS_DIMS - p.rank);
  if (k < 0) return 0;
  let v: i64 = p.wideIndices != 0 ? load<i64>(indices + (<usize>k << 3)) : <i64>load<i32>(indices + (<usize>k << 2));
  if (v < 0) v = 0;
  const hi = <i64>(operandDim(p, d) - updateDim(p, d));
  if (v > hi) v = hi;
  return <i32>v;
}

export function dynamicUpdateSlice(p: DynamicUpdateSliceParams, operand: usize, update: usize, indices: usize, output: usize): void {
  if (operand != output) memory.copy(output, operand, <usize>p.operandBytes);
  if (p.updateCount == 0) return;
  const shift = p.elementShift;
  // Output element strides of the padded dims, and the offset of the first element written.
  const s5 = 1;
  const s4 = s5 * p.od5, s3 = s4 * p.od4, s2 = s3 * p.od3, s1 = s2 * p.od2, s0 = s1 * p.od1;
  const first = clampedStart(p, indices, 0) * s0 + clampedStart(p, indices, 1) * s1 + clampedStart(p, indices, 2) * s2 +
    clampedStart(p, indices, 3) * s3 + clampedStart(p, indices, 4) * s4 + clampedStart(p, indices, 5) * s5;
  const rowBytes = <usize>p.ud5 << shift;
  let src = update;
  for (let a = 0; a < p.ud0; a++) {
    for (let b = 0; b < p.ud1; b++) {
      for (let c = 0; c < p.ud2; c++) {
        for (let d = 0; d < p.ud3; d++) {
          let at = first + a * s0 + b * s1 + c * s2 + d * s3;
          for (let e = 0; e < p.ud4; e++) {
            memory.copy(output + (<usize>at << shift), src, rowBytes);
            src += rowBytes;
            at += s4;
          }
        }
      }
    }
  }
}
