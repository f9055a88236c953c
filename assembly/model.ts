// Reading a .tflite model: verify the FlatBuffer and build the runtime graph in the arena.
// Every offset, vector and index is checked here, before any op sees the model.

import {
  fbBegin, fbOk, fbTable, fbRef, fbVector, fbString, fbI32, fbU32, fbI8, fbU8, fbBool, fbU64,
  vecLen, vecData, vecI32, vecTable, fbContext, fbMalformed, strEquals,
} from "./schema/flatbuffer";
import {
  ModelField, OperatorCodeField, SubGraphField, TensorField, QuantField, OperatorField,
  BufferField, MetadataField, DType, dtypeSize, errDType, TFLITE_SCHEMA_VERSION,
} from "./schema/tflite";
import { Op, errOpName } from "./schema/builtin_ops";
import { Node, Subgraph, nodeAt, setTensorData, tensorData, numInputs, numOutputs, inputIndex, outputIndex } from "./graph";
import { allocPersistent, allocTemp, tempMark, releaseTemp } from "./arena";
import { errBegin, errStr, errInt, errBytes, hasError } from "./common/error";
import { findRegistration, ALL_OPS } from "./ops/table";
import { OpRegistration } from "./ops/registry";

@unmanaged
export class Model {
  bytes: usize;
  length: usize;
  root: usize;
  buffers: usize;         // vector of Buffer tables
  subgraphs: usize;       // Subgraph[numSubgraphs]
  numSubgraphs: i32;
  /** Offline memory plan (OfflineMemoryAllocation metadata): i32 offsets per tensor, or 0. */
  offlinePlan: usize;
  offlinePlanCount: i32;
  /** Head bytes this model needs (its plan, or prepare's temporary peak if higher) and persistent bytes. */
  plannedBytes: usize;
  persistentBytes: usize;
  /** Arena tail before this model was loaded (to release it when it is the last one). */
  tailBefore: usize;
  ready: bool;
}

/** Makes the model's bytes the FlatBuffer that tensor views and option reads use. */
export function useModel(m: Model): void { fbBegin(m.bytes, m.length); }

// @ts-ignore: decorator
@inline export function subgraphAt(m: Model, i: i32): Subgraph {
  return changetype<Subgraph>(m.subgraphs + <usize>i * offsetof<Subgraph>());
}

/** Validates the file header and returns the root Model table, or 0 with a message. */
function readRoot(bytes: usize, length: usize): usize {
  if (length < 16) {
    if (errBegin("not a TFLite model: file is only ")) { errInt(<i64>length); errStr(" bytes"); }
    return 0;
  }
  // file_identifier "TFL3" at bytes 4..8.
  if (load<u32>(bytes + 4) != 0x334c4654) {
    if (errBegin("not a TFLite model: file identifier is '")) {
      errBytes(bytes + 4, 4); errStr("', expected 'TFL3'");
    }
    return 0;
  }
  const rootOffset = load<u32>(bytes);
  if (<u64>rootOffset + 4 > <u64>length) { fbMalformed(bytes, "root offset points past the end"); return 0; }
  return fbTable(bytes + rootOffset);
}

/** Address and size of buffer `index`'s data (0 size when empty). Sets bufferDataSize. */
export let bufferDataSize: usize = 0;
function bufferData(m: Model, index: u32): usize {
  bufferDataSize = 0;
  const b = vecTable(m.buffers, <i32>index);
  if (b == 0) return 0;
  const data = fbVector(b, BufferField.Data, 1);
  if (data != 0 && vecLen(data) > 0) { bufferDataSize = <usize>vecLen(data); return vecData(data); }
  // Models over 2 GB keep buffers after the FlatBuffer: offset (> 1) and size from the file start.
  const offset = fbU64(b, BufferField.Offset, 0);
  const size = fbU64(b, BufferField.Size, 0);
  if (offset > 1 && size > 0) {
    if (offset > <u64>m.length || size > <u64>m.length - offset) {
      fbMalformed(b, "buffer offset/size runs past the end of the file");
      return 0;
    }
    bufferDataSize = <usize>size;
    return m.bytes + <usize>offset;
  }
  return 0;
}

