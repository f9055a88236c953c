// What control-flow ops (IF, WHILE, CALL_ONCE) share: which subgraphs an operator calls (read
// from its options, as TFLM's planner does, so the loader and planner need no op data),
// running a subgraph, the prepare-time checks between a caller's tensors and a callee's
// inputs/outputs, and the copies between them at eval.

import {
  Subgraph, Node, Tensor, nodeAt, nodeOpcode, nodeOptions, inputIndex, outputIndex,
  readTensorView, tensorData, subgraphInput, subgraphOutput,
} from "../graph";
import { Op } from "../schema/builtin_ops";
import { fbI32, vecLen } from "../schema/flatbuffer";
import { errDType, DType } from "../schema/tflite";
import { errStr, errInt } from "../common/error";
import { OpRegistration, opError, setPreparing, currentSubgraph } from "./registry";
import { Model, subgraphAt } from "../model";

// Options field ids: IfOptions then(0)/else(1), WhileOptions cond(0)/body(1), CallOnceOptions init(0).
const OPT_FIRST = 0;
const OPT_SECOND = 1;

/** Number of subgraphs `node` calls (0 for every op but IF, WHILE and CALL_ONCE). */
export function calleeCount(node: Node): i32 {
  const code = nodeOpcode(node);
  if (code == Op.IF || code == Op.WHILE) return 2;
  return code == Op.CALL_ONCE ? 1 : 0;
}

/** The index of the `i`-th subgraph `node` calls (IF: then, else; WHILE: cond, body; CALL_ONCE: init). */
export function calleeAt(node: Node, i: i32): i32 {
  return fbI32(nodeOptions(node), i == 0 ? OPT_FIRST : OPT_SECOND, 0);
}

/** Subgraph `index` of the model `sg` belongs to. */
// @ts-ignore: decorator
@inline export function subgraphOf(sg: Subgraph, index: i32): Subgraph {
  return subgraphAt(changetype<Model>(sg.model), index);
}

// @ts-ignore: decorator
@inline function registrationOf(node: Node): OpRegistration { return changetype<OpRegistration>(node.registration); }

/** Set when an op ended the invoke early on purpose (TFLM's kTfLiteAbort; CIRCULAR_BUFFER). */
export let invokeAborted: bool = false;
export function setInvokeAborted(on: bool): void { invokeAborted = on; }

/** Runs every op of `sg` in order; false when one fails (or aborts the invoke). */
export function runSubgraph(sg: Subgraph): bool {
  // Messages written by a failing eval name the operator (and subgraph) through this.
  const outer = currentSubgraph();
  setPreparing(sg);
  const n = sg.numNodes;
  let ok = true;
  for (let i = 0; i < n && ok; i++) {
    const node = nodeAt(sg, i);
    ok = registrationOf(node).eval(sg, node);
  }
  setPreparing(outer);
  return ok;
}

// ---- prepare: caller tensors against callee inputs/outputs ---------------------------------

const callerView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));
const calleeView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/** Checks that `index` names a subgraph; `role` ("then", "body", ...) names it in the message. */
export function checkCallee(sg: Subgraph, node: Node, index: i32, role: string): bool {
  const count = changetype<Model>(sg.model).numSubgraphs;
  if (index >= 0 && index < count) return true;
  if (opError(node, role)) { errStr(" subgraph index "); errInt(index); errStr(" is out of range (the model has "); errInt(count); errStr(" subgraphs)"); }
  return false;
}

/** Checks a count the op and a callee must agree on. */
export function checkCalleeCount(node: Node, role: string, index: i32, what: string, calleeHas: i32, opHas: i32): bool {
  if (calleeHas == opHas) return true;
  if (opError(node, role)) {
    errStr(" subgraph "); errInt(index); errStr(" has "); errInt(calleeHas); errStr(" "); errStr(what);
    errStr(", the op passes "); errInt(opHas);
  }
  return false;
}

/**
 * Checks that caller tensor `t` (of `sg`) and callee tensor `ct` (of `callee`) have the same
 * dtype and byte size, so a copy moves exactly one tensor. `what` names the pair ("input 2").
 * Returns the byte size, or -1 with a message.
 */
export function matchTensors(sg: Subgraph, node: Node, t: i32, callee: Subgraph, ct: i32, role: string, what: string, k: i32): i32 {
  if (t < 0) {
    if (opError(node, what)) { errStr(" "); errInt(k); errStr(" is omitted; control flow needs every tensor"); }
    return -1;
  }
  readTensorView(sg, t, callerView);
  readTensorView(callee, ct, calleeView);
  if (callerView.type == calleeView.type && callerView.bytes == calleeView.bytes) return <i32>callerView.bytes;
  if (opError(node, what)) {
    errStr(" "); errInt(k); errStr(" ("); errDType(callerView.type); errStr(", "); errInt(callerView.bytes); errStr(" bytes) does not match ");
    errStr(role); errStr(" subgraph "); errInt(callee.index); errStr("'s tensor "); errInt(ct); errStr(" (");
    errDType(calleeView.type); errStr(", "); errInt(calleeView.bytes); errStr(" bytes)");
  }
  return -1;
}

/** The dtype and element count of output 0 of `callee` must be one bool (a condition). */
export function checkConditionOutput(node: Node, callee: Subgraph, role: string): bool {
  if (vecLen(callee.outputs) >= 1) {
    readTensorView(callee, subgraphOutput(callee, 0), calleeView);
    if (<i32>calleeView.type == DType.BOOL && calleeView.bytes == 1) return true;
  }
  if (opError(node, role)) { errStr(" subgraph "); errInt(callee.index); errStr(" must have a single bool as output 0"); }
  return false;
}

// ---- eval: copies --------------------------------------------------------------------------

// Byte sizes are kept in op data (u32 each); addresses are read from the tensors at eval,
// since planned addresses may not be stored in op data.

/** Copies op inputs [first, first + n) into the callee's inputs. */
// @ts-ignore: decorator
@inline export function copyInputsToCallee(sg: Subgraph, node: Node, first: i32, callee: Subgraph, bytes: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    memory.copy(tensorData(callee, subgraphInput(callee, i)), tensorData(sg, inputIndex(node, first + i)), <usize>load<u32>(bytes + (<usize>i << 2)));
  }
}

/** Copies op outputs into the callee's inputs. */
// @ts-ignore: decorator
@inline export function copyOutputsToCallee(sg: Subgraph, node: Node, callee: Subgraph, bytes: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    memory.copy(tensorData(callee, subgraphInput(callee, i)), tensorData(sg, outputIndex(node, i)), <usize>load<u32>(bytes + (<usize>i << 2)));
  }
}

/** Copies the callee's outputs into the op's outputs. */
// @ts-ignore: decorator
@inline export function copyCalleeToOutputs(sg: Subgraph, node: Node, callee: Subgraph, bytes: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    memory.copy(tensorData(sg, outputIndex(node, i)), tensorData(callee, subgraphOutput(callee, i)), <usize>load<u32>(bytes + (<usize>i << 2)));
  }
}
