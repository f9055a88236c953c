// What an op registration is, and the helpers its prepare and eval use.
//
// Contract (as TFLM's TfLiteRegistration):
// - prepare(sg, node): parse options, check every shape and dtype eval relies on, compute
//   quantization multipliers, allocate op data (allocPersistent) and request scratch buffers.
//   On any problem it writes a message (opFail...) and returns false: the model is refused.
// - eval(sg, node): compute only. It may assume everything prepare checked.
// - reset(sg, node) (optional): clear state kept in op data across invokes.
// - inPlace (optional): a bit mask of inputs that may share output 0's buffer when that
//   input dies at this op and both have the same byte size (the planner then gives them one
//   buffer). Set it only when every kernel (scalar and SIMD) is safe in place: it reads
//   input element i before writing output element i and never reads an input element after
//   writing output at or before it (elementwise ops on identical shapes, RESHAPE).

import {
  Subgraph, Node, Tensor, inputIndex, outputIndex, ScratchBuffer, dim, readTensorView, tensorData,
  numInputs, numOutputs, nodeIndex, nodeOpcode, nodeVersion, nodeIntermediates, nodeCustomName, TensorFlag,
} from "../graph";
import { errBegin, errStr, errInt, errBytes } from "../common/error";
import { errOpName, Op } from "../schema/builtin_ops";
import { errDType, DType } from "../schema/tflite";
import { allocPersistent, allocTemp, setPersistentKind, PersistentKind } from "../arena";
import { vecLen, vecI32 } from "../schema/flatbuffer";

export type PrepareFn = (sg: Subgraph, node: Node) => bool;
export type EvalFn = (sg: Subgraph, node: Node) => bool;
export type ResetFn = (sg: Subgraph, node: Node) => void;

function noPrepare(sg: Subgraph, node: Node): bool { return true; }
function noReset(sg: Subgraph, node: Node): void {}

export class OpRegistration {
  constructor(
    public prepare: PrepareFn,
    public eval: EvalFn,
    public reset: ResetFn = noReset,
    public inPlace: i32 = 0,
  ) {}
}

export { noPrepare, noReset };

// ---------------------------------------------------------------------------------------
// Tensor access. In prepare, tensors are views built from the model in temporary memory
// (valid until the op's prepare returns). In eval, only data addresses are used.

/** The subgraph whose ops are being prepared (for messages). */
let preparing: Subgraph | null = null;
export function setPreparing(sg: Subgraph | null): void { preparing = sg; }
export function currentSubgraph(): Subgraph | null { return preparing; }

function view(sg: Subgraph, index: i32): Tensor {
  const p = allocTemp(offsetof<Tensor>());
  // Out of arena: return a zeroed static view; the load fails on the exhausted arena.
  const t = changetype<Tensor>(p != 0 ? p : FALLBACK_VIEW);
  return readTensorView(sg, index, t);
}
const FALLBACK_VIEW: usize = memory.data(64, 16);

/** A view of tensor `index` of `sg` (prepare only). */
export function getTensor(sg: Subgraph, index: i32): Tensor { return view(sg, index); }

/** Input `i` of `node`; null when the op omitted an optional input (index -1) or i is past the end. */
export function getInput(sg: Subgraph, node: Node, i: i32): Tensor | null {
  if (i >= numInputs(node)) return null;
  const t = inputIndex(node, i);
  return t < 0 ? null : view(sg, t);
}

/** Output `i` of `node` (prepare only). */
export function getOutput(sg: Subgraph, node: Node, i: i32): Tensor {
  return view(sg, outputIndex(node, i));
}

/** Intermediate tensor `i` of `node`, or null (prepare only). */
export function getIntermediate(sg: Subgraph, node: Node, i: i32): Tensor | null {
  const v = nodeIntermediates(node);
  if (i >= vecLen(v)) return null;
  const t = vecI32(v, i);
  return t < 0 ? null : view(sg, t);
}

/** Address of input `i`'s data (eval); 0 when the input is omitted or absent. */
// @ts-ignore: decorator
@inline export function inputData(sg: Subgraph, node: Node, i: i32): usize {
  if (i >= numInputs(node)) return 0;
  const t = inputIndex(node, i);
  return t < 0 ? 0 : tensorData(sg, t);
}

/** Address of output `i`'s data (eval). */
// @ts-ignore: decorator
@inline export function outputData(sg: Subgraph, node: Node, i: i32): usize {
  return tensorData(sg, outputIndex(node, i));
}

// ---------------------------------------------------------------------------------------
// Op data and scratch buffers

/** Allocates `size` bytes of persistent op data for `node` (zeroed). Fails with a message. */
export function allocOpData(node: Node, size: usize): usize {
  const kind = setPersistentKind(PersistentKind.OpData);
  const p = allocPersistent(size);
  setPersistentKind(kind);
  node.opData = p;
  return p;
}