/** Reads the OfflineMemoryAllocation metadata when present (validated). */
function readOfflinePlan(m: Model): bool {
  const meta = fbVector(m.root, ModelField.Metadata, 4);
  const n = vecLen(meta);
  for (let i = 0; i < n; i++) {
    fbContext("metadata", i);
    const t = vecTable(meta, i);
    if (t == 0) return false;
    if (!strEquals(fbString(t, MetadataField.Name), "OfflineMemoryAllocation")) continue;
    const data = bufferData(m, fbU32(t, MetadataField.Buffer, 0));
    if (!fbOk()) return false;
    // Layout: [version, subgraphs, nbr_offsets, offsets...] as i32.
    if (bufferDataSize < 12 || (bufferDataSize & 3) != 0) { fbMalformed(t, "OfflineMemoryAllocation buffer is too short"); return false; }
    const count = load<i32>(data + 8);
    if (count < 0 || <usize>count > (bufferDataSize - 12) >> 2) { fbMalformed(t, "OfflineMemoryAllocation count exceeds its buffer"); return false; }
    m.offlinePlan = data + 12;
    m.offlinePlanCount = count;
  }
  return true;
}

/**
 * Verifies tensor `index` (shape, dtype, quantization, buffer) and sets its data address:
 * constant data is read in place from the model; other tensors get storage later.
 */
function verifyTensor(m: Model, sg: Subgraph, index: i32, table: usize): bool {
  fbContext("subgraph", sg.index, "tensor", index);
  const type = fbI8(table, TensorField.Type, 0);
  const shape = fbVector(table, TensorField.Shape, 4);
  const name = fbString(table, TensorField.Name);
  if (!fbOk()) return false;
  if (fbRef(table, TensorField.Sparsity) != 0) return tensorError(index, name, "is sparse; sparse tensors are not supported");
  const rank = vecLen(shape);
  if (rank > 8) return tensorError(index, name, "has more than 8 dimensions");
  // Element count, refusing dynamic (-1) and overflowing shapes.
  let count: u64 = 1;
  for (let d = 0; d < rank; d++) {
    const v = vecI32(shape, d);
    if (v < 0) return tensorError(index, name, "has a dynamic (negative) dimension; dynamic shapes are not supported");
    count *= <u64>v;
    if (count > 0x7fffffff) return tensorError(index, name, "has more than 2^31 elements");
  }
  let bytes: u64;
  if (type == DType.INT4) bytes = (count + 1) >> 1;
  else {
    const size = dtypeSize(type);
    if (size == 0) {
      if (errBegin("tensor ")) { errInt(index); errStr(" ("); errName(name); errStr(") has dtype "); errDType(type); errStr(", which is not supported"); }
      return false;
    }
    bytes = count * <u64>size;
  }
  if (bytes > 0x7fffffff) return tensorError(index, name, "is larger than 2 GB");

  // Quantization parameters: scales and zero points agree, per-channel matches the shape.
  const q = fbRef(table, TensorField.Quantization);
  if (q != 0) {
    const scale = fbVector(q, QuantField.Scale, 4);
    const zp = fbVector(q, QuantField.ZeroPoint, 8);
    if (!fbOk()) return false;
    const ns = vecLen(scale);
    const nz = vecLen(zp);
    if (ns > 0) {
      if (nz != 0 && nz != ns) return tensorError(index, name, "has different numbers of scales and zero points");
      // quantized_dimension is not checked here: converters write it loosely on tensors that
      // no kernel reads per channel (biases); ops that use per-channel scales check the count.
      for (let i = 0; i < nz; i++) {
        const z = load<i64>(vecData(zp) + (<usize>i << 3));
        if (z < -2147483648 || z > 2147483647) return tensorError(index, name, "has a zero point out of range");
      }
      for (let i = 0; i < ns; i++) {
        const sc = load<f32>(vecData(scale) + (<usize>i << 2));
        if (!(sc >= 0) || !isFinite<f32>(sc)) return tensorError(index, name, "has a negative or non-finite scale");
      }
    }
  }

  // Data: constant when its buffer holds bytes (at least as many as the shape needs).
  const buffer = fbU32(table, TensorField.Buffer, 0);
  if (buffer >= <u32>vecLen(m.buffers)) {
    if (fbOk()) fbMalformed(table, "buffer index out of range");
    return false;
  }
  const data = bufferData(m, buffer);
  if (!fbOk()) return false;
  const variable = fbBool(table, TensorField.IsVariable, false);
  if (data != 0) {
    if (variable) return tensorError(index, name, "is both variable and constant");
    if (bufferDataSize < <usize>bytes) {
      if (errBegin("malformed model: tensor ")) {
        errInt(index); errStr(" ("); errName(name); errStr(") needs "); errInt(<i64>bytes, true);
        errStr(" bytes, its buffer has "); errInt(<i64>bufferDataSize, true);
      }
      return false;
    }
  }
  setTensorData(sg, index, data);
  return fbOk();
}

