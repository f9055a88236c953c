// Exports for models with several subgraphs (control flow), re-exported by assembly/index.ts:
// the WHILE iteration cap, whether the last invoke ended early on purpose, and every
// subgraph's planned tensors and scratch buffers (for inspection and the planner's tests;
// the other ml_tensor_* / ml_scratch_* exports cover subgraph 0).

import { modelById, arenaBase } from "./engine";
import { Model, subgraphAt, useModel } from "./model";
import { Subgraph, Tensor, readTensorView, TensorFlag } from "./graph";
import { scratchAt } from "./ops/registry";
import { invokeAborted } from "./ops/control_flow";
import { setWhileIterationLimit, whileIterationLimit } from "./ops/while";
import { errorClear, errBegin } from "./common/error";

/**
 * Caps each WHILE execution at `n` iterations (0: no cap, as TFLM); past it the invoke fails
 * with a message. Default 1,000,000. Returns the previous cap.
 */
export function ml_set_while_limit(n: u32): u32 {
  const previous = whileIterationLimit;
  setWhileIterationLimit(n);
  return previous;
}

/**
 * 1 when the last ml_invoke returned 0 because an op ended the invoke early on purpose
 * (TFLM's kTfLiteAbort: CIRCULAR_BUFFER between its runs), not because of an error.
 */
export function ml_invoke_aborted(): i32 { return invokeAborted ? 1 : 0; }

function subgraphOf(handle: i32, s: i32): Subgraph | null {
  const m = modelById(handle);
  if (m === null) { errorClear(); errBegin("not a loaded model (invalid handle)"); return null; }
  useModel(m);
  if (s < 0 || s >= m.numSubgraphs) { errorClear(); errBegin("subgraph index out of range"); return null; }
  return subgraphAt(changetype<Model>(m), s);
}

const view = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/** Number of subgraphs of the model (-1: bad handle). */
export function ml_subgraph_count(handle: i32): i32 {
  const m = modelById(handle);
  return m === null ? -1 : m.numSubgraphs;
}
export function ml_subgraph_tensor_count(handle: i32, s: i32): i32 { const sg = subgraphOf(handle, s); return sg === null ? -1 : sg.numTensors; }
export function ml_subgraph_op_count(handle: i32, s: i32): i32 { const sg = subgraphOf(handle, s); return sg === null ? -1 : sg.numNodes; }
/** Tensor `t` of subgraph `s`: offset in the planned area (-1: not planned) and bytes. */
export function ml_subgraph_tensor_offset(handle: i32, s: i32, t: i32): i32 {
  const sg = subgraphOf(handle, s);
  if (sg === null || t < 0 || t >= sg.numTensors) return -1;
  readTensorView(sg, t, view);
  return (view.flags & TensorFlag.Planned) == 0 ? -1 : <i32>(view.data - arenaBase());
}
export function ml_subgraph_tensor_bytes(handle: i32, s: i32, t: i32): i32 {
  const sg = subgraphOf(handle, s);
  if (sg === null || t < 0 || t >= sg.numTensors) return -1;
  return <i32>readTensorView(sg, t, view).bytes;
}
/** Scratch buffers of subgraph `s`: count, and buffer i's operator, bytes and offset. */
export function ml_subgraph_scratch_count(handle: i32, s: i32): i32 { const sg = subgraphOf(handle, s); return sg === null ? -1 : sg.numScratch; }
export function ml_subgraph_scratch_op(handle: i32, s: i32, i: i32): i32 {
  const sg = subgraphOf(handle, s);
  return sg === null || i < 0 || i >= sg.numScratch ? -1 : scratchAt(sg, i).node;
}
export function ml_subgraph_scratch_bytes(handle: i32, s: i32, i: i32): i32 {
  const sg = subgraphOf(handle, s);
  return sg === null || i < 0 || i >= sg.numScratch ? -1 : <i32>scratchAt(sg, i).bytes;
}
export function ml_subgraph_scratch_offset(handle: i32, s: i32, i: i32): i32 {
  const sg = subgraphOf(handle, s);
  return sg === null || i < 0 || i >= sg.numScratch ? -1 : <i32>(scratchAt(sg, i).data - arenaBase());
}
