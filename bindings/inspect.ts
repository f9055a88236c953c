// `microlite inspect`: what a model holds and how its arena is laid out.

import { Microlite, Model, TensorInfo, OpInfo, ArenaBytes } from './index.js';

export interface PlannedBuffer { tensor: number; name: string; offset: number; bytes: number; first: number; last: number; }

export interface ModelDescription {
  model: string;
  variant: string;
  ops: OpInfo[];
  tensors: TensorInfo[];
  inputs: number[];
  outputs: number[];
  arena: ArenaBytes;
  plan: PlannedBuffer[];
  lower_bound: number;
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

export function describeModel(engine: Microlite, model: Model, path: string): ModelDescription {
  const ops = model.ops;
  const tensors = model.tensors;
  const inputs = model.inputs.map((t) => t.index);
  const outputs = model.outputs.map((t) => t.index);
  const life = lifetimes(ops, inputs, outputs, tensors.length);
  const plan = tensors.filter((t) => t.kind === 'planned').map((t) => ({
    tensor: t.index, name: t.name, offset: t.planOffset, bytes: t.bytes, first: life[t.index][0], last: life[t.index][1],
  }));
  return {
    model: path, variant: engine.variant, ops, tensors, inputs, outputs, arena: model.arena, plan,
    lower_bound: engine.abi.exports.ml_plan_lower_bound(),
  };
}

const n = (x: number) => x.toLocaleString('en-US');

function quantText(t: TensorInfo): string {
  return t.scale > 0 ? `scale ${t.scale.toPrecision(6)} zp ${t.zeroPoint}` : '';
}

/** Prints the description; `plan` adds an offset x op chart of the planned area. */
export function printModel(d: ModelDescription, plan: boolean): void {
  console.log(`${d.model}: ${d.ops.length} ops, ${d.tensors.length} tensors (${d.variant} build)`);
  console.log(`arena: ${n(d.arena.total)} bytes = ${n(d.arena.planned)} planned + ${n(d.arena.persistent)} persistent (lower bound of the plan ${n(d.lower_bound)})\n`);
  console.log('ops:');
  for (const o of d.ops) console.log(`  ${String(o.index).padStart(3)}  ${`${o.op} v${o.version}`.padEnd(30)} in ${JSON.stringify(o.inputs)} out ${JSON.stringify(o.outputs)}`);
  console.log('\ntensors:');
  for (const t of d.tensors) {
    const role = [t.isInput ? 'input' : '', t.isOutput ? 'output' : ''].filter(Boolean).join('+');
    console.log(`  ${String(t.index).padStart(3)}  ${t.dtype.padEnd(8)} ${JSON.stringify(t.shape).padEnd(18)} ${t.kind.padEnd(9)} ${role.padEnd(13)} ${quantText(t).padEnd(30)} ${t.name}`);
  }
  console.log('\nplan (offset, bytes, lifetime in op scopes):');
  for (const b of [...d.plan].sort((x, y) => x.offset - y.offset)) {
    console.log(`  ${String(b.offset).padStart(8)} ${String(b.bytes).padStart(8)}  [${b.first}, ${b.last}]  tensor ${b.tensor} ${b.name}`);
  }
  if (plan) printPlanChart(d);
}

/** ASCII chart: one row per scope, one column per arena slice; letters mark live buffers. */
function printPlanChart(d: ModelDescription): void {
  const width = 64;
  const total = Math.max(1, d.arena.planned);
  const scopes = d.ops.length + 1;
  const symbols = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  console.log(`\nplanned area over time (${n(total)} bytes, ${n(Math.ceil(total / width))} bytes per column):`);
  for (let s = 0; s < scopes; s++) {
    const row = new Array(width).fill('.');
    d.plan.forEach((b, i) => {
      if (s < b.first || s > b.last) return;
      const from = Math.floor((b.offset / total) * width);
      const to = Math.max(from + 1, Math.ceil(((b.offset + b.bytes) / total) * width));
      for (let c = from; c < Math.min(width, to); c++) row[c] = symbols[i % symbols.length];
    });
    const op = s === 0 ? 'inputs' : d.ops[s - 1].op;
    console.log(`  ${String(s).padStart(3)} ${row.join('')}  ${op}`);
  }
}
