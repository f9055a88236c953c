// Test-model builder: writes small .tflite files with the `flatbuffers` package's Builder,
// addressing TFLite schema fields by id (the ids are facts of schema.fbs; no generated code).
//
//   const m = new ModelBuilder();
//   const x = m.tensor({ dtype: 'int8', shape: [1, 4], scale: 0.5, zeroPoint: -1, name: 'x' });
//   const w = m.constant({ dtype: 'int8', shape: [2, 4], data: new Int8Array(8), scale: [0.1, 0.2], quantizedDimension: 0 });
//   const y = m.tensor({ dtype: 'int8', shape: [1, 2], scale: 1, zeroPoint: 0 });
//   m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected({ activation: 'RELU' }));
//   m.inputs(x); m.outputs(y);
//   const bytes = m.finish();

import { Builder } from 'flatbuffers';
import { OPS, OpName } from './ops.js';

export type DTypeName = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'string' | 'bool' | 'int16'
  | 'complex64' | 'int8' | 'float64' | 'complex128' | 'uint64' | 'resource' | 'variant' | 'uint32' | 'uint16' | 'int4';

export const DTYPES: DTypeName[] = ['float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16',
  'complex64', 'int8', 'float64', 'complex128', 'uint64', 'resource', 'variant', 'uint32', 'uint16', 'int4'];

export type TypedData = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array;

export interface TensorSpec {
  dtype: DTypeName;
  shape: number[];
  name?: string;
  /** Per-tensor scale, or per-channel scales (with quantizedDimension). */
  scale?: number | number[];
  zeroPoint?: number | number[];
  quantizedDimension?: number;
  isVariable?: boolean;
}

export interface ConstantSpec extends TensorSpec {
  data: TypedData | ArrayLike<number>;
}

/** One scalar field of an options table: [field id, kind, value]. */
export type OptionField = [number, 'bool' | 'int8' | 'uint8' | 'int32' | 'float32' | 'int64', number | boolean];
/** Vector fields of an options table: [field id, 'int32[]' | 'float32[]', values]. */
export type OptionVector = [number, 'int32[]' | 'float32[]', number[]];
/** String fields of an options table (VarHandleOptions): [field id, 'string', value]. */
export type OptionString = [number, 'string', string];

export interface OpOptions {
  /** BuiltinOptions union index (e.g. 8 = FullyConnectedOptions). */
  unionType: number;
  fields: Array<OptionField | OptionVector | OptionString>;
}

interface TensorRecord extends TensorSpec { buffer: number; }
interface OpRecord { opcode: number; inputs: number[]; outputs: number[]; options?: OpOptions; custom?: Uint8Array; intermediates?: number[]; }
interface SubgraphRecord { tensors: TensorRecord[]; ops: OpRecord[]; inputs: number[]; outputs: number[]; name?: string; }

function bytesOf(spec: TensorSpec, data: TypedData | ArrayLike<number>): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const arr = Array.from(data as ArrayLike<number>);
  switch (spec.dtype) {
    case 'float32': return new Uint8Array(Float32Array.from(arr).buffer);
    case 'float64': return new Uint8Array(Float64Array.from(arr).buffer);
    case 'int32': return new Uint8Array(Int32Array.from(arr).buffer);
    case 'uint32': return new Uint8Array(Uint32Array.from(arr).buffer);
    case 'int16': return new Uint8Array(Int16Array.from(arr).buffer);
    case 'uint16': return new Uint8Array(Uint16Array.from(arr).buffer);
    case 'int8': return new Uint8Array(Int8Array.from(arr).buffer);
    case 'uint8': case 'bool': return Uint8Array.from(arr);
    case 'int64': return new Uint8Array(BigInt64Array.from(arr.map((v) => BigInt(v))).buffer);
    default: throw new Error(`cannot write constant data of dtype ${spec.dtype}`);
  }
}

export class ModelBuilder {
  private buffers: Uint8Array[] = [new Uint8Array(0)]; // buffer 0: the empty sentinel
  private opcodes: Array<{ code: number; version: number; custom?: string }> = [];
  private subgraphs: SubgraphRecord[] = [{ tensors: [], ops: [], inputs: [], outputs: [] }];
  private current = 0;
  private metadata: Array<{ name: string; buffer: number }> = [];
  /** Schema version written into the model (3 is TFLite's). */
  version = 3;

  /** Adds a subgraph (for control flow) and makes it current; returns its index. */
  subgraph(name?: string): number {
    this.subgraphs.push({ tensors: [], ops: [], inputs: [], outputs: [], name });
    this.current = this.subgraphs.length - 1;
    return this.current;
  }
  /** Selects the subgraph later calls add to. */
  use(index: number): this { this.current = index; return this; }

