// `microlite inspect`: what a model holds and how its arena is laid out.

import { Microlite, Model, TensorInfo, OpInfo, ArenaBytes } from './index.js';
import { Exports } from './abi.js';
import { readSubgraphs, nestedLifetimes, SubgraphInfo } from './subgraphs.js';

/** The planner's strategies, in the engine's order (assembly/planner.ts Strategy). */
export const STRATEGIES = ['tflm_greedy', 'size_best_fit', 'breadth', 'search'] as const;
export type StrategyName = typeof STRATEGIES[number];
const STRATEGY_TITLES: Record<StrategyName, string> = {
  tflm_greedy: 'TFLM greedy (largest first, first fit)',
  size_best_fit: 'greedy by size, best fit',
  breadth: 'greedy by breadth, best fit',
  search: 'search (orders x rules, local search)',
};
/** Persistent kinds, in the engine's order (assembly/arena.ts PersistentKind). */
export const PERSISTENT_KINDS = ['metadata', 'op_data', 'kernel_data', 'scratch_records', 'variables'] as const;
const PERSISTENT_TITLES = ['tensor/op metadata', 'op data', 'kernel data (multipliers, tables, repacked weights)', 'scratch records', 'variable tensors'];

/** One buffer of the plan: a tensor (tensor >= 0) or a kernel scratch buffer (scratch >= 0) of a subgraph. */
export interface PlannedBuffer {
  subgraph: number; tensor: number; scratch: number; name: string; offset: number; bytes: number; first: number; last: number;
  /** The tensor whose buffer this one shares in place (same offset, lifetimes chained), or -1. */
  sharesWith: number;
}

/** What the planner did for the most recent load (ml_plan_* exports). */
export interface PlanReport {
  planned_bytes: number;
  lower_bound: number;
  lower_bound_without_sharing: number;
  tflm_greedy_without_sharing: number;
  /** Bytes per strategy (null: not run, e.g. TFLM's plan already met the lower bound). */
  strategies: Record<StrategyName, number | null>;
  chosen: StrategyName;
  shared_tensors: number;
  buffers: number;
  /** Head bytes that prepare's temporary memory reached (the head is at least this). */
  prepare_peak: number;
}

export interface ModelDescription {
  model: string;
  variant: string;
  /** Subgraph 0 (the model's entry point): ops, tensors, inputs, outputs. */
  ops: OpInfo[];
  tensors: TensorInfo[];
  inputs: number[];
  outputs: number[];
  /** Every subgraph (0 included), with the subgraphs each op calls. */
  subgraphs: SubgraphInfo[];
  arena: ArenaBytes;
  /** Every planned buffer of every subgraph, lifetimes in the planner's scopes. */
  plan: PlannedBuffer[];
  /** What each scope of the plan is (scope 0: the inputs; then ops, and entries of called subgraphs). */
  scopes: string[];
  lower_bound: number;
  planner: PlanReport;
  persistent: Record<typeof PERSISTENT_KINDS[number], number>;
}

/** The engine's exports (planner reports included). */
export function planExports(engine: Microlite): Exports {
  return engine.abi.exports;
}

/** The planner report of the most recent load into `engine`. */
export function planReport(engine: Microlite): PlanReport {
  const e = planExports(engine);
  const strategies = Object.fromEntries(STRATEGIES.map((s, i) => {
    const b = e.ml_plan_bytes(i);
    return [s, b < 0 ? null : b];
  })) as Record<StrategyName, number | null>;
  return {
    planned_bytes: e.ml_plan_stat(0), lower_bound: e.ml_plan_stat(1), lower_bound_without_sharing: e.ml_plan_stat(2),
    tflm_greedy_without_sharing: e.ml_plan_stat(3), strategies, chosen: STRATEGIES[e.ml_plan_chosen()] ?? 'tflm_greedy',
    shared_tensors: e.ml_plan_stat(4), buffers: e.ml_plan_stat(5), prepare_peak: e.ml_plan_stat(6),
  };
}

