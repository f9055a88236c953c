// The page's tables: ops (with per-op time bars, scalar vs SIMD) and tensors.

import type { OpInfo, OpProfile, TensorInfo } from '../index.js';
import type { PlannedBuffer } from '../inspect.js';
import { h, int, micros, shortName } from './dom.js';
import { timeBars } from './charts.js';

/** Scope c of a one-subgraph plan is op c - 1; scope 0 holds the model inputs. With called subgraphs, scopes are numbered. */
const scopeLabel = (c: number, nested: boolean) => (c === 0 ? 'in' : nested ? `scope ${c}` : `op ${c - 1}`);
const shape = (t: TensorInfo | undefined) => (t ? `[${t.shape.join('×')}]` : '');

function tensorRef(tensors: TensorInfo[], index: number): HTMLElement {
  if (index < 0) return h('span', { class: 'muted' }, '–');
  const t = tensors[index];
  const cls = t.kind === 'constant' ? 'tref const' : t.isInput || t.isOutput ? 'tref io' : 'tref';
  return h('span', { class: cls, title: `${t.name}\n${t.dtype} ${shape(t)}, ${t.kind}` }, `t${index}`);
}

/** Per-op times of each variant (undefined until profiled). */
export interface OpTimes { scalar?: OpProfile[]; simd?: OpProfile[]; }

/** The ops table: execution order, operands, output shape and time bars for scalar vs SIMD. */
export function opsTable(ops: OpInfo[], tensors: TensorInfo[], times: OpTimes): HTMLTableElement {
  const max = Math.max(0, ...(times.scalar ?? []).map((p) => p.micros), ...(times.simd ?? []).map((p) => p.micros));
  const total = (p?: OpProfile[]) => (p ? p.reduce((a, x) => a + x.micros, 0) : undefined);
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '');
  const body = ops.map((op, i) => {
    const sc = times.scalar?.[i]?.micros, si = times.simd?.[i]?.micros;
    const out = tensors[op.outputs[0]];
    return h('tr', {},
      h('td', { class: 'num' }, i),
      h('td', { class: 'op' }, op.customName ? `${op.customName}` : op.op, op.customName ? h('span', { class: 'muted' }, ' custom') : null),
      h('td', { class: 'num muted' }, op.version),
      h('td', { class: 'refs' }, ...op.inputs.flatMap((t, k) => (k ? [' ', tensorRef(tensors, t)] : [tensorRef(tensors, t)]))),
      h('td', { class: 'refs' }, ...op.outputs.flatMap((t, k) => (k ? [' ', tensorRef(tensors, t)] : [tensorRef(tensors, t)]))),
      h('td', { class: 'shape' }, out ? `${out.dtype} ${shape(out)}` : ''),
      h('td', { class: 'num' }, sc === undefined ? '' : micros(sc)),
      h('td', { class: 'num' }, si === undefined ? '' : micros(si)),
      h('td', { class: 'barcell' }, timeBars(sc, si, max)),
      h('td', { class: 'num speedup' }, ratio(sc, si)));
  });
  const ts = total(times.scalar), ti = total(times.simd);
  return h('table', { class: 'ops' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'num' }, '#'), h('th', {}, 'op'), h('th', { class: 'num' }, 'v'), h('th', {}, 'inputs'), h('th', {}, 'outputs'),
      h('th', {}, 'output'), h('th', { class: 'num' }, 'scalar'), h('th', { class: 'num' }, 'SIMD'),
      h('th', {}, h('span', { class: 'key scalar' }), ' scalar ', h('span', { class: 'key simd' }), ' SIMD (time per op)'), h('th', { class: 'num' }, 'speed-up'))),
    h('tbody', {}, ...body),
    h('tfoot', {}, h('tr', {},
      h('td', {}), h('td', { colspan: 5 }, `${ops.length} ops, sum of per-op medians`),
      h('td', { class: 'num' }, ts === undefined ? '' : micros(ts)), h('td', { class: 'num' }, ti === undefined ? '' : micros(ti)),
      h('td', {}), h('td', { class: 'num speedup' }, ratio(ts, ti)))));
}

/** The tensors table: dtype, shape, where the data lives, quantization, plan offset and lifetime. */
export function tensorsTable(tensors: TensorInfo[], plan: PlannedBuffer[], nested = false): HTMLTableElement {
  const byTensor = new Map(plan.filter((b) => b.tensor >= 0).map((b) => [b.tensor, b]));
  return h('table', { class: 'tensors' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'num' }, '#'), h('th', {}, 'name'), h('th', {}, 'dtype'), h('th', {}, 'shape'), h('th', {}, 'kind'),
      h('th', { class: 'num' }, 'bytes'), h('th', {}, 'quantization'), h('th', { class: 'num' }, 'offset'), h('th', {}, 'lifetime'))),
    h('tbody', {}, ...tensors.map((t) => {
      const b = byTensor.get(t.index);
      const role = [t.isInput ? 'input' : '', t.isOutput ? 'output' : ''].filter(Boolean).join(', ');
      return h('tr', { class: t.kind },
        h('td', { class: 'num' }, t.index),
        h('td', { class: 'name', title: t.name }, shortName(t.name) || h('span', { class: 'muted' }, '(unnamed)'), role ? h('span', { class: 'role' }, role) : null),
        h('td', {}, t.dtype),
        h('td', { class: 'shape' }, shape(t)),
        h('td', {}, h('span', { class: `kind ${t.kind}` }, t.kind)),
        h('td', { class: 'num' }, int(t.bytes)),
        h('td', { class: 'muted' }, t.scale > 0 ? `s=${t.scale.toPrecision(4)} zp=${t.zeroPoint}` : ''),
        h('td', { class: 'num' }, t.planOffset >= 0 ? int(t.planOffset) : ''),
        h('td', { class: 'muted' }, b ? (b.first === b.last ? scopeLabel(b.first, nested) : `${scopeLabel(b.first, nested)} → ${scopeLabel(b.last, nested)}`) + (b.sharesWith >= 0 ? ` (in place of t${b.sharesWith})` : '') : ''));
    })));
}
