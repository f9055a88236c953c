// TFLM_DECODE (TFLM's compressed-tensor decode custom op), LUT decoder: hand-worked. Each
// case lists the table indices; the test packs them (big-endian bit stream, as TFLM's
// compression tool) and the expected output is each index's table value.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName, TensorSpec } from '../builder/tflite_builder.js';

/** Packs `indices` of `width` bits, the first in the top bits of the first byte. */
function pack(indices: number[], width: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(indices.length * width / 8));
  indices.forEach((v, k) => {
    for (let b = 0; b < width; b++) {
      const bit = k * width + b;
      if ((v >> (width - 1 - b)) & 1) out[bit >> 3] |= 0x80 >> (bit & 7);
    }
  });
  return out;
}

/** Ancillary data: 16 bytes of decode metadata (type, version, LUT version, width, stride), then the tables. */
function ancillary(tables: Uint8Array, width: number, stride: number, o: { type?: number; dcmVersion?: number; lutVersion?: number } = {}): Uint8Array {
  const head = new Uint8Array(16);
  head[0] = o.type ?? 0; head[1] = o.dcmVersion ?? 1; head[4] = o.lutVersion ?? 1; head[5] = width; head[6] = stride;
  const out = new Uint8Array(16 + tables.length);
  out.set(head); out.set(tables, 16);
  return out;
}

function bytes(a: ArrayBufferView): Uint8Array { return new Uint8Array(a.buffer, a.byteOffset, a.byteLength); }

interface Part { output: TensorSpec; indices: number[]; width: number; stride: number; tables: Uint8Array; meta?: Parameters<typeof ancillary>[3] }

function decode(m: ModelBuilder, parts: Part[]) {
  const ins: number[] = [];
  const outs: number[] = [];
  for (const p of parts) {
    ins.push(m.constant({ dtype: 'uint8', shape: [pack(p.indices, p.width).length], data: pack(p.indices, p.width) }));
    const anc = ancillary(p.tables, p.width, p.stride, p.meta);
    ins.push(m.constant({ dtype: 'uint8', shape: [anc.length], data: anc }));
    outs.push(m.tensor(p.output));
  }
  m.customOp('TFLM_DECODE', ins, outs);
  m.inputs().outputs(...outs);
}

const int8Part = (indices: number[], meta?: Part['meta']): Part => ({
  output: { dtype: 'int8', shape: [indices.length], scale: 1, zeroPoint: 0 },
  indices, width: 2, stride: 4, tables: bytes(Int8Array.from([-128, -1, 5, 127])), meta,
});

export const cases: OpCase[] = [
  {
    name: 'int8, 2-bit indices',
    build(m) { decode(m, [int8Part([0, 1, 2, 3, 3, 0])]); },
    expected: [[-128, -1, 5, 127, 127, -128]],
  },
  {
    name: 'float32, 3-bit indices crossing bytes',
    build(m) {
      decode(m, [{ output: { dtype: 'float32', shape: [5] }, indices: [4, 0, 1, 2, 3], width: 3, stride: 5,
        tables: bytes(Float32Array.from([0.5, -1.25, 3, 0, 8])) }]);
    },
    expected: [[8, 0.5, -1.25, 3, 0]],
  },
  {
    name: 'int16 per channel along dimension 0 (one table per row), 1-bit indices',
    build(m) {
      decode(m, [{ output: { dtype: 'int16', shape: [2, 3], scale: [1, 1], zeroPoint: [0, 0], quantizedDimension: 0 },
        indices: [1, 0, 1, 0, 0, 1], width: 1, stride: 2, tables: bytes(Int16Array.from([10, -10, 300, -300])) }]);
    },
    expected: [[-10, 10, -10, 300, 300, -300]],
  },
  {
    name: 'int32 per channel along the last dimension (tables interleave), 4-bit indices',
    build(m) {
      decode(m, [{ output: { dtype: 'int32', shape: [3, 2], scale: [1, 1], zeroPoint: [0, 0], quantizedDimension: 1 },
        indices: [0, 2, 1, 1, 2, 0], width: 4, stride: 3, tables: bytes(Int32Array.from([1, 2, 3, 100, 200, 300])) }]);
    },
    // element i uses channel i % 2
    expected: [[1, 300, 2, 200, 3, 100]],
  },
  {
    name: 'int64, 7-bit indices',
    build(m) {
      decode(m, [{ output: { dtype: 'int64', shape: [3] }, indices: [1, 0, 1], width: 7, stride: 2,
        tables: bytes(BigInt64Array.from([2n ** 40n, -5n])) }]);
    },
    expected: [[-5n, 2n ** 40n, -5n]],
  },
  {
    name: 'bool, 5-bit indices, and a second output in the same op',
    build(m) {
      decode(m, [
        { output: { dtype: 'bool', shape: [4] }, indices: [1, 0, 0, 1], width: 5, stride: 2, tables: Uint8Array.from([0, 1]) },
        int8Part([3, 2]),
      ]);
    },
    expected: [[1, 0, 0, 1], [127, 5]],
  },
  {
    name: 'refuses Huffman-compressed data (not implemented)',
    build(m) { decode(m, [int8Part([0], { type: 1 })]); },
    refused: /Huffman-compressed tensors are not supported yet/,
  },
  {
    name: 'refuses pruned data (not implemented)',
    build(m) { decode(m, [int8Part([0], { type: 2 })]); },
    refused: /pruned \(sparse\) tensors are not supported yet/,
  },
  {
    name: 'refuses decode metadata version 2',
    build(m) { decode(m, [int8Part([0], { dcmVersion: 2 })]); },
    refused: /decode metadata version 2 is not supported/,
  },
  {
    name: 'refuses an index past its value table',
    build(m) {
      decode(m, [{ output: { dtype: 'int8', shape: [2] }, indices: [0, 3], width: 2, stride: 3, tables: bytes(Int8Array.from([1, 2, 3])) }]);
    },
    refused: /an encoded index is past its value table/,
  },
  {
    name: 'refuses uint8 output (not in TFLM\'s set)',
    build(m) {
      decode(m, [{ output: { dtype: 'uint8' as DTypeName, shape: [2] }, indices: [0, 1], width: 1, stride: 2, tables: Uint8Array.from([1, 2]) }]);
    },
    refused: /output dtype uint8 is not supported/,
  },
  {
    name: 'refuses an encoded input that is not constant',
    build(m) {
      const e = m.tensor({ dtype: 'uint8', shape: [1] });
      const anc = ancillary(Uint8Array.from([1, 2]), 1, 2);
      const a = m.constant({ dtype: 'uint8', shape: [anc.length], data: anc });
      const y = m.tensor({ dtype: 'int8', shape: [2] });
      m.customOp('TFLM_DECODE', [e, a], [y]);
      m.inputs(e).outputs(y);
    },
    refused: /encoded input must be a constant tensor/,
  },
];