  private get sg(): SubgraphRecord { return this.subgraphs[this.current]; }

  /** A tensor without data (activation, input, output, variable). Returns its index. */
  tensor(spec: TensorSpec): number {
    this.sg.tensors.push({ ...spec, buffer: 0 });
    return this.sg.tensors.length - 1;
  }

  /** A constant tensor whose data is stored in the model. Returns its index. */
  constant(spec: ConstantSpec): number {
    this.buffers.push(bytesOf(spec, spec.data));
    this.sg.tensors.push({ ...spec, buffer: this.buffers.length - 1 });
    return this.sg.tensors.length - 1;
  }

  /** A raw buffer (for metadata); returns its index. */
  buffer(bytes: Uint8Array): number {
    this.buffers.push(bytes);
    return this.buffers.length - 1;
  }

  /** Model metadata entry (e.g. OfflineMemoryAllocation). */
  addMetadata(name: string, bytes: Uint8Array): void {
    this.metadata.push({ name, buffer: this.buffer(bytes) });
  }

  private opcodeIndex(code: number, version: number, custom?: string): number {
    let i = this.opcodes.findIndex((o) => o.code === code && o.version === version && o.custom === custom);
    if (i < 0) { this.opcodes.push({ code, version, custom }); i = this.opcodes.length - 1; }
    return i;
  }

  /** A builtin operator. `-1` in inputs marks an omitted optional input. */
  op(name: OpName | number, inputs: number[], outputs: number[], options?: OpOptions,
     extra: { version?: number; intermediates?: number[] } = {}): this {
    const code = typeof name === 'number' ? name : OPS.indexOf(name);
    if (code < 0) throw new Error(`unknown op ${name}`);
    this.sg.ops.push({ opcode: this.opcodeIndex(code, extra.version ?? 1), inputs, outputs, options, intermediates: extra.intermediates });
    return this;
  }

  /** A custom operator with raw custom-options bytes (FlexBuffer). */
  customOp(name: string, inputs: number[], outputs: number[], customOptions?: Uint8Array, version = 1): this {
    this.sg.ops.push({ opcode: this.opcodeIndex(32, version, name), inputs, outputs, custom: customOptions });
    return this;
  }

  inputs(...ids: number[]): this { this.sg.inputs = ids; return this; }
  outputs(...ids: number[]): this { this.sg.outputs = ids; return this; }

