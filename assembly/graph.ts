// Runtime structures of a loaded model. Persistent ones are kept small (the arena is the
// budget): per tensor only its data address; per operator its registration, op data and
// where its tensor lists are in the model. Everything else (shape, dtype, quantization) is
// read in place from the verified model when prepare or the host asks, into a Tensor view.

import {
  vecLen, vecTable, fbVector, fbString, fbI8, fbRef, fbBool, vecData, fbBase, fbSize, fbTable, fbU32, fbI32, fbU8,
} from "./schema/flatbuffer";
import { TensorField, QuantField, DType, dtypeSize, OperatorField, OperatorCodeField, ModelField } from "./schema/tflite";
import { Op } from "./schema/builtin_ops";
import { blockAlloc, blockFree } from "./common/blocks";

/** Tensor flags (of a view). */
export const enum TensorFlag {
  Constant = 1,   // data points into the model's buffers
  Variable = 2,   // persistent, reset at load and reset(), kept across invokes
  Planned = 4,    // data lives in the planned head area
  // The next two are not set by readTensorView (finding them scans the subgraph's input and
  // output lists, which would make reading every tensor quadratic): see tensorIoFlags.
  ModelInput = 8,
  ModelOutput = 16,
  Unused = 32,    // no op reads or writes it: no storage
}

/**
 * A tensor as prepare (and the host) sees it: built on demand from the model, in temporary
 * memory during prepare. Eval uses only data addresses (inputData/outputData).
 */
@unmanaged
export class Tensor {
  data: usize;
  bytes: u32;
  type: u8;
  rank: u8;
  /** Non-zero when the tensor has quantization parameters (a scale). */
  quantized: u8;
  reserved: u8;
  flags: i32;
  /** Address of `rank` i32 dims (the model's shape vector, read in place). */
  dims: usize;
  scale: f32;
  zeroPoint: i32;
  /** QuantizationParameters table (per-channel vectors are read from it), or 0. */
  quantTable: usize;
  /** Name: a FlatBuffer string (u32 length, then bytes), or 0. */
  name: usize;
  index: i32;
}

@unmanaged
export class Node {
  /** The OpRegistration (address of its static object). */
  registration: usize;
  /** Per-op data allocated by prepare (persistent), or 0. */
  opData: usize;
  /** Tensor index vectors in the model (address of the length word); -1 marks an omitted input. */
  inputs: usize;
  outputs: usize;
  /** The Operator table in the model (options, intermediates, opcode). */
  op: usize;
}

@unmanaged
export class Subgraph {
  /** The model's vector of Tensor tables. */
  tensorTables: usize;
  /** Data address of each tensor: usize[numTensors]. */
  data: usize;
  numTensors: i32;
  nodes: usize;       // Node[numNodes]
  numNodes: i32;
  inputs: usize;      // i32 vector in the model (length word address), or 0
  outputs: usize;
  /** Scratch buffers requested in prepare (ScratchBuffer[numScratch]). */
  scratch: usize;
  numScratch: i32;
  scratchCapacity: i32;
  index: i32;
  /** The Model this subgraph belongs to (for control-flow ops that call other subgraphs). */
  model: usize;
}

@unmanaged
export class ScratchBuffer {
  bytes: u32;
  node: i32;
  data: usize;
}

