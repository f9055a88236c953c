// Models with several subgraphs for the control-flow tests: options of the control-flow and
// resource-variable ops, a builder that records each subgraph's structure, an independent
// reckoning of TFLM's nested lifetimes, and a generator of random nested models (float32
// FULLY_CONNECTED / ADD / LESS / IF / WHILE) with a JS reference evaluator.

import { ModelBuilder, OpOptions } from './builder/tflite_builder.js';
import { options } from './builder/options.js';
import { rng } from './planner_models.js';

export const ifOptions = (thenIndex: number, elseIndex: number): OpOptions => options.raw(92, [[0, 'int32', thenIndex], [1, 'int32', elseIndex]]);
export const whileOptions = (cond: number, body: number): OpOptions => options.raw(93, [[0, 'int32', cond], [1, 'int32', body]]);
export const callOnceOptions = (init: number): OpOptions => options.raw(103, [[0, 'int32', init]]);
export const varHandleOptions = (sharedName: string, container?: string): OpOptions =>
  options.raw(111, container === undefined ? [[1, 'string', sharedName]] : [[0, 'string', container], [1, 'string', sharedName]]);

/** A WHILE whose condition is always true and whose body does nothing: it never ends. */
export function neverEndingWhile(): Uint8Array {
  const m = new ModelBuilder();
  const s = m.tensor({ dtype: 'float32', shape: [1] });
  const o = m.tensor({ dtype: 'float32', shape: [1] });
  m.op('WHILE', [s], [o], whileOptions(1, 2));
  m.inputs(s).outputs(o);
  m.subgraph('cond: always true');
  const cs = m.tensor({ dtype: 'float32', shape: [1] });
  const yes = m.constant({ dtype: 'bool', shape: [1], data: [1] });
  m.inputs(cs).outputs(yes);
  m.subgraph('body: nothing');
  const bs = m.tensor({ dtype: 'float32', shape: [1] });
  m.inputs(bs).outputs(bs);
  m.use(0);
  return m.finish();
}

/** One operator as the lifetime reckoning sees it. */
export interface OpShape { inputs: number[]; outputs: number[]; calls: number[] }
export interface SubgraphShape { inputs: number[]; outputs: number[]; ops: OpShape[] }

/** A ModelBuilder that also records each subgraph's ops and the subgraphs they call. */
export class RecordingBuilder extends ModelBuilder {
  shapes: SubgraphShape[] = [{ inputs: [], outputs: [], ops: [] }];
  private at = 0;
  override subgraph(name?: string): number {
    const i = super.subgraph(name);
    this.shapes[i] = { inputs: [], outputs: [], ops: [] };
    this.at = i;
    return i;
  }
  override use(index: number): this { super.use(index); this.at = index; return this; }
  override op(name: string | number, inputs: number[], outputs: number[], opts?: OpOptions, extra?: { version?: number; intermediates?: number[] }): this {
    super.op(name, inputs, outputs, opts, extra);
    const field = (id: number) => opts?.fields.find((f) => f[0] === id)?.[2] as number | undefined;
    const calls = name === 'IF' || name === 'WHILE' ? [field(0) ?? 0, field(1) ?? 0] : name === 'CALL_ONCE' ? [field(0) ?? 0] : [];
    this.shapes[this.at].ops.push({ inputs, outputs, calls });
    return this;
  }
  override customOp(name: string, inputs: number[], outputs: number[], custom?: Uint8Array, version = 1): this {
    super.customOp(name, inputs, outputs, custom, version);
    this.shapes[this.at].ops.push({ inputs, outputs, calls: [] });
    return this;
  }
  override inputs(...ids: number[]): this { super.inputs(...ids); this.shapes[this.at].inputs = ids; return this; }
  override outputs(...ids: number[]): this { super.outputs(...ids); this.shapes[this.at].outputs = ids; return this; }
}

/**
 * Lifetimes [first, last] per tensor of every subgraph, by walking the model from subgraph 0
 * with one global step counter: a subgraph's inputs start at its entry step, each op takes
 * the next step, a control-flow op then walks each callee one step further, its inputs and
 * outputs last until after them; outputs last to the subgraph's end. A subgraph walked more
 * than once spans all its walks. Tensors never touched stay [-1, -1].
 */
