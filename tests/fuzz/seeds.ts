// Fuzz seeds: small models built with the test-model builder, covering every op the engine
// runs (assembly/ops/table.ts) with the dtypes it accepts, so each op's prepare sees hostile
// shapes and options once mutated; plus the conformance models when the data is present.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { encode as flex } from 'flatbuffers/mjs/flexbuffers.js';
import { ModelBuilder, TensorSpec, DTypeName, offlinePlanBytes } from '../builder/tflite_builder.js';
import { options } from '../builder/options.js';
import { conformanceDir } from '../helpers.js';

export interface Seed { name: string; bytes: Uint8Array; }

type B = ModelBuilder;
const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const q8 = (shape: number[], scale = 0.05, zeroPoint = 0): TensorSpec => ({ dtype: 'int8', shape, scale, zeroPoint });
const q16 = (shape: number[], scale = 0.001): TensorSpec => ({ dtype: 'int16', shape, scale, zeroPoint: 0 });
const f32 = (shape: number[]): TensorSpec => ({ dtype: 'float32', shape });
const weights8 = (m: B, shape: number[], perChannel?: number) => m.constant({
  dtype: 'int8', shape, data: seq(shape.reduce((a, b) => a * b, 1), (i) => ((i * 37) % 255) - 127),
  scale: perChannel ? seq(perChannel, (i) => 0.01 + 0.002 * i) : 0.02, zeroPoint: perChannel ? seq(perChannel, () => 0) : 0,
  quantizedDimension: perChannel && shape.length === 4 && shape[0] === 1 ? 3 : 0,
});
const floats = (m: B, shape: number[]) => m.constant({ dtype: 'float32', shape, data: seq(shape.reduce((a, b) => a * b, 1), (i) => Math.sin(i) * 0.5) });
const bias32 = (m: B, n: number, scales?: number[]) => m.constant({ dtype: 'int32', shape: [n], data: seq(n, (i) => i * 100 - 300), scale: scales ?? 0.001, zeroPoint: scales ? scales.map(() => 0) : 0 });
const bias64 = (m: B, n: number) => m.constant({ dtype: 'int64', shape: [n], data: seq(n, (i) => i * 1000 - 2000), scale: 0.00002, zeroPoint: 0 });
const i32c = (m: B, data: number[]) => m.constant({ dtype: 'int32', shape: [data.length], data });

/** One op with inputs `ins` (specs: tensors, or numbers: existing tensor indices) and outputs `outs`. */
function single(name: string, build: (m: B) => void): Seed {
  const m = new ModelBuilder();
  build(m);
  return { name, bytes: m.finish() };
}

function unary(op: string, inSpec: TensorSpec, outSpec: TensorSpec, opts?: Parameters<B['op']>[3]): (m: B) => void {
  return (m) => { const x = m.tensor(inSpec); const y = m.tensor(outSpec); m.op(op, [x], [y], opts); m.inputs(x).outputs(y); };
}

function binary(op: string, a: TensorSpec, b: TensorSpec, out: TensorSpec, opts?: Parameters<B['op']>[3]): (m: B) => void {
  return (m) => {
    const x = m.tensor(a), z = m.tensor(b), y = m.tensor(out);
    m.op(op, [x, z], [y], opts); m.inputs(x, z).outputs(y);
  };
}

