// Resource variables of a model (TFLM micro_resource_variable.cc): VAR_HANDLE finds or
// creates a variable by (container, shared_name) and outputs its id (a RESOURCE tensor holds
// the id as an i32); ASSIGN_VARIABLE allocates the variable's buffer in its prepare, from the
// value's byte size, filled with the value's zero point (int8-cast, as TFLM's memset) or 0;
// READ_VARIABLE copies it out. Reset fills every buffer with its default again.
//
// Variables are per model: one table per load, created by the first op that needs it; ids
// count up in prepare order (subgraph by subgraph), as TFLM. Entries and buffers are
// persistent; the table is a linked list (models hold a handful of variables).

import { Subgraph, Node, nodeAt, nodeOpcode, numOutputs, outputIndex, readTensorView, Tensor, TensorFlag } from "../graph";
import { Op } from "../schema/builtin_ops";
import { vecLen } from "../schema/flatbuffer";
import { DType } from "../schema/tflite";
import { allocPersistent, setPersistentKind, PersistentKind } from "../arena";

@unmanaged
export class ResourceVariable {
  next: usize;
  id: i32;
  /** FlatBuffer strings in the model (length word, bytes), or 0. */
  container: usize;
  sharedName: usize;
  /** The value's storage (persistent), 0 until an ASSIGN_VARIABLE prepare allocates it. */
  buffer: usize;
  bytes: u32;
  defaultByte: u8;
}

@unmanaged
export class ResourceTable {
  first: usize;
  last: usize;
  count: i32;
}

let loading: usize = 0;

/** Called when a model starts loading: its variables get a new table. */
export function beginVariables(): void { loading = 0; }

/** The table of the model being loaded (created on first use); 0 when out of memory. */
export function loadingTable(): usize {
  if (loading == 0) loading = allocPersistent(offsetof<ResourceTable>());
  return loading;
}

/** Equal FlatBuffer strings; an absent string reads as empty. */
function sameString(a: usize, b: usize): bool {
  const n = vecLen(a);
  if (n != vecLen(b)) return false;
  return n == 0 || memory.compare(a + 4, b + 4, <usize>n) == 0;
}

/**
 * The variable named (container, sharedName) in `table`, created when absent. As TFLM, an
 * absent container matches any container. Returns 0 when out of memory.
 */
export function findOrCreateVariable(table: usize, container: usize, sharedName: usize): ResourceVariable | null {
  const t = changetype<ResourceTable>(table);
  for (let p = t.first; p != 0; p = changetype<ResourceVariable>(p).next) {
    const v = changetype<ResourceVariable>(p);
    if ((container == 0 || sameString(container, v.container)) && sameString(sharedName, v.sharedName)) return v;
  }
  const p = allocPersistent(offsetof<ResourceVariable>());
  if (p == 0) return null;
  const v = changetype<ResourceVariable>(p);
  v.id = t.count++;
  v.container = container;
  v.sharedName = sharedName;
  if (t.last != 0) changetype<ResourceVariable>(t.last).next = p; else t.first = p;
  t.last = p;
  return v;
}

/** The variable with id `id`, or null. */
export function variableById(table: usize, id: i32): ResourceVariable | null {
  const t = changetype<ResourceTable>(table);
  if (id < 0 || id >= t.count) return null;
  let p = t.first;
  for (let i = 0; i < id; i++) p = changetype<ResourceVariable>(p).next;
  return changetype<ResourceVariable>(p);
}

/** Allocates the variable's buffer for a value like `value` (first ASSIGN_VARIABLE prepare). */
export function allocateVariable(v: ResourceVariable, value: Tensor): bool {
  if (v.buffer != 0) return true;
  const kind = setPersistentKind(PersistentKind.Variables);
  const p = allocPersistent(<usize>value.bytes);
  setPersistentKind(kind);
  if (p == 0) return false;
  v.buffer = p;
  v.bytes = value.bytes;
  v.defaultByte = value.quantized != 0 ? <u8>value.zeroPoint : 0;
  memory.fill(p, v.defaultByte, <usize>v.bytes);
  return true;
}

/** Fills the variable with its default value (reset). */
export function resetVariable(v: ResourceVariable): void {
  if (v.buffer != 0) memory.fill(v.buffer, v.defaultByte, <usize>v.bytes);
}

/** VAR_HANDLE op data (read by ASSIGN_VARIABLE / READ_VARIABLE prepare). */
@unmanaged
export class VarHandleParams {
  table: usize;
  variable: usize;
  id: i32;
}

const idView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/**
 * The variable input 0 of `node` (op `k` of `sg`) refers to, when known before eval: the id
 * of a constant tensor, or the output of a VAR_HANDLE earlier in the same subgraph (what
 * TFLM can see in prepare). Null otherwise (e.g. a resource passed in as a subgraph input).
 */
export function staticVariable(sg: Subgraph, table: usize, t: i32, k: i32): ResourceVariable | null {
  readTensorView(sg, t, idView);
  if ((idView.flags & TensorFlag.Constant) != 0) return variableById(table, load<i32>(idView.data));
  for (let j = k - 1; j >= 0; j--) {
    const producer = nodeAt(sg, j);
    if (numOutputs(producer) < 1 || outputIndex(producer, 0) != t) continue;
    if (nodeOpcode(producer) != Op.VAR_HANDLE || producer.opData == 0) return null;
    return changetype<ResourceVariable>(changetype<VarHandleParams>(producer.opData).variable);
  }
  return null;
}

/** A resource id tensor: RESOURCE (or INT32, which TFLM's ASSIGN_VARIABLE also takes), one element. */
export function isResourceId(t: Tensor, allowInt32: bool): bool {
  const type = <i32>t.type;
  return (type == DType.RESOURCE || (allowInt32 && type == DType.INT32)) && t.bytes == 4;
}