export function nestedLifetimes(shapes: SubgraphShape[], tensorCounts: number[]): Array<Array<[number, number]>> {
  const life = tensorCounts.map((n) => Array.from({ length: n }, (): [number, number] => [-1, -1]));
  let step = 0;
  const use = (s: number, t: number, at: number, entry: number, creates: boolean) => {
    if (t < 0) return;
    const l = life[s][t];
    if (l[0] < 0) l[0] = creates ? at : entry;
    l[1] = Math.max(l[1], at);
  };
  const visit = (s: number) => {
    const entry = step;
    const g = shapes[s];
    for (const t of g.inputs) use(s, t, step, entry, true);
    for (const op of g.ops) {
      step++;
      for (const t of op.outputs) use(s, t, step, entry, true);
      for (const callee of op.calls) { step++; visit(callee); }
      for (const t of op.inputs) use(s, t, step, entry, false);
      for (const t of op.outputs) use(s, t, step, entry, false);
    }
    for (const t of g.outputs) use(s, t, step, entry, true);
  };
  visit(0);
  return life;
}

// ---- random nested models ------------------------------------------------------------------

type Value = number[];
/** A JS reference of one subgraph: inputs to outputs. */
type Fn = (inputs: Value[]) => Value[];

interface Gen {
  m: RecordingBuilder;
  random: () => number;
  fns: Fn[];
  subgraphs: number;
}

const int = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/**
 * Builds a subgraph taking tensors of `inLens` floats ([1, n] each) to `outLens`, with a few
 * ops, nested IF/WHILE calls while `depth` allows. Returns its index and JS reference.
 */