function builtinSeeds(): Seed[] {
  const s: Seed[] = [];
  // FULLY_CONNECTED
  s.push(single('fc_int8', (m) => {
    const x = m.tensor(q8([2, 6], 0.1, 3)); const w = weights8(m, [4, 6], 4); const b = bias32(m, 4, seq(4, (i) => 0.001 + i * 0.0002));
    const y = m.tensor(q8([2, 4], 0.2, -5));
    m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected({ activation: 'RELU6' })); m.inputs(x).outputs(y);
  }));
  s.push(single('fc_float', (m) => {
    const x = m.tensor(f32([1, 6])); const w = floats(m, [3, 6]); const b = floats(m, [3]); const y = m.tensor(f32([1, 3]));
    m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected({ activation: 'RELU' })); m.inputs(x).outputs(y);
  }));
  s.push(single('fc_int16', (m) => {
    const x = m.tensor(q16([1, 5])); const w = weights8(m, [3, 5]); const b = bias64(m, 3); const y = m.tensor(q16([1, 3], 0.002));
    m.op('FULLY_CONNECTED', [x, w, b], [y], options.fullyConnected()); m.inputs(x).outputs(y);
  }));
  // CONV_2D / DEPTHWISE_CONV_2D
  s.push(single('conv_int8', (m) => {
    const x = m.tensor(q8([1, 5, 5, 2], 0.1, -2)); const w = weights8(m, [3, 3, 3, 2], 3); const b = bias32(m, 3, [0.001, 0.0012, 0.0014]);
    const y = m.tensor(q8([1, 3, 3, 3], 0.3, 1));
    m.op('CONV_2D', [x, w, b], [y], options.conv2d({ padding: 'SAME', strideW: 2, strideH: 2, activation: 'RELU' })); m.inputs(x).outputs(y);
  }));
  s.push(single('conv_float', (m) => {
    const x = m.tensor(f32([1, 6, 4, 2])); const w = floats(m, [2, 3, 2, 2]); const b = floats(m, [2]); const y = m.tensor(f32([1, 4, 3, 2]));
    m.op('CONV_2D', [x, w, b], [y], options.conv2d({ padding: 'VALID', dilationH: 1 })); m.inputs(x).outputs(y);
  }));
  s.push(single('conv_int16', (m) => {
    const x = m.tensor(q16([1, 4, 4, 2])); const w = weights8(m, [2, 2, 2, 2], 2); const b = bias64(m, 2); const y = m.tensor(q16([1, 3, 3, 2], 0.004));
    m.op('CONV_2D', [x, w, b], [y], options.conv2d()); m.inputs(x).outputs(y);
  }));
  s.push(single('dwconv_int8', (m) => {
    const x = m.tensor(q8([1, 5, 5, 2], 0.1, 0)); const w = weights8(m, [1, 3, 3, 4], 4); const b = bias32(m, 4, seq(4, (i) => 0.001 + i * 0.0001));
    const y = m.tensor(q8([1, 5, 5, 4], 0.2, 2));
    m.op('DEPTHWISE_CONV_2D', [x, w, b], [y], options.depthwiseConv2d({ padding: 'SAME', depthMultiplier: 2 })); m.inputs(x).outputs(y);
  }));
  s.push(single('dwconv_float', (m) => {
    const x = m.tensor(f32([1, 4, 4, 3])); const w = floats(m, [1, 2, 2, 3]); const b = floats(m, [3]); const y = m.tensor(f32([1, 2, 2, 3]));
    m.op('DEPTHWISE_CONV_2D', [x, w, b], [y], options.depthwiseConv2d({ strideW: 2, strideH: 2, activation: 'RELU6' })); m.inputs(x).outputs(y);
  }));
  s.push(single('dwconv_int16', (m) => {
    const x = m.tensor(q16([1, 3, 3, 2])); const w = weights8(m, [1, 2, 2, 2], 2); const b = bias64(m, 2); const y = m.tensor(q16([1, 2, 2, 2]));
    m.op('DEPTHWISE_CONV_2D', [x, w, b], [y], options.depthwiseConv2d()); m.inputs(x).outputs(y);
  }));
  // Pooling
  for (const [dtype, spec] of [['int8', q8], ['int16', q16], ['float32', (sh: number[]) => f32(sh)]] as const) {
    s.push(single(`avgpool_${dtype}`, unary('AVERAGE_POOL_2D', spec([1, 4, 4, 2]), spec([1, 2, 2, 2]), options.pool2d({ filterW: 2, filterH: 2, strideW: 2, strideH: 2 }))));
    s.push(single(`maxpool_${dtype}`, unary('MAX_POOL_2D', spec([1, 5, 5, 1]), spec([1, 5, 5, 1]), options.pool2d({ padding: 'SAME', filterW: 3, filterH: 3, activation: 'RELU' }))));
  }
  // RESHAPE (with and without the shape input)
  s.push(single('reshape_int8', (m) => {
    const x = m.tensor(q8([1, 2, 3, 4])); const sh = i32c(m, [1, 24]); const y = m.tensor(q8([1, 24]));
    m.op('RESHAPE', [x, sh], [y], options.reshape([1, 24])); m.inputs(x).outputs(y);
  }));
  s.push(single('reshape_float', unary('RESHAPE', f32([2, 3]), f32([3, 2]))));
  // QUANTIZE / DEQUANTIZE
  s.push(single('quantize_f_i8', unary('QUANTIZE', f32([2, 5]), q8([2, 5], 0.02, 3))));
  s.push(single('quantize_i8_i8', unary('QUANTIZE', q8([8], 0.1, 1), q8([8], 0.03, -4))));
  s.push(single('quantize_i16_i8', unary('QUANTIZE', q16([8]), q8([8], 0.01))));
  s.push(single('quantize_f_i16', unary('QUANTIZE', f32([6]), q16([6]))));
  s.push(single('dequantize_i8', unary('DEQUANTIZE', q8([2, 4], 0.1, -3), f32([2, 4]))));
  s.push(single('dequantize_i16', unary('DEQUANTIZE', q16([5]), f32([5]))));
  // Elementwise binary ops, with broadcasting
  for (const op of ['ADD', 'SUB', 'MUL']) {
    const o = op === 'ADD' ? options.add({ activation: 'RELU' }) : op === 'SUB' ? options.sub() : options.mul({ activation: 'RELU6' });
    s.push(single(`${op.toLowerCase()}_int8`, binary(op, q8([1, 2, 3, 4], 0.1, 2), q8([1, 1, 1, 4], 0.2, -1), q8([1, 2, 3, 4], 0.25, 0), o)));
    s.push(single(`${op.toLowerCase()}_float`, binary(op, f32([2, 1, 3]), f32([1, 4, 3]), f32([2, 4, 3]), o)));
    s.push(single(`${op.toLowerCase()}_int16`, binary(op, q16([2, 3]), q16([2, 3], 0.002), q16([2, 3], 0.003), o)));
    s.push(single(`${op.toLowerCase()}_int32`, binary(op, { dtype: 'int32', shape: [4] }, { dtype: 'int32', shape: [4] }, { dtype: 'int32', shape: [4] }, o)));
  }
  s.push(single('div_float', binary('DIV', f32([2, 3]), f32([1, 3]), f32([2, 3]), options.raw(29, [[0, 'int8', 0]]))));
  s.push(single('div_int8', binary('DIV', q8([4], 0.1), q8([4], 0.05, 1), q8([4], 0.2), options.raw(29, [[0, 'int8', 0]]))));
  for (const op of ['MAXIMUM', 'MINIMUM']) {
    s.push(single(`${op.toLowerCase()}_int8`, binary(op, q8([2, 3]), q8([1, 3]), q8([2, 3]))));
    s.push(single(`${op.toLowerCase()}_float`, binary(op, f32([3, 1]), f32([3, 2]), f32([3, 2]))));
    s.push(single(`${op.toLowerCase()}_int16`, binary(op, q16([5]), q16([5]), q16([5]))));
  }
  // SOFTMAX / LOGISTIC / TANH
  s.push(single('softmax_int8', unary('SOFTMAX', q8([2, 5], 0.1, 0), q8([2, 5], 1 / 256, -128), options.softmax({ beta: 1 }))));
  s.push(single('softmax_float', unary('SOFTMAX', f32([3, 4]), f32([3, 4]), options.softmax({ beta: 0.5 }))));
  s.push(single('softmax_int16', unary('SOFTMAX', q16([1, 6], 0.0005), q16([1, 6], 1 / 32768), options.softmax())));
  for (const op of ['LOGISTIC', 'TANH']) {
    const outScale = op === 'LOGISTIC' ? 1 / 256 : 1 / 128;
    s.push(single(`${op.toLowerCase()}_int8`, unary(op, q8([10], 0.1, 3), q8([10], outScale, op === 'LOGISTIC' ? -128 : 0))));
    s.push(single(`${op.toLowerCase()}_float`, unary(op, f32([2, 3]), f32([2, 3]))));
    s.push(single(`${op.toLowerCase()}_int16`, unary(op, q16([8], 1 / 4096), q16([8], 1 / 32768))));
  }
  // CAST
  const castPairs: Array<[DTypeName, DTypeName]> = [['float32', 'int32'], ['int8', 'float32'], ['int32', 'float32'], ['int16', 'int32'], ['uint8', 'int8'], ['int8', 'int16']];
  for (const [a, b] of castPairs) s.push(single(`cast_${a}_${b}`, unary('CAST', { dtype: a, shape: [6] }, { dtype: b, shape: [6] })));
  // CONCATENATION
  s.push(single('concat_int8', (m) => {
    const a = m.tensor(q8([1, 2, 2])); const b = m.tensor(q8([1, 2, 3], 0.07, 1)); const y = m.tensor(q8([1, 2, 5], 0.1, 0));
    m.op('CONCATENATION', [a, b], [y], options.concatenation({ axis: -1 })); m.inputs(a, b).outputs(y);
  }));
  s.push(single('concat_float', (m) => {
    const a = m.tensor(f32([2, 3])); const b = m.tensor(f32([1, 3])); const c = m.tensor(f32([3, 3])); const y = m.tensor(f32([6, 3]));
    m.op('CONCATENATION', [a, b, c], [y], options.concatenation({ axis: 0 })); m.inputs(a, b, c).outputs(y);
  }));
  // STRIDED_SLICE
  s.push(single('strided_slice_int8', (m) => {
    const x = m.tensor(q8([2, 4, 6])); const b = i32c(m, [0, 1, 0]); const e = i32c(m, [2, 4, 6]); const st = i32c(m, [1, 2, 2]);
    const y = m.tensor(q8([2, 2, 3]));
    m.op('STRIDED_SLICE', [x, b, e, st], [y], options.raw(32, [[0, 'int32', 0], [1, 'int32', 0], [2, 'int32', 0], [3, 'int32', 0], [4, 'int32', 0]]));
    m.inputs(x).outputs(y);
  }));
  s.push(single('strided_slice_float', (m) => {
    const x = m.tensor(f32([4, 5])); const b = i32c(m, [3, 0]); const e = i32c(m, [0, 5]); const st = i32c(m, [-1, 1]);
    const y = m.tensor(f32([3]));
    m.op('STRIDED_SLICE', [x, b, e, st], [y], options.raw(32, [[1, 'int32', 2], [4, 'int32', 2]]));
    m.inputs(x).outputs(y);
  }));
  // UNIDIRECTIONAL_SEQUENCE_LSTM (float): 24 inputs, states as variable tensors.
  s.push(single('lstm_float', (m) => {
    const batch = 1, time = 3, input = 2, state = 3;
    const x = m.tensor(f32([batch, time, input]));
    const ins: number[] = [x];
    for (let g = 0; g < 4; g++) ins.push(floats(m, [state, input]));
    for (let g = 0; g < 4; g++) ins.push(floats(m, [state, state]));
    ins.push(-1, -1, -1);
    for (let g = 0; g < 4; g++) ins.push(floats(m, [state]));
    ins.push(-1, -1);
    ins.push(m.tensor({ dtype: 'float32', shape: [batch, state], isVariable: true }));
    ins.push(m.tensor({ dtype: 'float32', shape: [batch, state], isVariable: true }));
    ins.push(-1, -1, -1, -1);
    const y = m.tensor(f32([batch, time, state]));
    m.op('UNIDIRECTIONAL_SEQUENCE_LSTM', ins, [y], options.raw(71, [[0, 'int8', 4], [1, 'float32', 10], [3, 'bool', false]]));
    m.inputs(x).outputs(y);
  }));
  // SVDF (float and int8 with an int16 state), PAD / PADV2, LEAKY_RELU, TRANSPOSE_CONV
  s.push(single('svdf_float', (m) => {
    const x = m.tensor(f32([2, 3])); const fw = floats(m, [4, 3]); const tw = floats(m, [4, 5]); const b = floats(m, [2]);
    const st = m.tensor({ dtype: 'float32', shape: [2, 20], isVariable: true }); const y = m.tensor(f32([2, 2]));
    m.op('SVDF', [x, fw, tw, b, st], [y], options.raw(6, [[0, 'int32', 2], [1, 'int8', 1]])); m.inputs(x).outputs(y);
  }));
  s.push(single('svdf_int8', (m) => {
    const x = m.tensor(q8([1, 3], 0.1, 2)); const fw = weights8(m, [4, 3]);
    const tw = m.constant({ dtype: 'int16', shape: [4, 5], data: seq(20, (i) => i * 300 - 3000), scale: 0.0005, zeroPoint: 0 });
    const b = m.constant({ dtype: 'int32', shape: [4], data: [100, -200, 300, -400], scale: 0.002 * 0.0005, zeroPoint: 0 });
    const st = m.tensor({ dtype: 'int16', shape: [1, 20], scale: 0.002, zeroPoint: 0, isVariable: true });
    const y = m.tensor(q8([1, 4], 0.2, -3));
    m.op('SVDF', [x, fw, tw, b, st], [y], options.raw(6, [[0, 'int32', 1], [1, 'int8', 1]])); m.inputs(x).outputs(y);
  }));
  s.push(single('pad_int8', (m) => {
    const x = m.tensor(q8([1, 2, 3, 1], 0.1, 4)); const p = m.constant({ dtype: 'int32', shape: [4, 2], data: [0, 0, 1, 2, 0, 1, 0, 0] });
    const y = m.tensor(q8([1, 5, 4, 1], 0.1, 4));
    m.op('PAD', [x, p], [y], options.raw(22, [])); m.inputs(x).outputs(y);
  }));
  s.push(single('padv2_float', (m) => {
    const x = m.tensor(f32([2, 3])); const p = m.constant({ dtype: 'int32', shape: [2, 2], data: [1, 0, 2, 2] });
    const c = m.constant({ dtype: 'float32', shape: [], data: [1.5] }); const y = m.tensor(f32([3, 7]));
    m.op('PADV2', [x, p, c], [y], options.raw(43, [])); m.inputs(x).outputs(y);
  }));
  s.push(single('pad_int16', (m) => {
    const x = m.tensor(q16([3, 2])); const p = m.constant({ dtype: 'int32', shape: [2, 2], data: [2, 1, 0, 3] });
    const y = m.tensor(q16([6, 5]));
    m.op('PAD', [x, p], [y], options.raw(22, [])); m.inputs(x).outputs(y);
  }));
  for (const [dtype, spec] of [['int8', (sh: number[]) => q8(sh, 0.1, 3)], ['int16', (sh: number[]) => q16(sh)], ['float32', (sh: number[]) => f32(sh)]] as const) {
    s.push(single(`leaky_relu_${dtype}`, unary('LEAKY_RELU', spec([2, 4]), spec([2, 4]), options.raw(75, [[0, 'float32', 0.2]]))));
  }
  s.push(single('transpose_conv_float', (m) => {
    const shape = i32c(m, [1, 5, 5, 2]); const w = floats(m, [2, 3, 3, 1]); const x = m.tensor(f32([1, 2, 2, 1])); const b = floats(m, [2]);
    const y = m.tensor(f32([1, 5, 5, 2]));
    m.op('TRANSPOSE_CONV', [shape, w, x, b], [y], options.raw(49, [[0, 'int8', 1], [1, 'int32', 2], [2, 'int32', 2]])); m.inputs(x).outputs(y);
  }));
  s.push(single('transpose_conv_int8', (m) => {
    const shape = i32c(m, [1, 4, 4, 2]); const w = weights8(m, [2, 2, 2, 3], 2); const x = m.tensor(q8([1, 2, 2, 3], 0.1, 1));
    const b = bias32(m, 2, [0.001, 0.0012]); const y = m.tensor(q8([1, 4, 4, 2], 0.2, -1));
    m.op('TRANSPOSE_CONV', [shape, w, x, b], [y], options.raw(49, [[0, 'int8', 1], [1, 'int32', 2], [2, 'int32', 2]])); m.inputs(x).outputs(y);
  }));
  s.push(single('transpose_conv_int16', (m) => {
    const shape = i32c(m, [1, 3, 3, 1]); const w = weights8(m, [1, 2, 2, 2], 1); const x = m.tensor(q16([1, 2, 2, 2]));
    const b = bias64(m, 1); const y = m.tensor(q16([1, 3, 3, 1], 0.003));
    m.op('TRANSPOSE_CONV', [shape, w, x, b], [y], options.raw(49, [[0, 'int8', 1], [1, 'int32', 1], [2, 'int32', 1]])); m.inputs(x).outputs(y);
  }));
  return s;
}

