// DYNAMIC_UPDATE_SLICE (TFLM dynamic_update_slice.cc): inputs operand, update and start
// indices (int32 or int64, one per operand dimension, read at each invoke and clamped so the
// update fits); the output is the operand with the update written there. TFLM's dtypes:
// float32, int8, int32 (it refuses others at eval; here prepare does); up to 6 dimensions.
// The output may share the operand's buffer (inPlace): the operand is then not copied.

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { OpRegistration, requireInput, opFail, checkSameShape, inputData, outputData, allocOpData, noReset } from "./registry";
import { checkIndexType, prepareIO, ioOutput, sizeShift, F32, I8, I32 } from "./tensor_values";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/dynamic_update_slice";
import * as simd from "../../kernels-simd/dynamic_update_slice";
import { DynamicUpdateSliceParams, DUS_DIMS } from "../../kernels-scalar/dynamic_update_slice";

function prepare(sg: Subgraph, node: Node): bool {
  const operand = prepareIO(sg, node, 3, 3, F32 | I8 | I32);
  if (operand === null) return false;
  const output = ioOutput;
  const update = requireInput(sg, node, 1);
  const indices = requireInput(sg, node, 2);
  if (update === null || indices === null) return false;
  if (update.type != operand.type) return opFail(node, "operand and update dtypes differ");
  if (!checkIndexType(node, "start indices", indices, true)) return false;
  const rank = <i32>operand.rank;
  if (indices.rank != 1 || dim(indices, 0) != rank) return opFail(node, "start indices must hold one value per operand dimension");
  if (<i32>update.rank != rank) return opFail(node, "update and operand ranks differ");
  if (!checkSameShape(node, operand, output)) return false;
  for (let d = 0; d < rank; d++) {
    if (dim(update, d) > dim(operand, d)) return opFail(node, "update is larger than the operand");
  }
  // TFLM copies same-size updates whatever the rank, and refuses ranks over 6 otherwise.
  const same = elementCount(update) == elementCount(operand);
  if (rank > DUS_DIMS && !same) return opFail(node, "operand has more than 6 dimensions");

  const p = changetype<DynamicUpdateSliceParams>(allocOpData(node, offsetof<DynamicUpdateSliceParams>()));
  if (changetype<usize>(p) == 0) return false;
  const shift = sizeShift(dtypeSize(<i32>operand.type));
  p.elementShift = shift;
  p.wideIndices = <i32>indices.type == DType.INT64 ? 1 : 0;
  p.operandBytes = elementCount(operand) << shift;
  p.updateCount = elementCount(update);
  // A same-size update replaces the whole operand: start 0 everywhere, as one 1-D row.
  const padded = same ? 1 : rank;
  p.rank = same ? 0 : rank;
  const base = changetype<usize>(p);
  for (let i = 0; i < DUS_DIMS; i++) {
    const d = i - (DUS_DIMS - padded);
    const od = d < 0 ? 1 : (same ? elementCount(operand) : dim(operand, d));
    const ud = d < 0 ? 1 : (same ? elementCount(update) : dim(update, d));
    store<i32>(base + offsetof<DynamicUpdateSliceParams>("od0") + (<usize>i << 2), od);
    store<i32>(base + offsetof<DynamicUpdateSliceParams>("ud0") + (<usize>i << 2), ud);
  }
  return true;
}

function evalDynamicUpdateSlice(sg: Subgraph, node: Node): bool {
  const p = changetype<DynamicUpdateSliceParams>(node.opData);
  if (SIMD) simd.dynamicUpdateSlice(p, inputData(sg, node, 0), inputData(sg, node, 1), inputData(sg, node, 2), outputData(sg, node, 0));
  else scalar.dynamicUpdateSlice(p, inputData(sg, node, 0), inputData(sg, node, 1), inputData(sg, node, 2), outputData(sg, node, 0));
  return true;
}

// @ts-ignore: decorator
@lazy export const DynamicUpdateSlice = new OpRegistration(prepare, evalDynamicUpdateSlice, noReset, 1);