/**
 * Requests a scratch buffer of `bytes` for `node`, live only while the node runs; the planner
 * places it with the tensors. Returns its index (for scratchData), or -1 on failure.
 */
export function requestScratch(sg: Subgraph, node: Node, bytes: i32): i32 {
  if (bytes <= 0) return -1;
  if (sg.numScratch == sg.scratchCapacity) {
    // Grow the table (persistent; rare: a few entries per model).
    const capacity = sg.scratchCapacity == 0 ? 8 : sg.scratchCapacity * 2;
    const kind = setPersistentKind(PersistentKind.Scratch);
    const table = allocPersistent(<usize>capacity * offsetof<ScratchBuffer>());
    setPersistentKind(kind);
    if (table == 0) return -1;
    if (sg.numScratch > 0) memory.copy(table, sg.scratch, <usize>sg.numScratch * offsetof<ScratchBuffer>());
    sg.scratch = table;
    sg.scratchCapacity = capacity;
  }
  const index = sg.numScratch++;
  const s = scratchAt(sg, index);
  s.bytes = <u32>bytes;
  s.data = 0;
  s.node = nodeIndex(sg, node);
  return index;
}

// @ts-ignore: decorator
@inline export function scratchAt(sg: Subgraph, index: i32): ScratchBuffer {
  return changetype<ScratchBuffer>(sg.scratch + <usize>index * offsetof<ScratchBuffer>());
}

/** Address of scratch buffer `index` (eval). */
// @ts-ignore: decorator
@inline export function scratchData(sg: Subgraph, index: i32): usize {
  return scratchAt(sg, index).data;
}

// ---------------------------------------------------------------------------------------
// Messages: "CONV_2D v3 (operator 4): <what>"

/** Starts an error message about `node`; returns false when another error is already set. */
export function opError(node: Node, what: string): bool {
  if (!errBegin("")) return false;
  const code = nodeOpcode(node);
  const custom = nodeCustomName(node);
  if (code == Op.CUSTOM && custom != 0) { errStr("custom op "); errBytes(custom + 4, vecLen(custom)); }
  else errOpName(code);
  errStr(" v"); errInt(nodeVersion(node));
  if (preparing !== null) {
    const sg = changetype<Subgraph>(preparing);
    errStr(" (operator "); errInt(nodeIndex(sg, node));
    if (sg.index != 0) { errStr(" of subgraph "); errInt(sg.index); }
    errStr(")");
  }
  errStr(": ");
  errStr(what);
  return true;
}

/** opError + return false, for `return opFail(node, "...")`. */
export function opFail(node: Node, what: string): bool {
  opError(node, what);
  return false;
}

/** "<op>: <role> dtype <t> is not supported" */
export function opFailType(node: Node, role: string, t: Tensor): bool {
  if (opError(node, role)) { errStr(" dtype "); errDType(t.type); errStr(" is not supported"); }
  return false;
}

/** Checks input/output counts. */
export function checkCounts(node: Node, minInputs: i32, maxInputs: i32, outputs: i32): bool {
  const nIn = numInputs(node);
  const nOut = numOutputs(node);
  if (nIn < minInputs || nIn > maxInputs) {
    if (opError(node, "expects ")) {
      errInt(minInputs); if (maxInputs != minInputs) { errStr(" to "); errInt(maxInputs); }
      errStr(" inputs, has "); errInt(nIn);
    }
    return false;
  }
  if (nOut != outputs) {
    if (opError(node, "expects ")) { errInt(outputs); errStr(" outputs, has "); errInt(nOut); }
    return false;
  }
  return true;
}

/** Fetches a required input, failing with a message when it is omitted. */
export function requireInput(sg: Subgraph, node: Node, i: i32): Tensor | null {
  const t = getInput(sg, node, i);
  if (t === null && opError(node, "input ")) { errInt(i); errStr(" is required"); }
  return t;
}

/** Checks a tensor's rank. */
export function checkRank(node: Node, role: string, t: Tensor, rank: i32): bool {
  if (<i32>t.rank == rank) return true;
  if (opError(node, role)) { errStr(" must have rank "); errInt(rank); errStr(", has "); errInt(t.rank); }
  return false;
}

/** Checks that two tensors have the same shape. */
export function checkSameShape(node: Node, a: Tensor, b: Tensor): bool {
  let same = a.rank == b.rank;
  for (let i = 0; same && i < <i32>a.rank; i++) same = dim(a, i) == dim(b, i);
  if (!same) opFail(node, "input and output shapes differ");
  return same;
}

/** Checks that a tensor has storage that eval may write (not a constant). */
export function checkWritable(node: Node, t: Tensor): bool {
  if ((t.flags & TensorFlag.Constant) == 0) return true;
  return opFail(node, "output is a constant tensor");
}

/** Appends a tensor's name to the current message. */
export function errTensorName(t: Tensor): void {
  if (t.name != 0) errBytes(t.name + 4, vecLen(t.name));
}

export { Op, DType };
