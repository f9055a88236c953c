// Every subgraph of a loaded model, for `microlite inspect`: ops and tensors of subgraphs
// other than 0 are read from the model's bytes (which the engine keeps in linear memory:
// ml_model_data / ml_model_length), since the ml_op_* / ml_tensor_* exports cover subgraph 0
// only; planned offsets, byte sizes and scratch buffers come from the ml_subgraph_* exports.
// The engine exports no lifetimes: nestedLifetimes() recomputes the planner's
// (assembly/planner/model_plan.ts, walk()).

import type { Microlite, Model, OpInfo, TensorInfo, DType } from './index.js';

// By TensorType value (as bindings/index.ts).
const DTYPE_NAMES = ('float32 float16 int32 uint8 int64 string bool int16 complex64 int8 float64 complex128 uint64 resource '
  + 'variant uint32 uint16 int4').split(' ') as DType[];

// TFLite schema field ids.
const MODEL_OPCODES = 1, MODEL_SUBGRAPHS = 2, MODEL_BUFFERS = 4;
const OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_VERSION = 2, OPCODE_BUILTIN = 3;
const SG_TENSORS = 0, SG_INPUTS = 1, SG_OUTPUTS = 2, SG_OPERATORS = 3, SG_NAME = 4;
const OP_OPCODE_INDEX = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS = 4;
const TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3, TENSOR_QUANT = 4, TENSOR_VARIABLE = 5;
const QUANT_SCALE = 2, QUANT_ZERO_POINT = 3;
const BUFFER_DATA = 0, BUFFER_OFFSET = 1;
// IF (then, else), WHILE (cond, body), CALL_ONCE (init): subgraph indices in options fields 0 and 1.
const CALLS: Record<number, number> = { 118: 2, 119: 2, 129: 1 };

/** A minimal FlatBuffer reader; DataView bounds-checks every read (the engine verified the file at load). */
class Tables {
  private readonly v: DataView;
  constructor(bytes: Uint8Array) { this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength); }
  private u32(at: number): number { return this.v.getUint32(at, true); }
  field(table: number, id: number): number {
    const vt = table - this.v.getInt32(table, true);
    const slot = 4 + 2 * id;
    if (slot >= this.v.getUint16(vt, true)) return 0;
    const rel = this.v.getUint16(vt + slot, true);
    return rel ? table + rel : 0;
  }
  private ref(at: number): number { return at + this.u32(at); }
  root(): number { return this.u32(0); }
  table(t: number, id: number): number { const f = this.field(t, id); return f ? this.ref(f) : 0; }
  tables(t: number, id: number): number[] {
    const vec = this.table(t, id);
    return vec ? Array.from({ length: this.u32(vec) }, (_, i) => this.ref(vec + 4 + 4 * i)) : [];
  }
  vecLength(t: number, id: number): number { const vec = this.table(t, id); return vec ? this.u32(vec) : 0; }
  i32s(t: number, id: number): number[] {
    const vec = this.table(t, id);
    return vec ? Array.from({ length: this.u32(vec) }, (_, i) => this.v.getInt32(vec + 4 + 4 * i, true)) : [];
  }
  firstF32(t: number, id: number): number { const vec = this.table(t, id); return vec && this.u32(vec) ? this.v.getFloat32(vec + 4, true) : 0; }
  firstI64(t: number, id: number): number { const vec = this.table(t, id); return vec && this.u32(vec) ? Number(this.v.getBigInt64(vec + 4, true)) : 0; }
  i32(t: number, id: number, dflt = 0): number { const f = this.field(t, id); return f ? this.v.getInt32(f, true) : dflt; }
  u32At(t: number, id: number): number { const f = this.field(t, id); return f ? this.u32(f) : 0; }
  i8(t: number, id: number, dflt = 0): number { const f = this.field(t, id); return f ? this.v.getInt8(f) : dflt; }
  u64(t: number, id: number): number { const f = this.field(t, id); return f ? Number(this.v.getBigUint64(f, true)) : 0; }
  string(t: number, id: number): string {
    const s = this.table(t, id);
    return s ? new TextDecoder().decode(new Uint8Array(this.v.buffer, this.v.byteOffset + s + 4, this.u32(s))) : '';
  }
}

/** One subgraph: its ops (with the subgraphs each calls) and tensors, as the engine prepared them. */
export interface SubgraphInfo {
  index: number;
  name: string;
  ops: OpInfo[];
  /** Per op: the subgraphs it calls (IF: then, else; WHILE: cond, body; CALL_ONCE: init), else []. */
  calls: number[][];
  tensors: TensorInfo[];
  inputs: number[];
  outputs: number[];
}

