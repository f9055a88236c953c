// Random DEPTHWISE_CONV_2D models for the SIMD = scalar differential tests
// (../simd_diff_dw.test.ts, ../simd_diff_compact.test.ts).

import { ModelBuilder } from '../builder/tflite_builder.js';
import { options, PaddingName } from '../builder/options.js';
import { Rng, DiffCase, int8s, int16s, floats, bytesOf, outSize, logScale, ACTIVATIONS, CHANNELS } from './gen.js';

type DwDType = 'int8' | 'int4' | 'float32' | 'int16';

/** A random DEPTHWISE_CONV_2D model: any multiplier, window, stride, dilation, padding. */
export function depthwiseCase(r: Rng, index: number): DiffCase {
  const dtype = r.weighted([[70, 'int8'], [5, 'int4'], [20, 'float32'], [5, 'int16']] as const) as DwDType;
  const batches = r.chance(0.1) ? 2 : 1;
  const multiplier = r.chance(0.7) ? 1 : r.pick([2, 3, 4, 8, 16]);
  const inDepth = multiplier === 1 ? (r.chance(0.1) ? r.range(1, 140) : r.pick(CHANNELS)) : r.pick([1, 2, 3, 4, 5, 8, 9, 16, 17]);
  const outDepth = inDepth * multiplier;
  const square3 = r.chance(0.5);
  const kh = square3 ? 3 : r.range(1, 5), kw = square3 ? 3 : r.range(1, 5);
  const sh = r.pick([1, 1, 2, 3]), sw = r.chance(0.8) ? sh : r.pick([1, 2, 3]);
  const dh = r.chance(0.8) ? 1 : r.range(2, 3), dw = r.chance(0.8) ? dh : r.range(1, 3);
  const padding: PaddingName = r.chance(0.6) ? 'SAME' : 'VALID';
  const ih = r.range((kh - 1) * dh + 1, (kh - 1) * dh + 12), iw = r.range((kw - 1) * dw + 1, (kw - 1) * dw + 12);
  const oh = outSize(padding, ih, kh, sh, dh), ow = outSize(padding, iw, kw, sw, dw);
  const activation = r.pick(ACTIVATIONS);
  const hasBias = r.chance(0.85);
  const m = new ModelBuilder();
  const inputCount = batches * ih * iw * inDepth, filterCount = kh * kw * outDepth;
  let x: number, f: number, b = -1, y: number, input: Uint8Array;
  if (dtype === 'float32') {
    x = m.tensor({ dtype: 'float32', shape: [batches, ih, iw, inDepth] });
    f = m.constant({ dtype: 'float32', shape: [1, kh, kw, outDepth], data: floats(r, filterCount) });
    if (hasBias) b = m.constant({ dtype: 'float32', shape: [outDepth], data: floats(r, outDepth, 2) });
    y = m.tensor({ dtype: 'float32', shape: [batches, oh, ow, outDepth] });
    input = bytesOf(floats(r, inputCount, 4));
  } else {
    const act = dtype === 'int16' ? 'int16' : 'int8';
    const inScale = logScale(r, -8, -2), outScale = logScale(r, -6, 0);
    // Effective per-channel multipliers from 2^-14 up to 2^1.5 (left shifts included), now and
    // then one far smaller (right shifts of 31 and beyond).
    const wScales = Array.from({ length: outDepth }, () => Math.fround((outScale * 2 ** (r.chance(0.03) ? -40 : r.float() * 15.5 - 14)) / inScale));
    const zeros = wScales.map(() => 0);
    x = m.tensor({ dtype: act, shape: [batches, ih, iw, inDepth], scale: inScale, zeroPoint: act === 'int8' ? r.range(-128, 127) : 0 });
    const wq = { scale: wScales, zeroPoint: zeros, quantizedDimension: 3 };
    if (dtype === 'int4') {
      const packed = new Uint8Array(Math.ceil(filterCount / 2));
      for (let i = 0; i < packed.length; i++) packed[i] = r.range(0, 255);
      f = m.constant({ dtype: 'int4', shape: [1, kh, kw, outDepth], data: packed, ...wq });
    } else {
      f = m.constant({ dtype: 'int8', shape: [1, kh, kw, outDepth], data: int8s(r, filterCount), ...wq });
    }
    if (hasBias) {
      const span = 2 ** r.range(0, r.chance(0.05) ? 30 : 18);
      const values = Array.from({ length: outDepth }, () => Math.round((r.float() * 2 - 1) * span));
      const bq = { scale: wScales.map((s) => Math.fround(s * inScale)), zeroPoint: zeros, quantizedDimension: 0 };
      b = act === 'int16'
        ? m.constant({ dtype: 'int64', shape: [outDepth], data: new BigInt64Array(values.map(BigInt)), ...bq })
        : m.constant({ dtype: 'int32', shape: [outDepth], data: Int32Array.from(values), ...bq });
    }
    y = m.tensor({ dtype: act, shape: [batches, oh, ow, outDepth], scale: outScale, zeroPoint: act === 'int8' ? r.range(-128, 127) : 0 });
    input = bytesOf(act === 'int16' ? int16s(r, inputCount) : int8s(r, inputCount));
  }
  m.op('DEPTHWISE_CONV_2D', [x, f, b], [y], options.depthwiseConv2d({
    padding, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, depthMultiplier: multiplier, activation }));
  m.inputs(x).outputs(y);
  const name = `#${index} depthwise ${dtype} ${batches}x${ih}x${iw}x${inDepth} ${kh}x${kw} multiplier ${multiplier} ` +
    `stride ${sh},${sw} dilation ${dh},${dw} ${padding} ${activation}${hasBias ? '' : ' no bias'}`;
  return { name, model: m.finish(), inputs: [input] };
}