// @ts-ignore: decorator
@inline export function nodeAt(sg: Subgraph, index: i32): Node {
  return changetype<Node>(sg.nodes + <usize>index * offsetof<Node>());
}
// @ts-ignore: decorator
@inline export function nodeIndex(sg: Subgraph, node: Node): i32 {
  return <i32>((changetype<usize>(node) - sg.nodes) / offsetof<Node>());
}
// @ts-ignore: decorator
@inline export function numInputs(node: Node): i32 { return vecLen(node.inputs); }
// @ts-ignore: decorator
@inline export function numOutputs(node: Node): i32 { return vecLen(node.outputs); }
// @ts-ignore: decorator
@inline export function inputIndex(node: Node, i: i32): i32 { return load<i32>(node.inputs + 4 + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function outputIndex(node: Node, i: i32): i32 { return load<i32>(node.outputs + 4 + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function tensorData(sg: Subgraph, index: i32): usize { return load<usize>(sg.data + (<usize>index << 2)); }
// @ts-ignore: decorator
@inline export function setTensorData(sg: Subgraph, index: i32, p: usize): void { store<usize>(sg.data + (<usize>index << 2), p); }
// @ts-ignore: decorator
@inline export function subgraphInput(sg: Subgraph, i: i32): i32 { return load<i32>(sg.inputs + 4 + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function subgraphOutput(sg: Subgraph, i: i32): i32 { return load<i32>(sg.outputs + 4 + (<usize>i << 2)); }

// @ts-ignore: decorator
@inline export function dim(t: Tensor, i: i32): i32 { return load<i32>(t.dims + (<usize>i << 2)); }

/** Number of elements (the product of dims). */
export function elementCount(t: Tensor): i32 {
  let n = 1;
  for (let i = 0; i < <i32>t.rank; i++) n *= dim(t, i);
  return n;
}

/** Product of dims in [from, to). */
export function flatSize(t: Tensor, from: i32, to: i32): i32 {
  let n = 1;
  for (let i = from; i < to; i++) n *= dim(t, i);
  return n;
}

/** ModelInput / ModelOutput flag bits of tensor `index` (O(inputs + outputs)). */
export function tensorIoFlags(sg: Subgraph, index: i32): i32 {
  let f = 0;
  for (let i = 0; i < vecLen(sg.inputs); i++) if (subgraphInput(sg, i) == index) f |= TensorFlag.ModelInput;
  for (let i = 0; i < vecLen(sg.outputs); i++) if (subgraphOutput(sg, i) == index) f |= TensorFlag.ModelOutput;
  return f;
}

// Hosts ask for the flags of every tensor (ml_tensor_flags), which with long input/output
// lists would scan them once per tensor. Past IO_SCAN_MAX entries a bitmap of one subgraph
// (2 bits per tensor, from the block allocator: not arena memory) answers instead; it is
// rebuilt when another model (handles are never reused) or subgraph is asked about.
const IO_SCAN_MAX: i32 = 64;
let ioKey: i32 = 0;
let ioSubgraph: usize = 0;
let ioBits: usize = 0;

/** tensorIoFlags for host queries about model `handle`: O(1) after the first query. */
export function tensorIoFlagsFor(handle: i32, sg: Subgraph, index: i32): i32 {
  const ins = vecLen(sg.inputs), outs = vecLen(sg.outputs);
  if (ins + outs <= IO_SCAN_MAX) return tensorIoFlags(sg, index);
  if (ioKey != handle || ioSubgraph != changetype<usize>(sg) || ioBits == 0) {
    if (ioBits != 0) blockFree(ioBits);
    const bytes = <usize>((sg.numTensors + 15) >> 4) << 2;
    ioBits = blockAlloc(bytes);
    if (ioBits == 0) { ioKey = 0; return tensorIoFlags(sg, index); }
    memory.fill(ioBits, 0, bytes);
    for (let i = 0; i < ins; i++) setIoBit(subgraphInput(sg, i), 0);
    for (let i = 0; i < outs; i++) setIoBit(subgraphOutput(sg, i), 1);
    ioKey = handle;
    ioSubgraph = changetype<usize>(sg);
  }
  const bits = (load<u32>(ioBits + (<usize>(index >> 4) << 2)) >> <u32>((index & 15) << 1)) & 3;
  return ((bits & 1) != 0 ? TensorFlag.ModelInput : 0) | ((bits & 2) != 0 ? TensorFlag.ModelOutput : 0);
}

function setIoBit(t: i32, which: i32): void {
  if (t < 0) return;
  const w = ioBits + (<usize>(t >> 4) << 2);
  store<u32>(w, load<u32>(w) | (<u32>1 << <u32>(((t & 15) << 1) + which)));
}

/**
 * Fills `view` for tensor `index` of `sg` from the (verified) model, whose bytes must be the
 * current FlatBuffer (useModel). The loader has checked every field read here.
 */
export function readTensorView(sg: Subgraph, index: i32, view: Tensor): Tensor {
  const table = vecTable(sg.tensorTables, index);
  const shape = fbVector(table, TensorField.Shape, 4);
  view.index = index;
  view.type = <u8>fbI8(table, TensorField.Type, 0);
  view.rank = <u8>vecLen(shape);
  view.dims = shape ? vecData(shape) : 0;
  view.name = fbString(table, TensorField.Name);
  view.data = tensorData(sg, index);
  view.quantTable = 0;
  view.quantized = 0;
  view.scale = 0;
  view.zeroPoint = 0;
  const q = fbRef(table, TensorField.Quantization);
  if (q != 0) {
    const scale = fbVector(q, QuantField.Scale, 4);
    if (vecLen(scale) > 0) {
      const zp = fbVector(q, QuantField.ZeroPoint, 8);
      view.quantTable = q;
      view.quantized = 1;
      view.scale = load<f32>(vecData(scale));
      view.zeroPoint = vecLen(zp) > 0 ? <i32>load<i64>(vecData(zp)) : 0;
    }
  }
  let count: u64 = 1;
  for (let d = 0; d < <i32>view.rank; d++) count *= <u64>dim(view, d);
  view.bytes = <i32>view.type == DType.INT4 ? <u32>((count + 1) >> 1) : <u32>(count * <u64>dtypeSize(view.type));
  let flags = 0;
  const d = view.data;
  if (fbBool(table, TensorField.IsVariable, false)) flags |= TensorFlag.Variable;
  else if (d >= fbBase() && d < fbBase() + fbSize()) flags |= TensorFlag.Constant; // read in place
  else if (d != 0) flags |= TensorFlag.Planned;
  else flags |= TensorFlag.Unused;
  view.flags = flags;
  return view;
}

// ---- operator details, read from the model (current FlatBuffer) --------------------------

function operatorCode(node: Node): usize {
  const root = fbTable(fbBase() + load<u32>(fbBase()));
  return vecTable(fbVector(root, ModelField.OperatorCodes, 4), <i32>fbU32(node.op, OperatorField.OpcodeIndex, 0));
}

/** The node's builtin operator code (Op.CUSTOM for custom ops). */
export function nodeOpcode(node: Node): i32 {
  const c = operatorCode(node);
  const deprecated = fbI8(c, OperatorCodeField.DeprecatedBuiltinCode, 0);
  const extended = fbI32(c, OperatorCodeField.BuiltinCode, 0);
  return extended > deprecated ? extended : deprecated;
}

/** The node's operator version. */
export function nodeVersion(node: Node): i32 {
  return fbI32(operatorCode(node), OperatorCodeField.Version, 1);
}

/** The custom op's name (a FlatBuffer string) or 0. */
export function nodeCustomName(node: Node): usize {
  return nodeOpcode(node) == Op.CUSTOM ? fbString(operatorCode(node), OperatorCodeField.CustomCode) : 0;
}

/** The builtin options table (BuiltinOptions or BuiltinOptions2), or 0 (defaults apply). */
export function nodeOptions(node: Node): usize {
  const o = fbRef(node.op, OperatorField.BuiltinOptions);
  return o != 0 ? o : fbRef(node.op, OperatorField.BuiltinOptions2);
}

/** The union type of the builtin options (BuiltinOptions enum), 0 when none. */
export function nodeOptionsType(node: Node): i32 { return fbU8(node.op, OperatorField.BuiltinOptionsType, 0); }

/** Custom options bytes (a FlatBuffer byte vector: length word, then bytes) or 0. */
export function nodeCustomOptions(node: Node): usize { return fbVector(node.op, OperatorField.CustomOptions, 1); }

/** Intermediate tensor indices (an i32 vector) or 0. */
export function nodeIntermediates(node: Node): usize { return fbVector(node.op, OperatorField.Intermediates, 4); }