/** Every subgraph of `model` (subgraph 0's ops and tensors from the engine's own exports). */
export function readSubgraphs(engine: Microlite, model: Model, ops0?: OpInfo[], tensors0?: TensorInfo[]): SubgraphInfo[] {
  const e = engine.abi.exports;
  const h = model.id;
  const bytes = new Uint8Array(e.memory.buffer, e.ml_model_data(h), e.ml_model_length(h)).slice();
  const f = new Tables(bytes);
  const root = f.root();
  const opcodes = f.tables(root, MODEL_OPCODES).map((c) => ({
    code: Math.max(f.i8(c, OPCODE_DEPRECATED_BUILTIN), f.i32(c, OPCODE_BUILTIN)),
    custom: f.string(c, OPCODE_CUSTOM),
    version: f.i32(c, OPCODE_VERSION, 1),
  }));
  const buffers = f.tables(root, MODEL_BUFFERS);
  const count = e.ml_subgraph_count(h);
  return f.tables(root, MODEL_SUBGRAPHS).slice(0, count).map((sg, s) => {
    const opTables = f.tables(sg, SG_OPERATORS);
    const calls = opTables.map((op) => {
      const n = CALLS[opcodes[f.u32At(op, OP_OPCODE_INDEX)]?.code ?? -1] ?? 0;
      const options = f.table(op, OP_OPTIONS);
      return Array.from({ length: n }, (_, i) => (options ? f.i32(options, i) : 0));
    });
    const inputs = f.i32s(sg, SG_INPUTS);
    const outputs = f.i32s(sg, SG_OUTPUTS);
    if (s === 0) return { index: 0, name: f.string(sg, SG_NAME), ops: ops0 ?? model.ops, calls, tensors: tensors0 ?? model.tensors, inputs, outputs };
    const ops: OpInfo[] = opTables.map((op, k) => {
      const c = opcodes[f.u32At(op, OP_OPCODE_INDEX)] ?? { code: -1, custom: '', version: 0 };
      const info: OpInfo = { index: k, code: c.code, op: engine.opName(c.code), version: c.version, inputs: f.i32s(op, OP_INPUTS), outputs: f.i32s(op, OP_OUTPUTS) };
      if (c.custom) info.customName = c.custom;
      return info;
    });
    const tensors: TensorInfo[] = f.tables(sg, SG_TENSORS).map((t, i) => {
      const quant = f.table(t, TENSOR_QUANT);
      const buffer = buffers[f.u32At(t, TENSOR_BUFFER)];
      const constant = buffer !== undefined && f.u32At(t, TENSOR_BUFFER) > 0 && (f.vecLength(buffer, BUFFER_DATA) > 0 || f.u64(buffer, BUFFER_OFFSET) > 1);
      const planOffset = e.ml_subgraph_tensor_offset(h, s, i);
      return {
        index: i, name: f.string(t, TENSOR_NAME), dtype: DTYPE_NAMES[f.i8(t, TENSOR_TYPE)] ?? 'variant', shape: f.i32s(t, TENSOR_SHAPE),
        bytes: e.ml_subgraph_tensor_bytes(h, s, i), scale: quant ? f.firstF32(quant, QUANT_SCALE) : 0, zeroPoint: quant ? f.firstI64(quant, QUANT_ZERO_POINT) : 0,
        kind: planOffset >= 0 ? 'planned' : f.i8(t, TENSOR_VARIABLE) ? 'variable' : constant ? 'constant' : 'unused',
        isInput: inputs.includes(i), isOutput: outputs.includes(i), planOffset,
      };
    });
    return { index: s, name: f.string(sg, SG_NAME), ops, calls, tensors, inputs, outputs };
  });
}

/** Lifetimes (first and last scope) of every tensor and op of every subgraph, and what each scope is. */
export interface NestedLifetimes {
  /** [subgraph][tensor]: [first, last] scope, [-1, -1] when no op walked from subgraph 0 touches it. */
  tensors: Array<Array<[number, number]>>;
  /** [subgraph][op]: the op's own scope and the last scope of its callees (its scratch buffers live there). */
  ops: Array<Array<[number, number]>>;
  /** What happens at each scope: "inputs", an op, or entering a called subgraph. */
  scopes: string[];
}

const CALL_ROLES: Record<string, string[]> = { IF: ['then', 'else'], WHILE: ['cond', 'body'], CALL_ONCE: ['init'] };

/**
 * The planner's scopes (TFLM's nested lifetimes): walking from subgraph 0, each op takes the
 * next scope; an op that calls subgraphs opens one scope per callee and walks it there, so the
 * callee's tensors live inside the op's span, the op's outputs from its scope and its inputs
 * until after its callees. Subgraph inputs are alive from the subgraph's entry scope, its
 * outputs to its last. A subgraph called from several places lives from its first call to its last.
 */
export function nestedLifetimes(subgraphs: SubgraphInfo[]): NestedLifetimes {
  const tensors = subgraphs.map((sg) => sg.tensors.map((): [number, number] => [-1, -1]));
  const ops = subgraphs.map((sg) => sg.ops.map((): [number, number] => [-1, -1]));
  const scopes = ['inputs'];
  let scope = 0;
  let entry = 0;
  const touch = (s: number, t: number, at: number, open: boolean) => {
    const life = tensors[s][t];
    if (t < 0 || !life) return;
    if (life[0] < 0) life[0] = open ? at : entry; // read before written: alive from the entry
    if (!open || life[1] < at) life[1] = at;
  };
  const walk = (s: number, depth: number) => {
    const sg = subgraphs[s];
    if (!sg || depth > 64) return; // the engine refuses deeper nesting at load
    const saved = entry;
    entry = scope;
    for (const t of sg.inputs) touch(s, t, scope, true);
    sg.ops.forEach((op, k) => {
      const opScope = ++scope;
      scopes.push(`${s > 0 ? `sg${s} ` : ''}${op.customName ?? op.op}`);
      for (const t of op.outputs) touch(s, t, scope, true);
      const calls = sg.calls[k];
      calls.forEach((c, i) => {
        scope++;
        scopes.push(`  enter sg${c} (${CALL_ROLES[op.op]?.[i] ?? 'call'} of ${s > 0 ? `sg${s} ` : ''}op ${k})`);
        walk(c, depth + 1);
      });
      for (const t of op.inputs) touch(s, t, scope, false);
      if (calls.length) for (const t of op.outputs) touch(s, t, scope, false);
      const life = ops[s][k];
      if (life[0] < 0) life[0] = opScope;
      life[1] = scope;
    });
    for (const t of sg.outputs) touch(s, t, scope, true);
    entry = saved;
  };
  walk(0, 0);
  return { tensors, ops, scopes };
}
