// READ_VARIABLE (TFLM read_variable.cc): copies the resource variable whose id is input 0
// into the output. The id is data, so eval checks it and the byte size (TFLM only DCHECKs).

import { Subgraph, Node } from "../graph";
import { errStr, errInt } from "../common/error";
import { OpRegistration, checkCounts, requireInput, getOutput, opFail, opError, allocOpData, inputData, outputData } from "./registry";
import { loadingTable, variableById, isResourceId } from "./resource_variables";

@unmanaged
export class ReadVariableParams {
  table: usize;
  bytes: u32;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 1, 1, 1)) return false;
  const id = requireInput(sg, node, 0);
  if (id === null) return false;
  if (!isResourceId(id, false)) return opFail(node, "input 0 must be a single resource id");
  const table = loadingTable();
  if (table == 0) return false;
  const p = changetype<ReadVariableParams>(allocOpData(node, offsetof<ReadVariableParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.table = table;
  p.bytes = getOutput(sg, node, 0).bytes;
  return true;
}

function evalRead(sg: Subgraph, node: Node): bool {
  const p = changetype<ReadVariableParams>(node.opData);
  const id = load<i32>(inputData(sg, node, 0));
  const v = variableById(p.table, id);
  if (v === null || v.buffer == 0 || v.bytes != p.bytes) {
    if (opError(node, "resource id ")) {
      errInt(id);
      if (v === null) errStr(" is not a variable of this model");
      else if (v.buffer == 0) errStr(" was never given storage: no ASSIGN_VARIABLE of the model sets it");
      else { errStr(" holds "); errInt(v.bytes); errStr(" bytes, the output has "); errInt(p.bytes); }
    }
    return false;
  }
  memory.copy(outputData(sg, node, 0), v.buffer, <usize>p.bytes);
  return true;
}

// @ts-ignore: decorator
@lazy export const ReadVariable = new OpRegistration(prepare, evalRead);
