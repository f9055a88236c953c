// UNIDIRECTIONAL_SEQUENCE_LSTM reference kernels (TFLM lstm_eval.h / lstm_eval.cc arithmetic):
// per time step each gate is FC(input) + FC(hidden) (two separately requantized FCs, added with
// int16 saturation), then sigmoid (tanh for the cell gate); cell = forget*cell + input*cellGate
// (clipped), hidden = tanh(cell) * output gate, copied to the output. Integer kernels keep gate
// values in Q3.12 before and Q0.15 after the activations.

import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from "../assembly/math/fixedpoint";
import { sigmoidInt16Block, sigmoidFloat32Block } from "./logistic";
import { tanhInt16Block, tanhFloat32Block } from "./tanh";

/** Gate order of the per-gate data: TFLM's tensor order (input, forget, cell, output). */
export const GATE_INPUT = 0;
export const GATE_FORGET = 1;
export const GATE_CELL = 2;
export const GATE_OUTPUT = 3;

/** Slots of the address table eval fills (LstmIo): the op's 24 inputs, then these. */
export const IO_INPUT = 0;
export const IO_INPUT_WEIGHTS = 1;      // + gate
export const IO_RECURRENT_WEIGHTS = 5;  // + gate
export const IO_BIAS = 12;              // + gate
export const IO_HIDDEN = 18;
export const IO_CELL = 19;
export const IO_OUTPUT = 24;
export const IO_SCRATCH = 25;
export const IO_SLOTS = 26;

/** Per-gate quantization (integer kernels). */
@unmanaged
export class LstmGate {
  inputWeightsOffset: i32;      // -zero point of the input-to-gate weights
  recurrentWeightsOffset: i32;  // -zero point of the recurrent-to-gate weights
  inputMultiplier: i32;         // input FC: input x weights -> Q3.12
  inputShift: i32;
  recurrentMultiplier: i32;     // recurrent FC: hidden x weights -> Q3.12
  recurrentShift: i32;
}

/** Everything eval needs, computed once in prepare; 4 LstmGate follow it in the op data. */
@unmanaged
export class LstmParams {
  /** Activation dtype (DType): selects the kernel. */
  type: i32;
  batches: i32;
  timeSteps: i32;
  inputSize: i32;
  stateSize: i32;
  timeMajor: bool;
  useCellClip: bool;
  cellClip: f32;
  quantizedCellClip: i32;
  inputOffset: i32;             // -input zero point
  hiddenOffset: i32;            // -hidden state zero point
  forgetMulMultiplier: i32;     // forget gate x cell -> cell
  forgetMulShift: i32;
  inputMulMultiplier: i32;      // input gate x cell gate -> cell
  inputMulShift: i32;
  hiddenMulMultiplier: i32;     // tanh(cell) x output gate -> hidden
  hiddenMulShift: i32;
  hiddenZeroPoint: i32;
  hiddenMin: i32;
  hiddenMax: i32;
  cellTanhMultiplier: i32;      // tanh of the cell state: its scale to the table's
  cellTanhShift: i32;
}

// @ts-ignore: decorator
@inline export function lstmGate(p: LstmParams, gate: i32): LstmGate {
  return changetype<LstmGate>(changetype<usize>(p) + offsetof<LstmParams>() + <usize>gate * offsetof<LstmGate>());
}

// @ts-ignore: decorator
@inline function io(table: usize, slot: i32): usize { return load<usize>(table + (<usize>slot << alignof<usize>())); }

// ---- integer building blocks ---------------------------------------------------------

/** FC int8 x int8 (+ int32 bias) -> int16 gate pre-activation (zero point 0). */
function fcInt8ToInt16(input: usize, rows: i32, depth: i32, weights: usize, bias: usize, outDepth: i32,
                       inputOffset: i32, weightsOffset: i32, multiplier: i32, shift: i32, output: usize): void {
  for (let r = 0; r < rows; r++) {
    const inRow = input + <usize>(r * depth);
    const outRow = output + (<usize>(r * outDepth) << 1);
    for (let c = 0; c < outDepth; c++) {
      const wRow = weights + <usize>(c * depth);
      let acc = 0;
      for (let d = 0; d < depth; d++) {
        acc += (<i32>load<i8>(wRow + <usize>d) + weightsOffset) * (<i32>load<i8>(inRow + <usize>d) + inputOffset);
      }
      if (bias) acc += load<i32>(bias + (<usize>c << 2));
      let v = multiplyByQuantizedMultiplier(acc, multiplier, shift);
      v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
      store<i16>(outRow + (<usize>c << 1), <i16>v);
    }
  }
}