function signalSeeds(): Seed[] {
  const s: Seed[] = [];
  const i16 = (shape: number[]): TensorSpec => ({ dtype: 'int16', shape });
  const u32 = (shape: number[]): TensorSpec => ({ dtype: 'uint32', shape });
  const c16 = (m: B, data: number[]) => m.constant({ dtype: 'int16', shape: [data.length], data });
  s.push(single('signal_window', (m) => {
    const x = m.tensor(i16([2, 8])); const w = c16(m, seq(8, (i) => 1000 * i)); const y = m.tensor(i16([2, 8]));
    m.customOp('SignalWindow', [x, w], [y], flex({ shift: 12 })); m.inputs(x).outputs(y);
  }));
  s.push(single('signal_fft_auto_scale', (m) => {
    const x = m.tensor(i16([16])); const y = m.tensor(i16([16])); const sc = m.tensor({ dtype: 'int32', shape: [] });
    m.customOp('SignalFftAutoScale', [x], [y, sc], flex({})); m.inputs(x).outputs(y, sc);
  }));
  s.push(single('signal_rfft', (m) => {
    const x = m.tensor(i16([16])); const y = m.tensor(i16([18]));
    m.customOp('SignalRfft', [x], [y], flex({ T: 7, fft_length: 16 })); m.inputs(x).outputs(y);
  }));
  s.push(single('signal_energy', (m) => {
    const x = m.tensor(i16([18])); const y = m.tensor(u32([9]));
    m.customOp('SignalEnergy', [x], [y], flex({ start_index: 0, end_index: 9 })); m.inputs(x).outputs(y);
  }));
  s.push(single('signal_filter_bank', (m) => {
    const x = m.tensor(u32([9]));
    const w = c16(m, seq(8, (i) => 500 * i)); const uw = c16(m, seq(8, (i) => 4000 - 500 * i));
    const fs = c16(m, [1, 3, 5, 7]); const ws = c16(m, [0, 2, 4, 6]); const wd = c16(m, [2, 2, 2, 1]);
    const y = m.tensor({ dtype: 'uint64', shape: [3] });
    m.customOp('SignalFilterBank', [x, w, uw, fs, ws, wd], [y], flex({ num_channels: 3 })); m.inputs(x).outputs(y);
  }));
  s.push(single('signal_filter_bank_square_root', (m) => {
    const x = m.tensor({ dtype: 'uint64', shape: [4] }); const b = m.constant({ dtype: 'int32', shape: [], data: [3] }); const y = m.tensor(u32([4]));
    m.customOp('SignalFilterBankSquareRoot', [x, b], [y], flex({})); m.inputs(x).outputs(y);
  }));
  s.push(single('signal_spectral_subtraction', (m) => {
    const x = m.tensor(u32([4])); const y = m.tensor(u32([4])); const n = m.tensor(u32([4]));
    m.customOp('SignalFilterBankSpectralSubtraction', [x], [y, n], flex({
      num_channels: 4, smoothing: 655, one_minus_smoothing: 15729, alternate_smoothing: 655, alternate_one_minus_smoothing: 15729,
      min_signal_remaining: 1638, smoothing_bits: 10, spectral_subtraction_bits: 14, clamping: false,
    })); m.inputs(x).outputs(y, n);
  }));
  s.push(single('signal_pcan', (m) => {
    const x = m.tensor(u32([4])); const n = m.tensor(u32([4])); const lut = c16(m, seq(125, (i) => 32767 - i * 200)); const y = m.tensor(u32([4]));
    m.customOp('SignalPCAN', [x, n, lut], [y], flex({ snr_shift: 6 })); m.inputs(x, n).outputs(y);
  }));
  s.push(single('signal_filter_bank_log', (m) => {
    const x = m.tensor(u32([5])); const y = m.tensor(i16([5]));
    m.customOp('SignalFilterBankLog', [x], [y], flex({ input_correction_bits: 3, output_scale: 1600 })); m.inputs(x).outputs(y);
  }));
  return s;
}