function errName(name: usize): void {
  if (name != 0) errBytes(name + 4, vecLen(name)); else errStr("unnamed");
}

function tensorError(index: i32, name: usize, what: string): bool {
  if (errBegin("tensor ")) {
    errInt(index); errStr(" ("); errName(name); errStr(") "); errStr(what);
  }
  return false;
}

/** Validates an i32 index vector: every entry in [lowest, count). */
function checkIndexVector(v: usize, lowest: i32, count: i32, what: string): bool {
  const n = vecLen(v);
  for (let i = 0; i < n; i++) {
    const x = vecI32(v, i);
    if (x < lowest || x >= count) {
      if (errBegin("malformed model: ")) { errStr(what); errStr(" refers to tensor "); errInt(x); errStr(", but the subgraph has "); errInt(count); }
      return false;
    }
  }
  return true;
}

/** Resolves operator code `index` to its registration; null (with a message) when refused. */
function resolveOpcode(m: Model, opcodes: usize, index: i32): OpRegistration | null {
  fbContext("operator code", index);
  const c = vecTable(opcodes, index);
  if (c == 0) return null;
  const deprecated = fbI8(c, OperatorCodeField.DeprecatedBuiltinCode, 0);
  const extended = fbI32(c, OperatorCodeField.BuiltinCode, 0);
  // Newer writers fill builtin_code; older ones only the deprecated byte: take the larger.
  const code = extended > deprecated ? extended : deprecated;
  const version = fbI32(c, OperatorCodeField.Version, 1);
  const custom = code == Op.CUSTOM ? fbString(c, OperatorCodeField.CustomCode) : 0;
  if (!fbOk()) return null;
  const reg = findRegistration(code, custom, version);
  if (reg === null && errBegin("")) {
    if (code == Op.CUSTOM) {
      errStr("custom op '");
      if (custom) errBytes(custom + 4, vecLen(custom));
      errStr("' is not supported");
    } else {
      errOpName(code); errStr(" v"); errInt(version); errStr(" is not supported");
    }
    if (!ALL_OPS) errStr(" by this engine (built with a chosen set of ops)");
  }
  return reg;
}

/** True when tensor `t` holds constant data (read in place from the model). */
// @ts-ignore: decorator
@inline function isConstant(m: Model, sg: Subgraph, t: i32): bool {
  const d = tensorData(sg, t);
  return d >= m.bytes && d < m.bytes + m.length;
}

/** Reads one subgraph: verifies tensors and operators, resolves each operator's registration. */
function readSubgraph(m: Model, sg: Subgraph, table: usize, opcodes: usize): bool {
  const mark = tempMark();
  inputBits = 0;
  const ok = readSubgraphTables(m, sg, table, opcodes);
  releaseTemp(mark);
  return ok;
}