/** FC int16 x int8 (+ int64 bias) -> int16 gate pre-activation (zero point 0). */
function fcInt16ToInt16(input: usize, rows: i32, depth: i32, weights: usize, bias: usize, outDepth: i32,
                        inputOffset: i32, weightsOffset: i32, multiplier: i32, shift: i32, output: usize): void {
  for (let r = 0; r < rows; r++) {
    const inRow = input + (<usize>(r * depth) << 1);
    const outRow = output + (<usize>(r * outDepth) << 1);
    for (let c = 0; c < outDepth; c++) {
      const wRow = weights + <usize>(c * depth);
      let acc: i64 = 0;
      for (let d = 0; d < depth; d++) {
        acc += <i64>((<i32>load<i8>(wRow + <usize>d) + weightsOffset) * (<i32>load<i16>(inRow + (<usize>d << 1)) + inputOffset));
      }
      if (bias) acc += load<i64>(bias + (<usize>c << 3));
      let v = multiplyByQuantizedMultiplier64(acc, multiplier, shift);
      v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
      store<i16>(outRow + (<usize>c << 1), <i16>v);
    }
  }
}

/** a += b, int16 with saturation. */
function addSaturateInt16(a: usize, b: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    const at = a + (<usize>i << 1);
    const s = <i32>load<i16>(at) + <i32>load<i16>(b + (<usize>i << 1));
    store<i16>(at, <i16>(s < -32768 ? -32768 : (s > 32767 ? 32767 : s)));
  }
}

/** out = requantize(a * b) as int16 (symmetric inputs and output). out may alias a or b. */
function mulToInt16(a: usize, b: usize, out: usize, count: i32, multiplier: i32, shift: i32): void {
  for (let i = 0; i < count; i++) {
    const o = (<usize>i << 1);
    let v = multiplyByQuantizedMultiplier(<i32>load<i16>(a + o) * <i32>load<i16>(b + o), multiplier, shift);
    v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
    store<i16>(out + o, <i16>v);
  }
}

/** out = requantize(a * b) + zeroPoint as int8 (the hidden state). */
function mulToInt8(a: usize, b: usize, out: usize, count: i32, multiplier: i32, shift: i32, zeroPoint: i32, lo: i32, hi: i32): void {
  for (let i = 0; i < count; i++) {
    const o = (<usize>i << 1);
    let v = zeroPoint + multiplyByQuantizedMultiplier(<i32>load<i16>(a + o) * <i32>load<i16>(b + o), multiplier, shift);
    v = v < lo ? lo : (v > hi ? hi : v);
    store<i8>(out + <usize>i, <i8>v);
  }
}

/** out = requantize(a * b) + zeroPoint as int16 (the hidden state). */
function mulToInt16Offset(a: usize, b: usize, out: usize, count: i32, multiplier: i32, shift: i32, zeroPoint: i32, lo: i32, hi: i32): void {
  for (let i = 0; i < count; i++) {
    const o = (<usize>i << 1);
    let v = zeroPoint + multiplyByQuantizedMultiplier(<i32>load<i16>(a + o) * <i32>load<i16>(b + o), multiplier, shift);
    v = v < lo ? lo : (v > hi ? hi : v);
    store<i16>(out + o, <i16>v);
  }
}

/** One gate, integer: FC(input) + FC(hidden) in Q3.12, then its activation to Q0.15. */
function gateInteger(p: LstmParams, table: usize, gate: i32, input: usize, hidden: usize, rows: i32,
                     out: usize, tmp: usize, int16Activations: bool): void {
  const g = lstmGate(p, gate);
  const n = p.stateSize;
  const inW = io(table, IO_INPUT_WEIGHTS + gate);
  const recW = io(table, IO_RECURRENT_WEIGHTS + gate);
  const bias = io(table, IO_BIAS + gate);
  if (int16Activations) {
    fcInt16ToInt16(input, rows, p.inputSize, inW, bias, n, p.inputOffset, g.inputWeightsOffset, g.inputMultiplier, g.inputShift, out);
    fcInt16ToInt16(hidden, rows, n, recW, 0, n, p.hiddenOffset, g.recurrentWeightsOffset, g.recurrentMultiplier, g.recurrentShift, tmp);
  } else {
    fcInt8ToInt16(input, rows, p.inputSize, inW, bias, n, p.inputOffset, g.inputWeightsOffset, g.inputMultiplier, g.inputShift, out);
    fcInt8ToInt16(hidden, rows, n, recW, 0, n, p.hiddenOffset, g.recurrentWeightsOffset, g.recurrentMultiplier, g.recurrentShift, tmp);
  }
  addSaturateInt16(out, tmp, rows * n);
  // Q3.12 input: the table's power-of-two case (multiplier 3, no shift).
  if (gate == GATE_CELL) tanhInt16Block(out, out, rows * n, 0, 0);
  else sigmoidInt16Block(out, out, rows * n, 0, 0);
}