/** Multi-op graphs (mutating an opcode index swaps one op for another over the same tensors). */
function graphSeeds(): Seed[] {
  const s: Seed[] = [];
  s.push(single('graph_kws_int8', (m) => {
    const x = m.tensor(q8([1, 6, 4, 1], 0.1, 0));
    const w1 = weights8(m, [4, 3, 3, 1], 4); const b1 = bias32(m, 4, seq(4, () => 0.002));
    const h1 = m.tensor(q8([1, 3, 2, 4], 0.2, -128));
    m.op('CONV_2D', [x, w1, b1], [h1], options.conv2d({ padding: 'SAME', strideW: 2, strideH: 2, activation: 'RELU' }));
    const w2 = weights8(m, [1, 3, 3, 4], 4); const b2 = bias32(m, 4, seq(4, () => 0.004));
    const h2 = m.tensor(q8([1, 3, 2, 4], 0.2, -128));
    m.op('DEPTHWISE_CONV_2D', [h1, w2, b2], [h2], options.depthwiseConv2d({ padding: 'SAME', activation: 'RELU' }));
    const h3 = m.tensor(q8([1, 1, 1, 4], 0.2, -128));
    m.op('AVERAGE_POOL_2D', [h2], [h3], options.pool2d({ filterW: 2, filterH: 3 }));
    const h4 = m.tensor(q8([1, 4], 0.2, -128));
    m.op('RESHAPE', [h3], [h4]);
    const w3 = weights8(m, [3, 4]); const b3 = bias32(m, 3);
    const h5 = m.tensor(q8([1, 3], 0.3, 5));
    m.op('FULLY_CONNECTED', [h4, w3, b3], [h5], options.fullyConnected());
    const y = m.tensor(q8([1, 3], 1 / 256, -128));
    m.op('SOFTMAX', [h5], [y], options.softmax());
    m.inputs(x).outputs(y);
  }));
  s.push(single('graph_float_mix', (m) => {
    const x = m.tensor(f32([2, 4])); const c = floats(m, [1, 4]);
    const a = m.tensor(f32([2, 4])); m.op('ADD', [x, c], [a], options.add());
    const t = m.tensor(f32([2, 4])); m.op('TANH', [a], [t]);
    const q = m.tensor(q8([2, 4], 1 / 128, 0)); m.op('QUANTIZE', [t], [q]);
    const l = m.tensor(q8([2, 4], 1 / 256, -128)); m.op('LOGISTIC', [q], [l]);
    const d = m.tensor(f32([2, 4])); m.op('DEQUANTIZE', [l], [d]);
    const y = m.tensor(f32([2, 4])); m.op('MUL', [d, x], [y], options.mul());
    m.inputs(x).outputs(y, q);
  }));
  // Control flow (the engine refuses these ops; their options hold subgraph indices).
  s.push(single('control_flow', (m) => {
    const x = m.tensor({ dtype: 'bool', shape: [] }); const a = m.tensor(f32([2])); const y = m.tensor(f32([2]));
    m.op('IF', [x, a], [y], options.raw(92, [[0, 'int32', 1], [1, 'int32', 0]]));
    m.op('CALL_ONCE', [], [], options.raw(103, [[0, 'int32', 0]]));
    m.inputs(x, a).outputs(y);
    m.subgraph('body');
    const bx = m.tensor(f32([2])); const by = m.tensor(f32([2]));
    m.op('WHILE', [bx], [by], options.raw(93, [[0, 'int32', 1], [1, 'int32', 1]]));
    m.inputs(bx).outputs(by);
  }));
  // A second subgraph with supported ops (every subgraph is prepared).
  s.push(single('two_subgraphs', (m) => {
    const x = m.tensor(q8([4])); const y = m.tensor(q8([4], 0.1)); m.op('QUANTIZE', [x], [y]); m.inputs(x).outputs(y);
    m.subgraph();
    const a = m.tensor(f32([3])); const b = m.tensor(f32([3])); m.op('LOGISTIC', [a], [b]); m.inputs(a).outputs(b);
  }));
  // An offline memory plan (OfflineMemoryAllocation metadata: offsets the mutator rewrites).
  s.push(single('offline_plan', (m) => {
    const x = m.tensor(q8([1, 4], 0.1, 0)); const w1 = weights8(m, [8, 4]); const h = m.tensor(q8([1, 8], 0.2, 1));
    const w2 = weights8(m, [2, 8]); const y = m.tensor(q8([1, 2], 0.3, -2));
    m.op('FULLY_CONNECTED', [x, w1, -1], [h], options.fullyConnected({ activation: 'RELU' }));
    m.op('FULLY_CONNECTED', [h, w2, -1], [y], options.fullyConnected());
    m.inputs(x).outputs(y);
    m.addMetadata('OfflineMemoryAllocation', offlinePlanBytes([64, -1, 16, -1, 0]));
  }));
  // Variable tensor read and written across invokes.
  s.push(single('variable_state', (m) => {
    const x = m.tensor(f32([4])); const v = m.tensor({ dtype: 'float32', shape: [4], isVariable: true });
    const y = m.tensor(f32([4]));
    m.op('ADD', [x, v], [y], options.add());
    m.inputs(x).outputs(y);
  }));
  return s;
}

/** The builder seeds (always available). */
export function builderSeeds(): Seed[] {
  return [...builtinSeeds(), ...signalSeeds(), ...graphSeeds()];
}

/** Conformance models no larger than `maxBytes` (none when the data is absent). */
export function conformanceSeeds(maxBytes = Infinity): Seed[] {
  const dir = conformanceDir();
  if (!dir) return [];
  const index = JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as Array<{ name: string; model: string }>;
  const out: Seed[] = [];
  for (const e of index) {
    const path = join(dir, e.model);
    if (!existsSync(path)) continue;
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length <= maxBytes) out.push({ name: `conformance/${e.name}`, bytes });
  }
  return out;
}

/** Seeds from files given on the command line. */
export function fileSeeds(paths: string[]): Seed[] {
  return paths.map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(p)) }));
}