function readSubgraphTables(m: Model, sg: Subgraph, table: usize, opcodes: usize): bool {
  fbContext("subgraph", sg.index);
  const tensors = fbVector(table, SubGraphField.Tensors, 4);
  const inputs = fbVector(table, SubGraphField.Inputs, 4);
  const outputs = fbVector(table, SubGraphField.Outputs, 4);
  const operators = fbVector(table, SubGraphField.Operators, 4);
  if (!fbOk()) return false;
  const numTensors = vecLen(tensors);
  const numNodes = vecLen(operators);
  if (numTensors > 1 << 20 || numNodes > 1 << 20) { fbMalformed(table, "too many tensors or operators"); return false; }
  sg.tensorTables = tensors;
  sg.numTensors = numTensors;
  sg.numNodes = numNodes;
  sg.data = allocPersistent(<usize>numTensors << 2);
  sg.nodes = allocPersistent(<usize>numNodes * offsetof<Node>());
  if ((numTensors > 0 && sg.data == 0) || (numNodes > 0 && sg.nodes == 0)) return false;
  for (let i = 0; i < numTensors; i++) {
    fbContext("subgraph", sg.index, "tensor", i);
    const t = vecTable(tensors, i);
    if (t == 0 || !verifyTensor(m, sg, i, t)) return false;
  }
  if (!checkIndexVector(inputs, 0, numTensors, "subgraph input")) return false;
  if (!checkIndexVector(outputs, 0, numTensors, "subgraph output")) return false;
  // The host writes inputs: never into the model's bytes (constant data is read in place).
  for (let i = 0; i < vecLen(inputs); i++) {
    const t = vecI32(inputs, i);
    if (isConstant(m, sg, t)) {
      if (errBegin("malformed model: subgraph input ")) { errInt(i); errStr(" is constant tensor "); errInt(t); }
      return false;
    }
  }
  sg.inputs = inputs;
  sg.outputs = outputs;

  const numOpcodes = vecLen(opcodes);
  for (let i = 0; i < numNodes; i++) {
    fbContext("subgraph", sg.index, "operator", i);
    const op = vecTable(operators, i);
    if (op == 0) return false;
    const node = nodeAt(sg, i);
    node.op = op;
    const opcodeIndex = fbU32(op, OperatorField.OpcodeIndex, 0);
    const ins = fbVector(op, OperatorField.Inputs, 4);
    const outs = fbVector(op, OperatorField.Outputs, 4);
    const inter = fbVector(op, OperatorField.Intermediates, 4);
    fbRef(op, OperatorField.BuiltinOptions);
    fbRef(op, OperatorField.BuiltinOptions2);
    fbVector(op, OperatorField.CustomOptions, 1);
    if (!fbOk()) return false;
    if (opcodeIndex >= <u32>numOpcodes) { fbMalformed(op, "opcode index out of range"); return false; }
    const reg = resolveOpcode(m, opcodes, <i32>opcodeIndex);
    if (reg === null) return false;
    node.registration = changetype<usize>(reg);
    if (!checkIndexVector(ins, -1, numTensors, "an operator input")) return false;
    if (!checkIndexVector(outs, 0, numTensors, "an operator output")) return false;
    if (!checkIndexVector(inter, 0, numTensors, "an operator intermediate")) return false;
    node.inputs = ins ? ins : emptyVector();
    node.outputs = outs ? outs : emptyVector();
    // An op must not write constants (the model bytes) nor read what it writes.
    const many = <i64>numInputs(node) * <i64>numOutputs(node) > PAIRS_COMPARED_MAX;
    if (many && !markInputs(node, numTensors, true)) return false;
    for (let o = 0; o < numOutputs(node); o++) {
      const out = outputIndex(node, o);
      if (isConstant(m, sg, out)) {
        if (errBegin("malformed model: operator ")) { errInt(i); errStr(" writes to constant tensor "); errInt(out); }
        return false;
      }
      if (many ? isMarked(out) : readsTensor(node, out)) {
        if (errBegin("malformed model: operator ")) { errInt(i); errStr(" reads its own output tensor "); errInt(out); }
        return false;
      }
    }
    if (many) markInputs(node, numTensors, false);
  }
  inputBits = 0;
  return true;
}

