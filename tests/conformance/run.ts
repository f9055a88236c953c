// The conformance suite of `npm test`: every model of ../shared/conformance (or
// MICROLITE_CONFORMANCE) on both kernel sets. Fails when the data is missing, when any case
// differs from TFLM's golden, when a model TFLM refuses is accepted, or when a model outside
// the short list below is refused.

import { conformanceDir } from '../helpers.js';
import { runConformance, ConformanceModelResult } from '../../bindings/conformance.js';

/** Models we knowingly refuse for now (op not implemented yet), with the reason. Keep it short. */
export const NOT_YET_SUPPORTED: Record<string, string> = {
};

const dir = conformanceDir();
if (!dir) {
  console.error('conformance: no data found. Put the conformance folder at ../shared/conformance or set MICROLITE_CONFORMANCE to it.');
  process.exit(1);
}

let problems = 0;
for (const variant of ['scalar', 'simd'] as const) {
  const t0 = performance.now();
  const report = await runConformance(dir, { variant });
  const bad = (r: ConformanceModelResult, why: string) => { problems++; console.error(`  ${variant}: ${r.name}: ${why}`); };
  for (const r of report.models) {
    if (r.failed) bad(r, r.error ?? `${r.failed} case(s) differ: ${r.failures.slice(0, 2).map((f) => `${f.case} ${f.detail}`).join('; ')}`);
    else if (r.refused && !(r.name in NOT_YET_SUPPORTED)) bad(r, `refused: ${r.error}`);
    else if (!r.refused && r.name in NOT_YET_SUPPORTED) bad(r, 'now passes: remove it from NOT_YET_SUPPORTED');
    if (r.arena_total !== null && r.tflm_arena !== null && r.arena_total > r.tflm_arena) {
      bad(r, `arena ${r.arena_total} bytes exceeds TFLM's ${r.tflm_arena}`);
    }
  }
  const refused = report.models.filter((m) => !m.supported_by_tflm && !m.failed).length;
  console.log(`conformance: ${report.passed} passed, ${report.failed} failed, ${report.unsupported} unsupported (${refused} models refused as TFLM refuses them) [${variant}, ${((performance.now() - t0) / 1000).toFixed(1)} s]`);
}
if (problems) {
  console.error(`conformance: ${problems} problem(s)`);
  process.exit(1);
}