  /** Serialises the model. */
  finish(): Uint8Array {
    const b = new Builder(1024);
    const i32Vector = (xs: number[]) => { b.startVector(4, xs.length, 4); for (let i = xs.length - 1; i >= 0; i--) b.addInt32(xs[i]); return b.endVector(); };
    const f32Vector = (xs: number[]) => { b.startVector(4, xs.length, 4); for (let i = xs.length - 1; i >= 0; i--) b.addFloat32(xs[i]); return b.endVector(); };
    const i64Vector = (xs: number[]) => { b.startVector(8, xs.length, 8); for (let i = xs.length - 1; i >= 0; i--) b.addInt64(BigInt(xs[i])); return b.endVector(); };
    const tableVector = (xs: number[]) => { b.startVector(4, xs.length, 4); for (let i = xs.length - 1; i >= 0; i--) b.addOffset(xs[i]); return b.endVector(); };

    // Buffers (Buffer.data is force_align 16).
    const bufferTables = this.buffers.map((data) => {
      let dataOff = 0;
      if (data.length > 0) {
        b.startVector(1, data.length, 16);
        for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]);
        dataOff = b.endVector();
      }
      b.startObject(3);
      if (dataOff) b.addFieldOffset(0, dataOff, 0);
      return b.endObject();
    });

    const subgraphTables = this.subgraphs.map((sg) => {
      const tensorTables = sg.tensors.map((t) => {
        const shape = i32Vector(t.shape);
        const name = b.createString(t.name ?? '');
        let quant = 0;
        if (t.scale !== undefined) {
          const scales = Array.isArray(t.scale) ? t.scale : [t.scale];
          const zps = t.zeroPoint === undefined ? scales.map(() => 0) : (Array.isArray(t.zeroPoint) ? t.zeroPoint : [t.zeroPoint]);
          const sv = f32Vector(scales);
          const zv = i64Vector(zps);
          b.startObject(7);
          b.addFieldOffset(2, sv, 0);
          b.addFieldOffset(3, zv, 0);
          if (t.quantizedDimension) b.addFieldInt32(6, t.quantizedDimension, 0);
          quant = b.endObject();
        }
        b.startObject(9);
        b.addFieldOffset(0, shape, 0);
        b.addFieldInt8(1, DTYPES.indexOf(t.dtype), 0);
        b.addFieldInt32(2, t.buffer, 0);
        b.addFieldOffset(3, name, 0);
        if (quant) b.addFieldOffset(4, quant, 0);
        if (t.isVariable) b.addFieldInt8(5, 1, 0);
        if (t.shape.length === 0) b.addFieldInt8(8, 1, 0); // has_rank for scalars
        return b.endObject();
      });
      const opTables = sg.ops.map((op) => {
        const ins = i32Vector(op.inputs);
        const outs = i32Vector(op.outputs);
        const inter = op.intermediates ? i32Vector(op.intermediates) : 0;
        let customOff = 0;
        if (op.custom) {
          b.startVector(1, op.custom.length, 1);
          for (let i = op.custom.length - 1; i >= 0; i--) b.addInt8(op.custom[i]);
          customOff = b.endVector();
        }
        let opts = 0;
        if (op.options) {
          const vectors = new Map<number, number>();
          for (const f of op.options.fields) {
            if (f[1] === 'int32[]') vectors.set(f[0], i32Vector(f[2] as number[]));
            else if (f[1] === 'float32[]') vectors.set(f[0], f32Vector(f[2] as number[]));
            else if (f[1] === 'string') vectors.set(f[0], b.createString(f[2] as string));
          }
          const maxId = Math.max(-1, ...op.options.fields.map((f) => f[0]));
          b.startObject(maxId + 1);
          for (const f of op.options.fields) {
            const [id, kind, value] = f;
            const v = typeof value === 'boolean' ? (value ? 1 : 0) : (value as number);
            switch (kind) {
              case 'bool': case 'int8': case 'uint8': b.addFieldInt8(id, v as number, 0); break;
              case 'int32': b.addFieldInt32(id, v as number, 0); break;
              case 'float32': b.addFieldFloat32(id, v as number, 0); break;
              case 'int64': b.addFieldInt64(id, BigInt(v as number), BigInt(0)); break;
              default: b.addFieldOffset(id, vectors.get(id)!, 0);
            }
          }
          opts = b.endObject();
        }
        b.startObject(9);
        b.addFieldInt32(0, op.opcode, 0);
        b.addFieldOffset(1, ins, 0);
        b.addFieldOffset(2, outs, 0);
        if (op.options) { b.addFieldInt8(3, op.options.unionType, 0); b.addFieldOffset(4, opts, 0); }
        if (customOff) b.addFieldOffset(5, customOff, 0);
        if (inter) b.addFieldOffset(8, inter, 0);
        return b.endObject();
      });
      const tv = tableVector(tensorTables);
      const iv = i32Vector(sg.inputs);
      const ov = i32Vector(sg.outputs);
      const opv = tableVector(opTables);
      const nm = b.createString(sg.name ?? '');
      b.startObject(5);
      b.addFieldOffset(0, tv, 0);
      b.addFieldOffset(1, iv, 0);
      b.addFieldOffset(2, ov, 0);
      b.addFieldOffset(3, opv, 0);
      b.addFieldOffset(4, nm, 0);
      return b.endObject();
    });

    const opcodeTables = this.opcodes.map((o) => {
      const custom = o.custom !== undefined ? b.createString(o.custom) : 0;
      b.startObject(4);
      b.addFieldInt8(0, Math.min(o.code, 127), 0);
      if (custom) b.addFieldOffset(1, custom, 0);
      b.addFieldInt32(2, o.version, 1);
      b.addFieldInt32(3, o.code, 0);
      return b.endObject();
    });
    const metadataTables = this.metadata.map((md) => {
      const name = b.createString(md.name);
      b.startObject(2);
      b.addFieldOffset(0, name, 0);
      b.addFieldInt32(1, md.buffer, 0);
      return b.endObject();
    });

    const opcodesV = tableVector(opcodeTables);
    const subgraphsV = tableVector(subgraphTables);
    const buffersV = tableVector(bufferTables);
    const description = b.createString('microlite test model');
    const metadataV = metadataTables.length ? tableVector(metadataTables) : 0;
    b.startObject(8);
    b.addFieldInt32(0, this.version, 0);
    b.addFieldOffset(1, opcodesV, 0);
    b.addFieldOffset(2, subgraphsV, 0);
    b.addFieldOffset(3, description, 0);
    b.addFieldOffset(4, buffersV, 0);
    if (metadataV) b.addFieldOffset(6, metadataV, 0);
    const root = b.endObject();
    b.finish(root, 'TFL3');
    return b.asUint8Array().slice();
  }
}

/** OfflineMemoryAllocation metadata bytes: [version 1, subgraph 0, count, offsets...] (i32). */
export function offlinePlanBytes(offsets: number[]): Uint8Array {
  return new Uint8Array(Int32Array.from([1, 0, offsets.length, ...offsets]).buffer);
}