// Operators with many inputs and outputs (hostile ones: real ops have a few) are checked
// against a bitmap of their inputs instead of pair by pair, which would be quadratic.
const PAIRS_COMPARED_MAX: i64 = 4096;
/** One bit per tensor of the subgraph being read (temporary memory, zeroed), or 0. */
let inputBits: usize = 0;

function readsTensor(node: Node, t: i32): bool {
  for (let k = 0; k < numInputs(node); k++) if (inputIndex(node, k) == t) return true;
  return false;
}

/** Sets (or clears again) the bits of the node's inputs; false when temporary memory ran out. */
function markInputs(node: Node, numTensors: i32, on: bool): bool {
  if (inputBits == 0) {
    const bytes = <usize>((numTensors + 31) >> 5) << 2;
    inputBits = allocTemp(bytes);
    if (inputBits == 0) return false;
    memory.fill(inputBits, 0, bytes);
  }
  for (let k = 0; k < numInputs(node); k++) {
    const t = inputIndex(node, k);
    if (t < 0) continue;
    const w = inputBits + (<usize>(t >> 5) << 2);
    const bit = <u32>1 << <u32>(t & 31);
    store<u32>(w, on ? load<u32>(w) | bit : load<u32>(w) & ~bit);
  }
  return true;
}

// @ts-ignore: decorator
@inline function isMarked(t: i32): bool {
  return ((load<u32>(inputBits + (<usize>(t >> 5) << 2)) >> <u32>(t & 31)) & 1) != 0;
}

/** A zero-length vector (static), for operators without inputs or outputs. */
function emptyVector(): usize { return EMPTY_VECTOR; }
const EMPTY_VECTOR: usize = memory.data(8);

/**
 * Verifies the model at [bytes, bytes+length) and builds its graph in the current arena.
 * Returns the Model (persistent) or null with a message.
 */
export function readModel(bytes: usize, length: usize): Model | null {
  fbBegin(bytes, length);
  const root = readRoot(bytes, length);
  if (root == 0) return null;
  const version = fbU32(root, ModelField.Version, 0);
  if (!fbOk()) return null;
  if (version != TFLITE_SCHEMA_VERSION) {
    if (errBegin("model schema version ")) { errInt(version); errStr(" is not supported (expected 3)"); }
    return null;
  }
  const mp = allocPersistent(offsetof<Model>());
  if (mp == 0) return null;
  const m = changetype<Model>(mp);
  m.bytes = bytes;
  m.length = length;
  m.root = root;
  const opcodes = fbVector(root, ModelField.OperatorCodes, 4);
  const subgraphs = fbVector(root, ModelField.Subgraphs, 4);
  m.buffers = fbVector(root, ModelField.Buffers, 4);
  if (!fbOk()) return null;
  const n = vecLen(subgraphs);
  if (n == 0) { if (errBegin("model has no subgraphs")) {} return null; }
  if (n > 4096) { fbMalformed(root, "too many subgraphs"); return null; }
  if (!readOfflinePlan(m)) return null;
  m.numSubgraphs = n;
  m.subgraphs = allocPersistent(<usize>n * offsetof<Subgraph>());
  if (m.subgraphs == 0) return null;
  for (let i = 0; i < n; i++) {
    const sg = subgraphAt(m, i);
    sg.index = i;
    sg.model = mp;
    fbContext("subgraph", i);
    const t = vecTable(subgraphs, i);
    if (t == 0 || !readSubgraph(m, sg, t, opcodes)) return null;
  }
  return hasError() ? null : m;
}
