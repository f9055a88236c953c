// IF (TFLM if.cc): input 0 is a bool condition; the other inputs are copied into the inputs
// of the then or else subgraph, which runs, and its outputs are copied to the op's outputs.
// TFLM stages these copies through persistent buffers because it fears the branch's tensors
// overlap the caller's; our planner gives a called subgraph's tensors lifetimes nested in the
// calling op (assembly/planner/model_plan.ts), so the copies go directly.

import { Subgraph, Node, elementCount, inputIndex, outputIndex, numInputs, numOutputs, subgraphInput, subgraphOutput } from "../graph";
import { DType } from "../schema/tflite";
import { vecLen } from "../schema/flatbuffer";
import { OpRegistration, requireInput, opFail, allocOpData, inputData } from "./registry";
import {
  calleeAt, checkCallee, checkCalleeCount, matchTensors, subgraphOf, runSubgraph,
  copyInputsToCallee, copyCalleeToOutputs,
} from "./control_flow";

/** Op data; followed by the byte size (u32) of each passed input, then of each output. */
@unmanaged
export class IfParams {
  thenIndex: i32;
  elseIndex: i32;
  numIn: i32;
  numOut: i32;
}

function checkBranch(sg: Subgraph, node: Node, role: string, index: i32, p: IfParams): bool {
  const callee = subgraphOf(sg, index);
  if (!checkCalleeCount(node, role, index, "inputs", vecLen(callee.inputs), p.numIn)) return false;
  if (!checkCalleeCount(node, role, index, "outputs", vecLen(callee.outputs), p.numOut)) return false;
  const sizes = changetype<usize>(p) + offsetof<IfParams>();
  for (let i = 0; i < p.numIn; i++) {
    const b = matchTensors(sg, node, inputIndex(node, i + 1), callee, subgraphInput(callee, i), role, "input", i + 1);
    if (b < 0) return false;
    store<u32>(sizes + (<usize>i << 2), <u32>b);
  }
  for (let o = 0; o < p.numOut; o++) {
    const b = matchTensors(sg, node, outputIndex(node, o), callee, subgraphOutput(callee, o), role, "output", o);
    if (b < 0) return false;
    store<u32>(sizes + (<usize>(p.numIn + o) << 2), <u32>b);
  }
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (numInputs(node) < 1) return opFail(node, "needs a condition (input 0)");
  const cond = requireInput(sg, node, 0);
  if (cond === null) return false;
  if (<i32>cond.type != DType.BOOL || elementCount(cond) != 1) return opFail(node, "condition (input 0) must be a single bool");
  const thenIndex = calleeAt(node, 0);
  const elseIndex = calleeAt(node, 1);
  if (!checkCallee(sg, node, thenIndex, "then") || !checkCallee(sg, node, elseIndex, "else")) return false;
  const numIn = numInputs(node) - 1;
  const numOut = numOutputs(node);
  const p = changetype<IfParams>(allocOpData(node, offsetof<IfParams>() + (<usize>(numIn + numOut) << 2)));
  if (changetype<usize>(p) == 0) return false;
  p.thenIndex = thenIndex;
  p.elseIndex = elseIndex;
  p.numIn = numIn;
  p.numOut = numOut;
  // Both branches are checked (TFLM checks the counts of then only, the rest at eval).
  return checkBranch(sg, node, "then", thenIndex, p) && checkBranch(sg, node, "else", elseIndex, p);
}

function evalIf(sg: Subgraph, node: Node): bool {
  const p = changetype<IfParams>(node.opData);
  const sizes = changetype<usize>(p) + offsetof<IfParams>();
  const branch = subgraphOf(sg, load<u8>(inputData(sg, node, 0)) != 0 ? p.thenIndex : p.elseIndex);
  copyInputsToCallee(sg, node, 1, branch, sizes, p.numIn);
  if (!runSubgraph(branch)) return false;
  copyCalleeToOutputs(sg, node, branch, sizes + (<usize>p.numIn << 2), p.numOut);
  return true;
}

// @ts-ignore: decorator
@lazy export const If = new OpRegistration(prepare, evalIf);
