// The fuzzer inside npm test: the regression models of every failure found so far, and a
// seeded run of 5,000 mutated models per build (builder seeds for every op, plus the small
// conformance models when present). npm run fuzz runs the long campaign (default 100,000).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MicroliteError } from '../bindings/index.js';
import { engineFor, VARIANTS } from './helpers.js';
import { fuzz } from './fuzz/pool.js';
import { regressions } from './fuzz/regressions/models.js';

const CASES = 5000;
const SEED = 20261123;

for (const variant of VARIANTS) {
  test(`fuzz regressions (${variant})`, async () => {
    for (const r of regressions) {
      const engine = await engineFor(variant);
      const bytes = r.build();
      if (r.refused) {
        assert.throws(() => engine.load(bytes), (err: unknown) => err instanceof MicroliteError && r.refused!.test(err.message), `${r.name}: expected ${r.refused}`);
      } else {
        const model = engine.load(bytes);
        model.invoke();
      }
    }
  });

  test(`fuzz: ${CASES} mutated models (${variant}, seed ${SEED})`, async () => {
    const summary = await fuzz({
      cases: CASES, seed: SEED, variant, timeoutMs: 15_000,
      seeds: { builder: true, conformanceMaxBytes: 30_000, models: [] },
    });
    const report = summary.failures.map((f) => `case ${f.index} (${f.seed}; ${f.steps.join('; ')}): ${f.message}\n` +
      `  replay: npm run fuzz -- --seed ${SEED} --case ${f.index} --variant ${variant} --conformance-max 30000`);
    assert.equal(summary.failures.length, 0, report.join('\n'));
    assert.equal(summary.cases, CASES);
    // The run must reach past the verifier: some cases load and invoke.
    assert.ok(summary.invoked > CASES / 20, `only ${summary.invoked} cases invoked`);
  });
}
