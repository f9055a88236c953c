// Runs every op test table (tests/ops/*.cases.ts) on both kernel sets, and checks that the
// SIMD build gives the scalar build's bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelBuilder } from './builder/tflite_builder.js';
import { MicroliteError, TensorData } from '../bindings/index.js';
import { engineFor, VARIANTS } from './helpers.js';
import type { OpCase } from './ops/op_case.js';

const dir = fileURLToPath(new URL('./ops/', import.meta.url));
const tables = readdirSync(dir).filter((f) => f.endsWith('.cases.js')).sort();

function toNumbers(d: TensorData | ArrayLike<number> | ArrayLike<bigint>): number[] {
  return Array.from(d as ArrayLike<number | bigint>, (v) => Number(v));
}

for (const file of tables) {
  const { cases } = (await import(`./ops/${file}`)) as { cases: OpCase[] };
  for (const c of cases) {
    test(`${file.replace('.cases.js', '')}: ${c.name}`, async () => {
      const m = new ModelBuilder();
      c.build(m);
      const bytes = m.finish();
      const results: number[][][] = [];
      for (const variant of VARIANTS) {
        const engine = await engineFor(variant);
        if (c.refused) {
          assert.throws(() => engine.load(bytes), (err: unknown) => err instanceof MicroliteError && c.refused!.test(err.message),
            `${variant}: expected a refusal matching ${c.refused}`);
          continue;
        }
        const model = engine.load(bytes);
        let outs: number[][] = [];
        for (let s = 0; s < (c.steps ?? 1); s++) {
          (c.inputs ?? []).forEach((values, i) => model.inputs[i].set(values as ArrayLike<number>));
          model.invoke();
          outs = model.outputs.map((t) => toNumbers(t.data));
        }
        (c.expected ?? []).forEach((want, i) => {
          const expected = toNumbers(want);
          if (c.tolerance !== undefined) {
            assert.equal(outs[i].length, expected.length, `${variant}: output ${i} length`);
            outs[i].forEach((v, k) => assert.ok(Math.abs(v - expected[k]) <= c.tolerance!, `${variant}: output ${i}[${k}] = ${v}, expected ${expected[k]}`));
          } else {
            assert.deepEqual(outs[i], expected, `${variant}: output ${i}`);
          }
        });
        results.push(outs);
      }
      if (results.length === 2) assert.deepEqual(results[1], results[0], 'SIMD output differs from scalar');
    });
  }
}
