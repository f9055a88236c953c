// Multiply-accumulate counts of a model, computed from its ops and tensor shapes.
//
// Counted: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, CONV_3D, BATCH_MATMUL and
// the LSTM/RNN weight products exactly; pooling as one per window element; elementwise arithmetic
// (ADD, SUB, MUL, ...) as one per output element. Data movement, activations, softmax,
// (de)quantization count 0, so GMAC/s measures the arithmetic that dominates these models.

import type { OpInfo, TensorInfo } from '../bindings/index.js';
import { FlatTables, MODEL_SUBGRAPHS, SUBGRAPH_OPERATORS, OPERATOR_OPTIONS_TYPE, OPERATOR_OPTIONS, OPTIONS_POOL2D, POOL_FILTER_WIDTH, POOL_FILTER_HEIGHT } from './flatbuf.js';

const ELEMENTWISE = new Set(['ADD', 'SUB', 'MUL', 'DIV', 'SQUARED_DIFFERENCE', 'MAXIMUM', 'MINIMUM', 'ADD_N']);
const POOLS = new Set(['AVERAGE_POOL_2D', 'MAX_POOL_2D', 'L2_POOL_2D']);

const product = (xs: readonly number[]) => xs.reduce((p, x) => p * Math.max(x, 0), 1);

/** MACs of each op, in execution order. `modelBytes` is read only for pooling windows. */
export function opMacs(ops: OpInfo[], tensors: TensorInfo[], modelBytes?: Uint8Array): number[] {
  const shape = (t: number | undefined) => (t !== undefined && t >= 0 && t < tensors.length ? tensors[t].shape : []);
  const windows = modelBytes ? poolWindows(modelBytes) : new Map<number, [number, number]>();
  return ops.map((op) => {
    const out = shape(op.outputs[0]);
    const outElems = product(out);
    const w = shape(op.inputs[1]);
    switch (op.op) {
      case 'CONV_2D': return w.length === 4 ? outElems * w[1] * w[2] * w[3] : 0;
      case 'DEPTHWISE_CONV_2D': return w.length === 4 ? outElems * w[1] * w[2] : 0;
      case 'FULLY_CONNECTED': return w.length === 2 ? outElems * w[1] : 0;
      case 'CONV_3D': return w.length === 5 ? outElems * w[0] * w[1] * w[2] * w[3] : 0;
      case 'TRANSPOSE_CONV': {
        // inputs: output_shape, weights [Co, kh, kw, Ci], input: every input element meets kh*kw*Co weights.
        const weights = shape(op.inputs[1]);
        return weights.length === 4 ? product(shape(op.inputs[2])) * weights[0] * weights[1] * weights[2] : 0;
      }
      case 'BATCH_MATMUL': {
        const lhs = shape(op.inputs[0]);
        return lhs.length >= 2 ? outElems * lhs[lhs.length - 1] : 0;
      }
      case 'UNIDIRECTIONAL_SEQUENCE_LSTM': case 'LSTM': case 'UNIDIRECTIONAL_SEQUENCE_RNN': case 'RNN': case 'SVDF': {
        // Every step multiplies the input and the recurrent state by the weight matrices (inputs 1..8
        // for LSTM, 1..2 for RNN/SVDF): steps x batch = input elements / input depth.
        const input = shape(op.inputs[0]);
        const depth = input[input.length - 1] || 1;
        const stepsTimesBatch = product(input) / depth;
        const last = op.op.endsWith('LSTM') ? 8 : 2;
        let weights = 0;
        for (let k = 1; k <= last && k < op.inputs.length; k++) if (op.inputs[k] >= 0) weights += product(shape(op.inputs[k]));
        return stepsTimesBatch * weights;
      }
    }
    if (POOLS.has(op.op)) {
      const win = windows.get(op.index);
      if (win) return outElems * win[0] * win[1];
      const input = shape(op.inputs[0]);
      // Without the options (unreadable model), assume non-overlapping windows.
      return input.length === 4 && out.length === 4 ? outElems * Math.ceil(input[1] / out[1]) * Math.ceil(input[2] / out[2]) : 0;
    }
    return ELEMENTWISE.has(op.op) ? outElems : 0;
  });
}

/** Pooling windows (filter height, width) by op index of subgraph 0, from the Pool2DOptions. */
export function poolWindows(bytes: Uint8Array): Map<number, [number, number]> {
  const found = new Map<number, [number, number]>();
  try {
    const fb = new FlatTables(bytes);
    const sg = fb.tables(fb.root(), MODEL_SUBGRAPHS)[0];
    if (sg === undefined) return found;
    fb.tables(sg, SUBGRAPH_OPERATORS).forEach((op, i) => {
      const type = fb.field(op, OPERATOR_OPTIONS_TYPE);
      const options = fb.field(op, OPERATOR_OPTIONS);
      if (!type || !options || fb.u8(type) !== OPTIONS_POOL2D) return;
      const table = fb.ref(options);
      const fw = fb.field(table, POOL_FILTER_WIDTH);
      const fh = fb.field(table, POOL_FILTER_HEIGHT);
      if (fw && fh) found.set(i, [fb.i32(fh), fb.i32(fw)]);
    });
  } catch {
    // A malformed offset (RangeError): keep what was read; callers fall back to shapes.
  }
  return found;
}