/** One time step over `rows` batch rows, int8 or int16 activations with an int16 cell. */
function stepInteger(p: LstmParams, table: usize, input: usize, hidden: usize, cell: usize, output: usize,
                     rows: i32, int16Activations: bool): void {
  const count = rows * p.stateSize;
  const bufferBytes = <usize>(p.batches * p.stateSize) << 1;
  const forgetGate = io(table, IO_SCRATCH);
  const inputGate = forgetGate + bufferBytes;
  const cellGate = inputGate + bufferBytes;
  const tmp = cellGate + bufferBytes;
  gateInteger(p, table, GATE_FORGET, input, hidden, rows, forgetGate, tmp, int16Activations);
  gateInteger(p, table, GATE_INPUT, input, hidden, rows, inputGate, tmp, int16Activations);
  gateInteger(p, table, GATE_CELL, input, hidden, rows, cellGate, tmp, int16Activations);

  // cell = forget * cell + input * cellGate, saturated, then clipped.
  mulToInt16(forgetGate, cell, cell, count, p.forgetMulMultiplier, p.forgetMulShift);
  mulToInt16(inputGate, cellGate, inputGate, count, p.inputMulMultiplier, p.inputMulShift);
  addSaturateInt16(cell, inputGate, count);
  if (p.useCellClip) {
    const clip = p.quantizedCellClip;
    for (let i = 0; i < count; i++) {
      const at = cell + (<usize>i << 1);
      let v = <i32>load<i16>(at);
      v = v > clip ? clip : v;
      v = v < -clip ? -clip : v;
      store<i16>(at, <i16>v);
    }
  }

  // hidden = tanh(cell) * output gate; the output row is a copy of it.
  const outputGate = inputGate;
  gateInteger(p, table, GATE_OUTPUT, input, hidden, rows, outputGate, tmp, int16Activations);
  const cellTanh = forgetGate;
  tanhInt16Block(cell, cellTanh, count, p.cellTanhMultiplier, p.cellTanhShift);
  if (int16Activations) {
    mulToInt16Offset(cellTanh, outputGate, hidden, count, p.hiddenMulMultiplier, p.hiddenMulShift, p.hiddenZeroPoint, p.hiddenMin, p.hiddenMax);
    memory.copy(output, hidden, <usize>count << 1);
  } else {
    mulToInt8(cellTanh, outputGate, hidden, count, p.hiddenMulMultiplier, p.hiddenMulShift, p.hiddenZeroPoint, p.hiddenMin, p.hiddenMax);
    memory.copy(output, hidden, <usize>count);
  }
}

// ---- float building blocks -------------------------------------------------------------

/** FC float (bias may be 0); no activation clamp (TFLM's is +-FLT_MAX). */
function fcFloat32(input: usize, rows: i32, depth: i32, weights: usize, bias: usize, outDepth: i32, output: usize): void {
  for (let r = 0; r < rows; r++) {
    const inRow = input + (<usize>(r * depth) << 2);
    const outRow = output + (<usize>(r * outDepth) << 2);
    for (let c = 0; c < outDepth; c++) {
      const wRow = weights + (<usize>(c * depth) << 2);
      let total: f32 = 0;
      for (let d = 0; d < depth; d++) {
        total += load<f32>(inRow + (<usize>d << 2)) * load<f32>(wRow + (<usize>d << 2));
      }
      const b: f32 = bias ? load<f32>(bias + (<usize>c << 2)) : 0;
      store<f32>(outRow + (<usize>c << 2), total + b);
    }
  }
}