function genSubgraph(g: Gen, inLens: number[], outLens: number[], depth: number): number {
  const { m, random } = g;
  const index = g.subgraphs === 0 ? 0 : m.subgraph();
  g.subgraphs++;
  m.use(index);
  type Slot = { t: number; len: number };
  // The reference evaluates `steps` in order over an environment of tensor values.
  const steps: Array<(env: Map<number, Value>) => void> = [];
  const pool: Slot[] = inLens.map((len) => ({ t: m.tensor({ dtype: 'float32', shape: [1, len] }), len }));
  const inputIds = pool.map((p) => p.t);
  const pick = () => pool[int(random, 0, pool.length - 1)];
  const fc = (src: Slot, len: number): Slot => {
    const w = Array.from({ length: len * src.len }, () => int(random, -1, 1));
    const b = Array.from({ length: len }, () => int(random, -2, 2));
    const wt = m.constant({ dtype: 'float32', shape: [len, src.len], data: w });
    const bt = m.constant({ dtype: 'float32', shape: [len], data: b });
    const out = { t: m.tensor({ dtype: 'float32', shape: [1, len] }), len };
    m.op('FULLY_CONNECTED', [src.t, wt, bt], [out.t], options.fullyConnected());
    steps.push((env) => {
      const x = env.get(src.t)!;
      env.set(out.t, b.map((bias, j) => x.reduce((acc, v, i) => acc + w[j * src.len + i] * v, bias)));
    });
    return out;
  };
  const condition = (src: Slot): number => {
    // c = (sum of a one-float FC of src) < threshold: a [1, 1] bool.
    const one = fc(src, 1);
    const threshold = int(random, -3, 3);
    const k = m.constant({ dtype: 'float32', shape: [1, 1], data: [threshold] });
    const c = m.tensor({ dtype: 'bool', shape: [1, 1] });
    m.op('LESS', [one.t, k], [c]);
    steps.push((env) => env.set(c, [env.get(one.t)![0] < threshold ? 1 : 0]));
    return c;
  };
  const opCount = int(random, 1, 4);
  for (let k = 0; k < opCount; k++) {
    const kind = random();
    if (kind < 0.35 || depth <= 0) {
      pool.push(fc(pick(), int(random, 1, 24)));
    } else if (kind < 0.5) {
      const a = pick();
      const same = pool.filter((p) => p.len === a.len);
      const b = same[int(random, 0, same.length - 1)];
      const out = { t: m.tensor({ dtype: 'float32', shape: [1, a.len] }), len: a.len };
      m.op('ADD', [a.t, b.t], [out.t], options.add());
      steps.push((env) => { const x = env.get(a.t)!, y = env.get(b.t)!; env.set(out.t, x.map((v, i) => v + y[i])); });
      pool.push(out);
    } else if (kind < 0.75) {
      // IF over 1-2 pool tensors to 1-2 new ones.
      const c = condition(pick());
      const args = Array.from({ length: int(random, 1, 2) }, () => pick());
      const outs = Array.from({ length: int(random, 1, 2) }, () => int(random, 1, 24));
      const thenIndex = genSubgraph(g, args.map((a) => a.len), outs, depth - 1);
      const elseIndex = random() < 0.2 ? thenIndex : genSubgraph(g, args.map((a) => a.len), outs, depth - 1);
      m.use(index);
      const results = outs.map((len) => ({ t: m.tensor({ dtype: 'float32', shape: [1, len] }), len }));
      m.op('IF', [c, ...args.map((a) => a.t)], results.map((r) => r.t), ifOptions(thenIndex, elseIndex));
      steps.push((env) => {
        const branch = g.fns[env.get(c)![0] ? thenIndex : elseIndex];
        branch(args.map((a) => env.get(a.t)!)).forEach((v, i) => env.set(results[i].t, v));
      });
      pool.push(...results);
    } else {
      // WHILE over (counter, 1-2 pool tensors): the counter counts up to a limit in 0..3.
      const limit = int(random, 0, 3);
      const start = m.constant({ dtype: 'float32', shape: [1, 1], data: [0] });
      const state = Array.from({ length: int(random, 1, 2) }, () => pick());
      const lens = [1, ...state.map((s) => s.len)];
      const condIndex = m.subgraph();
      g.subgraphs++;
      const ci = lens.map((len) => m.tensor({ dtype: 'float32', shape: [1, len] }));
      const lim = m.constant({ dtype: 'float32', shape: [1, 1], data: [limit] });
      const cc = m.tensor({ dtype: 'bool', shape: [1, 1] });
      m.op('LESS', [ci[0], lim], [cc]);
      m.inputs(...ci).outputs(cc);
      g.fns[condIndex] = (xs) => [[xs[0][0] < limit ? 1 : 0]];
      const inner = genSubgraph(g, state.map((s) => s.len), state.map((s) => s.len), depth - 1);
      // The body: counter + 1, and the inner subgraph on the rest (called through IF with a
      // constant true condition, so bodies nest calls too).
      const bodyIndex = m.subgraph();
      g.subgraphs++;
      const bi = lens.map((len) => m.tensor({ dtype: 'float32', shape: [1, len] }));
      const one = m.constant({ dtype: 'float32', shape: [1, 1], data: [1] });
      const next = m.tensor({ dtype: 'float32', shape: [1, 1] });
      m.op('ADD', [bi[0], one], [next], options.add());
      const yes = m.constant({ dtype: 'bool', shape: [1, 1], data: [1] });
      const bo = state.map((s) => m.tensor({ dtype: 'float32', shape: [1, s.len] }));
      m.op('IF', [yes, ...bi.slice(1)], bo, ifOptions(inner, inner));
      m.inputs(...bi).outputs(next, ...bo);
      g.fns[bodyIndex] = (xs) => [[xs[0][0] + 1], ...g.fns[inner](xs.slice(1))];
      m.use(index);
      const results = lens.map((len) => ({ t: m.tensor({ dtype: 'float32', shape: [1, len] }), len }));
      m.op('WHILE', [start, ...state.map((s) => s.t)], results.map((r) => r.t), whileOptions(condIndex, bodyIndex));
      steps.push((env) => {
        let xs: Value[] = [[0], ...state.map((s) => env.get(s.t)!)];
        while (g.fns[condIndex](xs)[0][0]) xs = g.fns[bodyIndex](xs);
        xs.forEach((v, i) => env.set(results[i].t, v));
      });
      pool.push(...results.slice(1));
    }
  }
  // Outputs: a pool tensor of the right size when there is one (maybe an input), else an FC.
  const outputs = outLens.map((len) => {
    const fits = pool.filter((p) => p.len === len);
    return fits.length > 0 && random() < 0.5 ? fits[int(random, 0, fits.length - 1)] : fc(pick(), len);
  });
  m.inputs(...inputIds).outputs(...outputs.map((o) => o.t));
  g.fns[index] = (xs) => {
    const env = new Map<number, Value>();
    inputIds.forEach((t, i) => env.set(t, xs[i]));
    for (const step of steps) step(env);
    return outputs.map((o) => env.get(o.t)!);
  };
  return index;
}

export interface RandomModel { bytes: Uint8Array; shapes: SubgraphShape[]; tensorCounts: number[]; inLens: number[]; reference: Fn }

/** A random model with nested IF/WHILE (depth levels) on [1, n] float32 tensors. */
export function randomNestedModel(seed: number, depth = 3): RandomModel {
  const random = rng(seed);
  const m = new RecordingBuilder();
  const g: Gen = { m, random, fns: [], subgraphs: 0 };
  const inLens = Array.from({ length: int(random, 1, 2) }, () => int(random, 1, 16));
  genSubgraph(g, inLens, [int(random, 1, 16), int(random, 1, 8)], depth);
  m.use(0);
  const bytes = m.finish();
  const tensorCounts = tensorCountsOf(m);
  return { bytes, shapes: m.shapes, tensorCounts, inLens, reference: g.fns[0] };
}

/** Tensors per subgraph of a RecordingBuilder (read back from its private record). */
export function tensorCountsOf(m: ModelBuilder): number[] {
  return (m as unknown as { subgraphs: Array<{ tensors: unknown[] }> }).subgraphs.map((s) => s.tensors.length);
}
