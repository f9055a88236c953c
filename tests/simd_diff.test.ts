// Seeded differential test of the SIMD CONV_2D and FULLY_CONNECTED kernels: thousands of random
// single-op models (shapes, strides, paddings, dilations, zero points, per-channel multipliers,
// channel counts around 4/8/16, activations; int8, int4 filters, int16, float32) must give the
// same output bytes on the scalar and the SIMD build. Case generators: ./simd_diff/gen.ts.
// SIMD_DIFF_SEED=n picks another seed, SIMD_DIFF_SCALE=k multiplies the case counts; a failure
// names the seed and case index (new Rng(seed, index) replays it).

import { test } from 'node:test';
import { Rng, DiffCase, conv2dCase, fullyConnectedCase, expectSameBytes, ConvDType, FullyConnectedDType } from './simd_diff/gen.js';

const SEED = Number(process.env.SIMD_DIFF_SEED ?? 4);
const SCALE = Number(process.env.SIMD_DIFF_SCALE ?? 1);

function* cases(stream: number, count: number, make: (rng: Rng) => DiffCase): Generator<DiffCase> {
  for (let i = 0; i < count; i++) {
    const c = make(new Rng(SEED, stream * 1_000_000 + i));
    yield { ...c, name: `[seed ${SEED} stream ${stream} case ${i}] ${c.name}` };
  }
}

const CONV: Array<[ConvDType, number]> = [['int8', 4000], ['int4', 300], ['float32', 1000], ['int16', 100]];
CONV.forEach(([dtype, count], k) => {
  test(`SIMD = scalar bytes: CONV_2D ${dtype} (${Math.round(count * SCALE)} random models)`, async () => {
    const s = await expectSameBytes(cases(1 + k, Math.round(count * SCALE), (rng) => conv2dCase(rng, dtype)));
    if (s.compared < s.refused * 4) throw new Error(`too many refused models: ${s.refused} of ${s.compared + s.refused}`);
  });
});

const FC: Array<[FullyConnectedDType, number]> = [['int8', 2500], ['float32', 800]];
FC.forEach(([dtype, count], k) => {
  test(`SIMD = scalar bytes: FULLY_CONNECTED ${dtype} (${Math.round(count * SCALE)} random models)`, async () => {
    const s = await expectSameBytes(cases(11 + k, Math.round(count * SCALE), (rng) => fullyConnectedCase(rng, dtype)));
    if (s.compared < s.refused * 4) throw new Error(`too many refused models: ${s.refused} of ${s.compared + s.refused}`);
  });
});
