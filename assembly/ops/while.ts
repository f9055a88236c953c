// WHILE (TFLM while.cc): the op's inputs seed its outputs (the loop state); while the cond
// subgraph (fed the state) returns true, the body subgraph (fed the state) runs and its
// outputs become the new state. Copies follow TFLM's order: inputs to cond inputs and to the
// op's outputs, run cond; per iteration: outputs to body inputs, run body, body outputs to
// outputs, outputs to cond inputs, run cond.
//
// Loops that never end: TFLM loops forever. A web page must not hang on a bad model, and a
// wasm call cannot be interrupted from the page's thread, so each WHILE execution is capped at
// `whileIterationLimit` iterations (default 1,000,000; legitimate micro models loop over a
// sequence of at most thousands of steps). Past it the invoke fails with a message naming
// the op; the cap can be changed, 0 meaning no cap (TFLM's behaviour). The cap counts
// iterations, not time: a host that must bound time runs the engine in a Worker.

import { Subgraph, Node, inputIndex, outputIndex, numInputs, numOutputs, subgraphInput, subgraphOutput, tensorData } from "../graph";
import { vecLen } from "../schema/flatbuffer";
import { errStr, errInt } from "../common/error";
import { OpRegistration, opFail, opError, allocOpData } from "./registry";
import {
  calleeAt, checkCallee, checkCalleeCount, matchTensors, checkConditionOutput, subgraphOf, runSubgraph,
  copyInputsToCallee, copyOutputsToCallee, copyCalleeToOutputs,
} from "./control_flow";

/** Iterations one WHILE execution may run before the invoke fails (0: unlimited). */
export let whileIterationLimit: u32 = 1_000_000;
export function setWhileIterationLimit(n: u32): void { whileIterationLimit = n; }

/** Op data; followed by the byte size (u32) of each loop-state tensor. */
@unmanaged
export class WhileParams {
  condIndex: i32;
  bodyIndex: i32;
  count: i32;
}

function prepare(sg: Subgraph, node: Node): bool {
  const n = numInputs(node);
  if (numOutputs(node) != n) return opFail(node, "needs as many outputs as inputs");
  const condIndex = calleeAt(node, 0);
  const bodyIndex = calleeAt(node, 1);
  if (!checkCallee(sg, node, condIndex, "cond") || !checkCallee(sg, node, bodyIndex, "body")) return false;
  const cond = subgraphOf(sg, condIndex);
  const body = subgraphOf(sg, bodyIndex);
  if (!checkCalleeCount(node, "cond", condIndex, "inputs", vecLen(cond.inputs), n)) return false;
  if (!checkCalleeCount(node, "body", bodyIndex, "inputs", vecLen(body.inputs), n)) return false;
  if (!checkCalleeCount(node, "body", bodyIndex, "outputs", vecLen(body.outputs), n)) return false;
  if (!checkConditionOutput(node, cond, "cond")) return false;
  const p = changetype<WhileParams>(allocOpData(node, offsetof<WhileParams>() + (<usize>n << 2)));
  if (changetype<usize>(p) == 0) return false;
  p.condIndex = condIndex;
  p.bodyIndex = bodyIndex;
  p.count = n;
  // Every copy moves one state tensor: input i, output i, cond input i, body input i and
  // body output i all have one dtype and byte size.
  const sizes = changetype<usize>(p) + offsetof<WhileParams>();
  for (let i = 0; i < n; i++) {
    const t = inputIndex(node, i);
    const b = matchTensors(sg, node, t, cond, subgraphInput(cond, i), "cond", "input", i);
    if (b < 0) return false;
    if (matchTensors(sg, node, t, body, subgraphInput(body, i), "body", "input", i) < 0) return false;
    const o = outputIndex(node, i);
    if (matchTensors(sg, node, o, body, subgraphOutput(body, i), "body", "output", i) < 0) return false;
    if (matchTensors(sg, node, o, cond, subgraphInput(cond, i), "cond", "output", i) < 0) return false;
    store<u32>(sizes + (<usize>i << 2), <u32>b);
  }
  return true;
}

// @ts-ignore: decorator
@inline function condition(cond: Subgraph): bool { return load<u8>(tensorData(cond, subgraphOutput(cond, 0))) != 0; }

function evalWhile(sg: Subgraph, node: Node): bool {
  const p = changetype<WhileParams>(node.opData);
  const sizes = changetype<usize>(p) + offsetof<WhileParams>();
  const n = p.count;
  const cond = subgraphOf(sg, p.condIndex);
  const body = subgraphOf(sg, p.bodyIndex);
  copyInputsToCallee(sg, node, 0, cond, sizes, n);
  for (let i = 0; i < n; i++) {
    memory.copy(tensorData(sg, outputIndex(node, i)), tensorData(sg, inputIndex(node, i)), <usize>load<u32>(sizes + (<usize>i << 2)));
  }
  if (!runSubgraph(cond)) return false;
  const limit = whileIterationLimit;
  let iterations: u32 = 0;
  while (condition(cond)) {
    if (limit != 0 && iterations == limit) {
      if (opError(node, "the loop did not end after ")) {
        errInt(<i64>limit, true); errStr(" iterations (the limit set by ml_set_while_limit; 0 removes it)");
      }
      return false;
    }
    iterations++;
    copyOutputsToCallee(sg, node, body, sizes, n);
    if (!runSubgraph(body)) return false;
    copyCalleeToOutputs(sg, node, body, sizes, n);
    copyOutputsToCallee(sg, node, cond, sizes, n);
    if (!runSubgraph(cond)) return false;
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const While = new OpRegistration(prepare, evalWhile);
