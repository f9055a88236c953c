// ASSIGN_VARIABLE (TFLM assign_variable.cc): copies input 1 into the resource variable whose
// id is input 0. Its prepare allocates the variable's buffer from the value's byte size when
// the id is known then (a VAR_HANDLE earlier in the subgraph, or a constant id), as TFLM;
// a variable first assigned elsewhere must have the same byte size. The id is data, so eval
// checks it (and the size) before copying.

import { Subgraph, Node, nodeIndex, inputIndex } from "../graph";
import { errStr, errInt } from "../common/error";
import { OpRegistration, checkCounts, requireInput, opFail, opError, allocOpData, inputData } from "./registry";
import { loadingTable, staticVariable, allocateVariable, variableById, isResourceId } from "./resource_variables";

@unmanaged
export class AssignVariableParams {
  table: usize;
  bytes: u32;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 0)) return false;
  const id = requireInput(sg, node, 0);
  const value = requireInput(sg, node, 1);
  if (id === null || value === null) return false;
  if (!isResourceId(id, true)) return opFail(node, "input 0 must be a single resource (or int32) id");
  const table = loadingTable();
  if (table == 0) return false;
  const v = staticVariable(sg, table, inputIndex(node, 0), nodeIndex(sg, node));
  if (v !== null) {
    if (!allocateVariable(v, value)) return false;
    if (v.bytes != value.bytes) {
      if (opError(node, "value has ")) {
        errInt(value.bytes); errStr(" bytes, resource variable "); errInt(v.id); errStr(" has "); errInt(v.bytes); errStr(" (from its first assignment)");
      }
      return false;
    }
  }
  const p = changetype<AssignVariableParams>(allocOpData(node, offsetof<AssignVariableParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.table = table;
  p.bytes = value.bytes;
  return true;
}

function evalAssign(sg: Subgraph, node: Node): bool {
  const p = changetype<AssignVariableParams>(node.opData);
  const id = load<i32>(inputData(sg, node, 0));
  const v = variableById(p.table, id);
  if (v === null || v.buffer == 0 || v.bytes != p.bytes) {
    if (opError(node, "resource id ")) {
      errInt(id);
      if (v === null) errStr(" is not a variable of this model");
      else if (v.buffer == 0) errStr(" has no storage: no ASSIGN_VARIABLE could size it at load (TFLM fails here too)");
      else { errStr(" holds "); errInt(v.bytes); errStr(" bytes, the value has "); errInt(p.bytes); }
    }
    return false;
  }
  memory.copy(v.buffer, inputData(sg, node, 1), <usize>p.bytes);
  return true;
}

// @ts-ignore: decorator
@lazy export const AssignVariable = new OpRegistration(prepare, evalAssign);
