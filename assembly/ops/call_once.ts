// CALL_ONCE (TFLM call_once.cc): runs the init subgraph at the first invoke, then does
// nothing. Used by converted models to initialise resource variables.
//
// Reset: TFLM's CALL_ONCE has no reset function, so after MicroInterpreter::Reset() (which
// sets resource variables back to their zero point) the init subgraph never runs again and
// the variables stay zero. Ours re-arms it: reset() means "as right after load" here, so the
// init subgraph runs again at the next invoke.

import { Subgraph, Node } from "../graph";
import { OpRegistration, checkCounts, allocOpData } from "./registry";
import { calleeAt, checkCallee, subgraphOf, runSubgraph } from "./control_flow";

@unmanaged
export class CallOnceParams {
  initIndex: i32;
  hasRun: bool;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 0, 0, 0)) return false;
  const index = calleeAt(node, 0);
  if (!checkCallee(sg, node, index, "init")) return false;
  const p = changetype<CallOnceParams>(allocOpData(node, offsetof<CallOnceParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.initIndex = index;
  return true;
}

function evalCallOnce(sg: Subgraph, node: Node): bool {
  const p = changetype<CallOnceParams>(node.opData);
  if (p.hasRun) return true;
  if (!runSubgraph(subgraphOf(sg, p.initIndex))) return false;
  p.hasRun = true; // only after a successful run, as TFLM
  return true;
}

function reset(sg: Subgraph, node: Node): void {
  changetype<CallOnceParams>(node.opData).hasRun = false;
}

// @ts-ignore: decorator
@lazy export const CallOnce = new OpRegistration(prepare, evalCallOnce, reset);