function gateFloat32(p: LstmParams, table: usize, gate: i32, input: usize, hidden: usize, rows: i32, out: usize, tmp: usize): void {
  const n = p.stateSize;
  const count = rows * n;
  fcFloat32(input, rows, p.inputSize, io(table, IO_INPUT_WEIGHTS + gate), io(table, IO_BIAS + gate), n, out);
  fcFloat32(hidden, rows, n, io(table, IO_RECURRENT_WEIGHTS + gate), 0, n, tmp);
  for (let i = 0; i < count; i++) {
    const at = out + (<usize>i << 2);
    store<f32>(at, load<f32>(at) + load<f32>(tmp + (<usize>i << 2)));
  }
  if (gate == GATE_CELL) tanhFloat32Block(out, out, count);
  else sigmoidFloat32Block(out, out, count);
}

function stepFloat32(p: LstmParams, table: usize, input: usize, hidden: usize, cell: usize, output: usize, rows: i32): void {
  const count = rows * p.stateSize;
  const bufferBytes = <usize>(p.batches * p.stateSize) << 2;
  const forgetGate = io(table, IO_SCRATCH);
  const inputGate = forgetGate + bufferBytes;
  const cellGate = inputGate + bufferBytes;
  const tmp = cellGate + bufferBytes;
  gateFloat32(p, table, GATE_FORGET, input, hidden, rows, forgetGate, tmp);
  gateFloat32(p, table, GATE_INPUT, input, hidden, rows, inputGate, tmp);
  gateFloat32(p, table, GATE_CELL, input, hidden, rows, cellGate, tmp);
  const clip = p.cellClip;
  for (let i = 0; i < count; i++) {
    const o = <usize>i << 2;
    let c = load<f32>(forgetGate + o) * load<f32>(cell + o) + load<f32>(inputGate + o) * load<f32>(cellGate + o);
    if (p.useCellClip) c = Mathf.max(Mathf.min(clip, c), -clip);
    store<f32>(cell + o, c);
  }
  const outputGate = inputGate;
  gateFloat32(p, table, GATE_OUTPUT, input, hidden, rows, outputGate, tmp);
  for (let i = 0; i < count; i++) {
    const o = <usize>i << 2;
    store<f32>(hidden + o, <f32>Math.tanh(<f64>load<f32>(cell + o)) * load<f32>(outputGate + o));
  }
  memory.copy(output, hidden, <usize>count << 2);
}

// ---- sequence drivers ---------------------------------------------------------------------

/**
 * Runs every time step. Time-major input [time, batch, input] steps all batches at once;
 * batch-major [batch, time, input] runs each batch's sequence on its own state row.
 * `activationShift`: log2 of the activation dtype size.
 */
// @ts-ignore: decorator
@inline function runSequence(p: LstmParams, table: usize, activationShift: i32, cellShift: i32, kind: i32): void {
  const input = io(table, IO_INPUT);
  const output = io(table, IO_OUTPUT);
  const hidden = io(table, IO_HIDDEN);
  const cell = io(table, IO_CELL);
  const inStep = <usize>p.inputSize << activationShift;
  const outStep = <usize>p.stateSize << activationShift;
  const cellStep = <usize>p.stateSize << cellShift;
  if (p.timeMajor) {
    const rows = p.batches;
    for (let t = 0; t < p.timeSteps; t++) {
      const k = <usize>(t * rows);
      if (kind == 0) stepFloat32(p, table, input + k * inStep, hidden, cell, output + k * outStep, rows);
      else stepInteger(p, table, input + k * inStep, hidden, cell, output + k * outStep, rows, kind == 2);
    }
  } else {
    for (let b = 0; b < p.batches; b++) {
      const h = hidden + <usize>b * outStep;
      const c = cell + <usize>b * cellStep;
      for (let t = 0; t < p.timeSteps; t++) {
        const k = <usize>(b * p.timeSteps + t);
        if (kind == 0) stepFloat32(p, table, input + k * inStep, h, c, output + k * outStep, 1);
        else stepInteger(p, table, input + k * inStep, h, c, output + k * outStep, 1, kind == 2);
      }
    }
  }
}

/** float32 activations, weights and cell state. */
export function lstmFloat32(p: LstmParams, table: usize): void { runSequence(p, table, 2, 2, 0); }

/** int8 activations, int8 weights, int32 biases, int16 cell state. */
export function lstmInt8(p: LstmParams, table: usize): void { runSequence(p, table, 0, 1, 1); }

/** int16 activations, int8 weights, int64 biases, int16 cell state. */
export function lstmInt16(p: LstmParams, table: usize): void { runSequence(p, table, 1, 1, 2); }