/** Lifetimes as the planner sees them: inputs from scope 0, op k at scope k+1, outputs to the end. */
export function lifetimes(ops: OpInfo[], inputs: number[], outputs: number[], tensorCount: number): Array<[number, number]> {
  const life: Array<[number, number]> = Array.from({ length: tensorCount }, () => [-1, -1]);
  for (const t of inputs) life[t] = [0, 0];
  ops.forEach((op, k) => {
    const scope = k + 1;
    for (const t of op.outputs) if (life[t][0] < 0) life[t][0] = scope;
    for (const t of op.inputs) { if (t < 0) continue; if (life[t][0] < 0) life[t][0] = 0; life[t][1] = scope; }
    for (const t of op.outputs) life[t][1] = scope;
  });
  const end = ops.length;
  for (const t of outputs) { if (life[t][0] < 0) life[t][0] = end; life[t][1] = end; }
  return life;
}

/**
 * Planned buffers of subgraph 0 of `model`, lifetimes in its op scopes (op k at scope k + 1):
 * tensors (with in-place sharing marked) and scratch buffers. For a model with one subgraph
 * this is the whole plan; modelPlan() covers every subgraph.
 */
export function plannedBuffers(engine: Microlite, model: Model, ops = model.ops, tensors = model.tensors): PlannedBuffer[] {
  const life = lifetimes(ops, model.inputs.map((t) => t.index), model.outputs.map((t) => t.index), tensors.length);
  const plan: PlannedBuffer[] = tensors.filter((t) => t.kind === 'planned').map((t) => ({
    subgraph: 0, tensor: t.index, scratch: -1, name: t.name, offset: t.planOffset, bytes: t.bytes,
    first: life[t.index][0], last: life[t.index][1], sharesWith: -1,
  }));
  markSharing(plan, ops);
  const e = planExports(engine);
  const h = model.id;
  for (let i = 0; i < e.ml_scratch_count(h); i++) {
    const op = e.ml_scratch_op(h, i);
    plan.push({
      subgraph: 0, tensor: -1, scratch: i, name: `scratch ${i} of op ${op} ${ops[op]?.op ?? ''}`, offset: e.ml_scratch_offset(h, i),
      bytes: e.ml_scratch_bytes(h, i), first: op + 1, last: op + 1, sharesWith: -1,
    });
  }
  return plan;
}

/** Marks tensors that took an input's buffer in place (same offset, lifetimes chained). */
function markSharing(plan: PlannedBuffer[], ops: OpInfo[]): void {
  const byTensor = new Map(plan.map((b) => [b.tensor, b]));
  for (const op of ops) {
    const out = byTensor.get(op.outputs[0]);
    if (!out) continue;
    const input = op.inputs.map((t) => byTensor.get(t)).find((b) => b && b.offset === out.offset && b.last === out.first);
    if (input) out.sharesWith = input.tensor;
  }
}

/** The whole plan of `model`: every subgraph's planned tensors and scratch buffers, in the planner's scopes. */
export function modelPlan(engine: Microlite, model: Model, subgraphs = readSubgraphs(engine, model)): { plan: PlannedBuffer[]; scopes: string[] } {
  const e = planExports(engine);
  const h = model.id;
  const life = nestedLifetimes(subgraphs);
  const plan: PlannedBuffer[] = [];
  for (const sg of subgraphs) {
    const s = sg.index;
    const tensors: PlannedBuffer[] = sg.tensors.filter((t) => t.kind === 'planned').map((t) => ({
      subgraph: s, tensor: t.index, scratch: -1, name: t.name, offset: t.planOffset, bytes: t.bytes,
      first: life.tensors[s][t.index][0], last: life.tensors[s][t.index][1], sharesWith: -1,
    }));
    markSharing(tensors, sg.ops);
    plan.push(...tensors);
    for (let i = 0; i < e.ml_subgraph_scratch_count(h, s); i++) {
      const op = e.ml_subgraph_scratch_op(h, s, i);
      const [first, last] = life.ops[s][op] ?? [-1, -1];
      plan.push({
        subgraph: s, tensor: -1, scratch: i, name: `scratch ${i} of ${s > 0 ? `sg${s} ` : ''}op ${op} ${sg.ops[op]?.op ?? ''}`,
        offset: e.ml_subgraph_scratch_offset(h, s, i), bytes: e.ml_subgraph_scratch_bytes(h, s, i), first, last, sharesWith: -1,
      });
    }
  }
  return { plan, scopes: life.scopes };
}

