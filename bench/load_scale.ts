#!/usr/bin/env node
// Load time against model size: `node dist/bench/load_scale.js [--sizes 1000,5000,20000] [--variant scalar]`.
// Loads generated models of growing op counts (tests/planner_models.ts) into a fixed 64 MB arena
// (one load, no sizing pass) with every planner strategy and with TFLM's greedy alone, and prints
// the median load time per model (for a refused model: the time to refuse it and the message).

import { engineFor, TestVariant } from '../tests/helpers.js';
import { planExports } from '../bindings/inspect.js';
import { longChainModel, residualModel, wideModel, manyOutputsModel, wideOpModel } from '../tests/planner_models.js';

function parse(argv: string[]) {
  const o = { sizes: [1000, 5000, 20000], variant: 'scalar' as TestVariant, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--sizes') { o.sizes = v.split(',').map(Number); i++; }
    else if (argv[i] === '--variant') { o.variant = v as TestVariant; i++; }
    else if (argv[i] === '--runs') { o.runs = Number(v); i++; }
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

const GENERATORS: Array<[string, (ops: number) => Uint8Array]> = [
  ['FC chain', (n) => longChainModel(n)],
  ['residual', (n) => residualModel(Math.round(n / 3.25), 4)],
  ['wide (n/2 alive)', (n) => wideModel(n)],
  ['n model outputs', (n) => manyOutputsModel(n)],
  ['1 op, n inputs, n outputs', (n) => wideOpModel(n)],
];

/** Median load time (or time to refusal, with the message's start). */
async function time(bytes: Uint8Array, mask: number, variant: TestVariant, runs: number): Promise<string> {
  const times: number[] = [];
  let refused = '';
  for (let r = 0; r < runs; r++) {
    const engine = await engineFor(variant, 64 << 20);
    planExports(engine).ml_plan_configure(mask);
    const t0 = performance.now();
    try {
      engine.load(bytes);
    } catch (e) {
      const message = (e as Error).message;
      refused = ` (refused: ${message.length > 48 ? `${message.slice(0, 45)}...` : message})`;
    }
    times.push(performance.now() - t0);
    if (times[0] > 2000) break; // one sample of a slow load is enough
  }
  times.sort((a, b) => a - b);
  return `${times[times.length >> 1].toFixed(1)} ms${refused}`;
}

const o = parse(process.argv.slice(2));
console.log(`| model | ops | file | load (all strategies) | load (TFLM greedy only) |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const [name, make] of GENERATORS) {
  for (const n of o.sizes) {
    const bytes = make(n);
    const all = await time(bytes, 0x1ff, o.variant, o.runs);
    const tflm = await time(bytes, 0x001, o.variant, o.runs);
    console.log(`| ${name} | ${n.toLocaleString('en-US')} | ${(bytes.length / 1024).toFixed(0)} KB | ${all} | ${tflm} |`);
  }
}
