// The built-in example: a small int8 model that approximates sin(x) on [0, 2π], built with the
// test-model builder at build time (npm run build) and run by `npm start`.
//
// Hidden layer: 16 hinge units relu(a_j * (x - c_j)) with knots spread over the range;
// output layer: least-squares weights over those units. Everything is then quantized the
// way the TFLite converter does (per-channel symmetric int8 weights, int32 bias).

import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelBuilder } from './tflite_builder.js';
import { options } from './options.js';

const HIDDEN = 16;
const X_MAX = 2 * Math.PI;

/** Solves the least-squares system A v = y (normal equations, Gaussian elimination). */
function leastSquares(rows: number[][], y: number[]): number[] {
  const n = rows[0].length;
  const m = Array.from({ length: n }, () => new Array(n + 1).fill(0));
  rows.forEach((r, k) => { for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) m[i][j] += r[i] * r[j]; m[i][n] += r[i] * y[k]; } });
  for (let i = 0; i < n; i++) m[i][i] += 1e-9; // ridge, keeps it well posed
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** The float model: knots, slopes, output weights and bias. */
function fit(): { a: number[]; b: number[]; v: number[]; v0: number } {
  const a = Array.from({ length: HIDDEN }, (_, j) => (j % 2 ? 1 : 1.5));
  const c = Array.from({ length: HIDDEN }, (_, j) => (X_MAX * j) / HIDDEN);
  const b = a.map((aj, j) => -aj * c[j]);
  const xs = Array.from({ length: 400 }, (_, k) => (X_MAX * k) / 399);
  const rows = xs.map((x) => [...a.map((aj, j) => Math.max(0, aj * x + b[j])), 1]);
  const sol = leastSquares(rows, xs.map(Math.sin));
  return { a, b, v: sol.slice(0, HIDDEN), v0: sol[HIDDEN] };
}

const round = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

/** Builds the quantized model. */
export function buildSineModel(): Uint8Array {
  const { a, b, v, v0 } = fit();
  const inScale = X_MAX / 255;            // x in [0, 2π] over int8's 256 levels
  const inZero = -128;
  let hiddenMax = 0;
  for (let j = 0; j < HIDDEN; j++) hiddenMax = Math.max(hiddenMax, a[j] * X_MAX + b[j]);
  const hScale = hiddenMax / 255;
  const hZero = -128;                      // relu output: [0, hiddenMax]
  const outScale = 1.2 / 127;              // sin in [-1, 1] with headroom
  const outZero = 0;

  const m = new ModelBuilder();
  const x = m.tensor({ name: 'x', dtype: 'int8', shape: [1, 1], scale: inScale, zeroPoint: inZero });
  // Layer 1: per-channel weights (one scale per unit).
  const w1Scale = a.map((aj) => Math.abs(aj) / 127);
  const w1 = m.constant({ name: 'dense1/weights', dtype: 'int8', shape: [HIDDEN, 1], data: a.map((aj, j) => round(aj / w1Scale[j])), scale: w1Scale, zeroPoint: w1Scale.map(() => 0), quantizedDimension: 0 });
  const b1 = m.constant({ name: 'dense1/bias', dtype: 'int32', shape: [HIDDEN], data: b.map((bj, j) => round(bj / (inScale * w1Scale[j]))), scale: w1Scale.map((s) => s * inScale), zeroPoint: w1Scale.map(() => 0) });
  const h = m.tensor({ name: 'dense1/relu', dtype: 'int8', shape: [1, HIDDEN], scale: hScale, zeroPoint: hZero });
  m.op('FULLY_CONNECTED', [x, w1, b1], [h], options.fullyConnected({ activation: 'RELU' }));
  // Layer 2: per-tensor weights.
  const vMax = Math.max(...v.map(Math.abs));
  const w2Scale = vMax / 127;
  const w2 = m.constant({ name: 'dense2/weights', dtype: 'int8', shape: [1, HIDDEN], data: v.map((vj) => round(vj / w2Scale)), scale: w2Scale, zeroPoint: 0 });
  const b2 = m.constant({ name: 'dense2/bias', dtype: 'int32', shape: [1], data: [round(v0 / (hScale * w2Scale))], scale: hScale * w2Scale, zeroPoint: 0 });
  const y = m.tensor({ name: 'y', dtype: 'int8', shape: [1, 1], scale: outScale, zeroPoint: outZero });
  m.op('FULLY_CONNECTED', [h, w2, b2], [y], options.fullyConnected());
  m.inputs(x).outputs(y);
  return m.finish();
}

// `node dist/tests/builder/example_model.js OUT.tflite` writes the model.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? 'build/example.tflite';
  mkdirSync(new URL('.', new URL(out, `file://${process.cwd()}/`)), { recursive: true });
  writeFileSync(out, buildSineModel());
}