/** Describes `model`; call it right after loading the model (the plan report is the last load's). */
export function describeModel(engine: Microlite, model: Model, path: string): ModelDescription {
  const ops = model.ops;
  const tensors = model.tensors;
  const e = planExports(engine);
  const persistent = Object.fromEntries(PERSISTENT_KINDS.map((k, i) => [k, e.ml_persistent_bytes(i)])) as ModelDescription['persistent'];
  const subgraphs = readSubgraphs(engine, model, ops, tensors);
  const { plan, scopes } = modelPlan(engine, model, subgraphs);
  return {
    model: path, variant: engine.variant, ops, tensors,
    inputs: model.inputs.map((t) => t.index), outputs: model.outputs.map((t) => t.index), subgraphs,
    arena: model.arena, plan, scopes, lower_bound: e.ml_plan_lower_bound(), planner: planReport(engine), persistent,
  };
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number, of: number) => (of > 0 ? `${x >= of ? '+' : ''}${((x / of - 1) * 100).toFixed(1)}%` : '');

function quantText(t: TensorInfo): string {
  return t.scale > 0 ? `scale ${t.scale.toPrecision(6)} zp ${t.zeroPoint}` : '';
}

function printOps(ops: OpInfo[], calls: number[][]): void {
  for (const o of ops) {
    const name = `${o.customName ?? o.op} v${o.version}`;
    const called = calls[o.index]?.length ? `  calls ${calls[o.index].map((c) => `sg${c}`).join(', ')}` : '';
    console.log(`  ${String(o.index).padStart(3)}  ${name.padEnd(30)} in ${JSON.stringify(o.inputs)} out ${JSON.stringify(o.outputs)}${called}`);
  }
}

function printTensors(tensors: TensorInfo[]): void {
  for (const t of tensors) {
    const role = [t.isInput ? 'input' : '', t.isOutput ? 'output' : ''].filter(Boolean).join('+');
    console.log(`  ${String(t.index).padStart(3)}  ${t.dtype.padEnd(8)} ${JSON.stringify(t.shape).padEnd(18)} ${t.kind.padEnd(9)} ${role.padEnd(13)} ${quantText(t).padEnd(30)} ${t.name}`);
  }
}

/** Prints the description; `plan` adds the planner report, the persistent breakdown and the chart. */
export function printModel(d: ModelDescription, plan: boolean): void {
  const several = d.subgraphs.length > 1;
  const extra = several ? `, ${d.subgraphs.length} subgraphs` : '';
  console.log(`${d.model}: ${d.ops.length} ops, ${d.tensors.length} tensors${extra} (${d.variant} build)`);
  console.log(`arena: ${n(d.arena.total)} bytes = ${n(d.arena.planned)} planned + ${n(d.arena.persistent)} persistent (lower bound of the plan ${n(d.lower_bound)})\n`);
  for (const sg of d.subgraphs) {
    const title = several ? `subgraph ${sg.index}${sg.name ? ` (${sg.name})` : ''}${sg.index === 0 ? ', the entry point' : ''}: ` : '';
    if (several) console.log(`${title}inputs ${JSON.stringify(sg.inputs)}, outputs ${JSON.stringify(sg.outputs)}`);
    console.log('ops:');
    printOps(sg.ops, sg.calls);
    console.log('\ntensors:');
    printTensors(sg.tensors);
    console.log('');
  }
  console.log(`plan (offset, bytes, lifetime in planner scopes${several ? ', called subgraphs nested in their op' : ''}):`);
  for (const b of [...d.plan].sort((x, y) => x.offset - y.offset || x.first - y.first)) {
    const owner = several && b.tensor >= 0 ? `sg${b.subgraph} ` : '';
    const what = b.tensor >= 0 ? `${owner}tensor ${b.tensor} ${b.name}` : b.name;
    const shares = b.sharesWith >= 0 ? `  (in place: shares tensor ${b.sharesWith}'s buffer)` : '';
    const life = b.first < 0 ? 'not used' : `[${b.first}, ${b.last}]`;
    console.log(`  ${String(b.offset).padStart(8)} ${String(b.bytes).padStart(8)}  ${life}  ${what}${shares}`);
  }
  if (plan) {
    printPlanner(d);
    printPlanChart(d);
  }
}

