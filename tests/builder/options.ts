// Builtin options tables for the test-model builder: field ids and BuiltinOptions union
// indices as schema.fbs defines them.

import type { OpOptions, OptionField } from './tflite_builder.js';

export type ActivationName = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';
const ACT: Record<ActivationName, number> = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4, SIGN_BIT: 5 };
export type PaddingName = 'SAME' | 'VALID';
const PAD: Record<PaddingName, number> = { SAME: 0, VALID: 1 };

const act = (a?: ActivationName) => ACT[a ?? 'NONE'];

export const options = {
  conv2d(o: { padding?: PaddingName; strideW?: number; strideH?: number; activation?: ActivationName; dilationW?: number; dilationH?: number } = {}): OpOptions {
    return { unionType: 1, fields: [[0, 'int8', PAD[o.padding ?? 'VALID']], [1, 'int32', o.strideW ?? 1], [2, 'int32', o.strideH ?? 1],
      [3, 'int8', act(o.activation)], [4, 'int32', o.dilationW ?? 1], [5, 'int32', o.dilationH ?? 1]] };
  },
  depthwiseConv2d(o: { padding?: PaddingName; strideW?: number; strideH?: number; depthMultiplier?: number; activation?: ActivationName; dilationW?: number; dilationH?: number } = {}): OpOptions {
    return { unionType: 2, fields: [[0, 'int8', PAD[o.padding ?? 'VALID']], [1, 'int32', o.strideW ?? 1], [2, 'int32', o.strideH ?? 1],
      [3, 'int32', o.depthMultiplier ?? 1], [4, 'int8', act(o.activation)], [5, 'int32', o.dilationW ?? 1], [6, 'int32', o.dilationH ?? 1]] };
  },
  pool2d(o: { padding?: PaddingName; strideW?: number; strideH?: number; filterW: number; filterH: number; activation?: ActivationName }): OpOptions {
    return { unionType: 5, fields: [[0, 'int8', PAD[o.padding ?? 'VALID']], [1, 'int32', o.strideW ?? 1], [2, 'int32', o.strideH ?? 1],
      [3, 'int32', o.filterW], [4, 'int32', o.filterH], [5, 'int8', act(o.activation)]] };
  },
  fullyConnected(o: { activation?: ActivationName; keepNumDims?: boolean } = {}): OpOptions {
    return { unionType: 8, fields: [[0, 'int8', act(o.activation)], [2, 'bool', o.keepNumDims ?? false]] };
  },
  softmax(o: { beta?: number } = {}): OpOptions { return { unionType: 9, fields: [[0, 'float32', o.beta ?? 1]] }; },
  concatenation(o: { axis: number; activation?: ActivationName }): OpOptions {
    return { unionType: 10, fields: [[0, 'int32', o.axis], [1, 'int8', act(o.activation)]] };
  },
  add(o: { activation?: ActivationName; potScaleInt16?: boolean } = {}): OpOptions {
    const f: OptionField[] = [[0, 'int8', act(o.activation)]];
    if (o.potScaleInt16 !== undefined) f.push([1, 'bool', o.potScaleInt16]);
    return { unionType: 11, fields: f };
  },
  sub(o: { activation?: ActivationName; potScaleInt16?: boolean } = {}): OpOptions {
    const f: OptionField[] = [[0, 'int8', act(o.activation)]];
    if (o.potScaleInt16 !== undefined) f.push([1, 'bool', o.potScaleInt16]);
    return { unionType: 28, fields: f };
  },
  mul(o: { activation?: ActivationName } = {}): OpOptions { return { unionType: 21, fields: [[0, 'int8', act(o.activation)]] }; },
  reshape(newShape?: number[]): OpOptions { return { unionType: 17, fields: newShape ? [[0, 'int32[]', newShape]] : [] }; },
  /** Any options table given by union index and fields. */
  raw(unionType: number, fields: OpOptions['fields']): OpOptions { return { unionType, fields }; },
};
