// VAR_HANDLE (TFLM var_handle.cc): outputs the id of the resource variable named by its
// options (container, shared_name), creating the variable on first sight. TFLM points the
// output at its op data; ours writes the id into the output (a 4-byte RESOURCE tensor).

import { Subgraph, Node, nodeOptions } from "../graph";
import { fbString } from "../schema/flatbuffer";
import { OpRegistration, checkCounts, getOutput, opFail, allocOpData, outputData } from "./registry";
import { VarHandleParams, loadingTable, findOrCreateVariable, isResourceId, resetVariable, ResourceVariable } from "./resource_variables";

// VarHandleOptions field ids.
const OPT_CONTAINER = 0;
const OPT_SHARED_NAME = 1;

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 0, 0, 1)) return false;
  if (!isResourceId(getOutput(sg, node, 0), true)) return opFail(node, "output must be a single resource (or int32) id");
  const options = nodeOptions(node);
  const container = fbString(options, OPT_CONTAINER);
  const sharedName = fbString(options, OPT_SHARED_NAME);
  const table = loadingTable();
  if (table == 0) return false;
  const v = findOrCreateVariable(table, container, sharedName);
  if (v === null) return false;
  const p = changetype<VarHandleParams>(allocOpData(node, offsetof<VarHandleParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.table = table;
  p.variable = changetype<usize>(v);
  p.id = v.id;
  return true;
}

function evalVarHandle(sg: Subgraph, node: Node): bool {
  store<i32>(outputData(sg, node, 0), changetype<VarHandleParams>(node.opData).id);
  return true;
}

/** Every variable has a VAR_HANDLE, so resetting through them resets them all (TFLM ResetAll). */
function reset(sg: Subgraph, node: Node): void {
  resetVariable(changetype<ResourceVariable>(changetype<VarHandleParams>(node.opData).variable));
}

// @ts-ignore: decorator
@lazy export const VarHandle = new OpRegistration(prepare, evalVarHandle, reset);