function printPlanner(d: ModelDescription): void {
  const p = d.planner;
  console.log(`\nmemory planner: ${n(p.planned_bytes)} bytes planned, lower bound ${n(p.lower_bound)} (${pct(p.planned_bytes, p.lower_bound)}), chosen: ${p.chosen}`);
  for (const s of STRATEGIES) {
    const b = p.strategies[s];
    const value = b === null ? 'not run (a simpler plan met the lower bound)' : `${n(b).padStart(10)}  ${pct(b, p.lower_bound).padStart(7)}`;
    console.log(`  ${s === p.chosen ? '*' : ' '} ${STRATEGY_TITLES[s].padEnd(40)} ${value}`);
  }
  console.log(`  in-place sharing: ${p.shared_tensors} tensor${p.shared_tensors === 1 ? ' shares' : 's share'} an input's buffer; without it: lower bound ${n(p.lower_bound_without_sharing)}, TFLM greedy ${n(p.tflm_greedy_without_sharing)}`);
  if (p.prepare_peak > p.planned_bytes) console.log(`  prepare's temporary memory reached ${n(p.prepare_peak)} bytes of head (more than the plan)`);
  const total = Object.values(d.persistent).reduce((a, b) => a + b, 0);
  console.log(`\npersistent: ${n(total)} bytes`);
  PERSISTENT_KINDS.forEach((k, i) => console.log(`  ${PERSISTENT_TITLES[i].padEnd(52)} ${n(d.persistent[k]).padStart(10)}`));
}

/** ASCII chart (as TFLM's planner prints): one row per scope, columns are arena slices, letters are buffers. */
function printPlanChart(d: ModelDescription): void {
  const width = 72;
  const total = Math.max(1, d.planner.planned_bytes, ...d.plan.map((b) => b.offset + b.bytes));
  const scopes = d.scopes.length;
  const symbols = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const sym = (i: number) => (d.plan[i].scratch >= 0 ? '#' : symbols[i % symbols.length]);
  console.log(`\nplanned area over time (${n(total)} bytes, ${n(Math.ceil(total / width))} bytes per column; '#' scratch):`);
  for (let s = 0; s < scopes; s++) {
    const row = new Array(width).fill('.');
    let live = 0;
    d.plan.forEach((b, i) => {
      if (s < b.first || s > b.last) return;
      if (!(b.sharesWith >= 0 && s === b.first)) live += b.bytes; // in place: one buffer
      const from = Math.floor((b.offset / total) * width);
      const to = Math.max(from + 1, Math.ceil(((b.offset + b.bytes) / total) * width));
      for (let c = from; c < Math.min(width, to); c++) row[c] = sym(i);
    });
    console.log(`  ${String(s).padStart(3)} |${row.join('')}| ${n(live).padStart(9)}  ${d.scopes[s]}`);
  }
  const several = d.subgraphs.length > 1;
  console.log('  legend: ' + d.plan.map((b, i) => (b.scratch >= 0 ? '' : `${sym(i)}=${several ? `sg${b.subgraph}:` : ''}t${b.tensor}`)).filter(Boolean).join(' '));
}
