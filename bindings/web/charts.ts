// The page's charts: the arena plan (SVG, one rectangle per planned buffer over its lifetime,
// the persistent area drawn apart on the same byte scale) and per-op time bars.

import type { PlannedBuffer } from '../inspect.js';
import { h, s, bytes, int, colour, micros, shortName } from './dom.js';

/** A slice of the persistent area, for the column beside the plan. */
export interface PersistentPart { label: string; bytes: number; }

/** A step of 1, 2 or 5 × 10^k (in `unit`s) giving about `count` ticks up to `max`. */
function tickStep(max: number, count: number, unit: number): number {
  const raw = max / unit / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p * unit;
}

function tickLabel(b: number, unit: number): string {
  return unit === 1 ? `${int(b)} B` : `${int(b / 1024)} KiB`;
}

/**
 * The arena plan: x = op index (scope 0 holds the model inputs), y = offset in the planned
 * area; each planned tensor or scratch buffer is a rectangle from the op that writes it to
 * the last op that reads it. The persistent (tail) area stands apart on the right.
 */
export function planChart(plan: PlannedBuffer[], scopeNames: string[], planned: number, persistent: PersistentPart[]): SVGSVGElement {
  const W = 860, H = 400;
  const left = 70, top = 18, bottom = 48, side = 210;
  const plotW = W - left - side - 24, plotH = H - top - bottom;
  const scopes = scopeNames.length;
  // Models with IF/WHILE/CALL_ONCE: the called subgraphs' ops are scopes inside their caller's.
  const nested = plan.some((b) => b.subgraph > 0) || scopeNames.some((n) => n.startsWith('  enter'));
  const colW = plotW / scopes;
  const persistentTotal = persistent.reduce((a, p) => a + p.bytes, 0);
  const extent = Math.max(planned, ...plan.map((b) => b.offset + b.bytes), persistentTotal, 1);
  const unit = extent >= 4096 ? 1024 : 1;
  const step = tickStep(extent, 5, unit);
  const yMax = Math.ceil(extent / step) * step;
  const y = (b: number) => top + plotH - (b / yMax) * plotH;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart plan-chart', role: 'img', 'aria-label': 'arena plan chart' });
  svg.append(s('defs', {}, s('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, fill: '#d9dde4' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8b93a1', 'stroke-width': 2 }))));

  // Columns: one per scope, alternate shading, hover names the op.
  for (let c = 0; c < scopes; c++) {
    const name = c === 0 ? 'model inputs' : nested ? `scope ${c}: ${scopeNames[c].trim()}` : `op ${c - 1}: ${scopeNames[c]}`;
    svg.append(s('rect', { x: left + c * colW, y: top, width: colW, height: plotH, class: c % 2 ? 'col odd' : 'col' }, s('title', {}, name)));
  }
  for (let b = 0; b <= yMax; b += step) {
    svg.append(s('line', { x1: left - 4, x2: left + plotW, y1: y(b), y2: y(b), class: b ? 'grid' : 'axis' }));
    svg.append(s('text', { x: left - 8, y: y(b) + 4, class: 'tick', 'text-anchor': 'end' }, tickLabel(b, unit)));
  }
  const every = Math.max(1, Math.ceil(22 / colW));
  for (let c = 0; c < scopes; c++) {
    if (c % every && c !== scopes - 1) continue;
    svg.append(s('text', { x: left + (c + 0.5) * colW, y: top + plotH + 16, class: 'tick', 'text-anchor': 'middle' }, c === 0 ? 'in' : nested ? c : c - 1));
  }
  svg.append(s('text', { x: left + plotW / 2, y: H - 8, class: 'axis-title', 'text-anchor': 'middle' }, nested
    ? 'planner scope: ops in execution order, a called subgraph\'s ops inside its calling op'
    : 'op index (execution order) — a buffer lives from the op that writes it to the last op that reads it'));
  svg.append(s('text', { x: 16, y: top + plotH / 2, class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 16 ${top + plotH / 2})` }, 'offset in the planned area'));

  // Buffers.
  plan.forEach((b, i) => {
    const x0 = left + b.first * colW + 1.5, x1 = left + (b.last + 1) * colW - 1.5;
    const y0 = y(b.offset + b.bytes), y1 = y(b.offset);
    const scratch = b.scratch >= 0;
    const sg = b.subgraph > 0 ? `sg${b.subgraph} ` : '';
    const what = scratch ? b.name : `${sg}tensor ${b.tensor}: ${b.name}`;
    const life = b.first === b.last ? `op scope ${b.first}` : `op scopes ${b.first}–${b.last}`;
    const g = s('g', { class: 'buffer' }, s('title', {}, `${what}\n${int(b.bytes)} bytes at offset ${int(b.offset)}, ${life}${b.sharesWith >= 0 ? `\nin place: shares tensor ${b.sharesWith}'s buffer` : ''}`));
    g.append(s('rect', {
      x: x0, y: Math.min(y0, y1 - 3), width: Math.max(1, x1 - x0), height: Math.max(3, y1 - y0), rx: 2,
      fill: scratch ? 'url(#hatch)' : colour(b.tensor >= 0 ? b.tensor + 97 * b.subgraph : i), class: b.sharesWith >= 0 ? 'shared' : '',
    }));
    if (x1 - x0 > 34 && y1 - y0 > 15) {
      g.append(s('text', { x: (x0 + x1) / 2, y: (y0 + y1) / 2 + 4, class: 'buf-label', 'text-anchor': 'middle' }, scratch ? 'scratch' : `${sg}t${b.tensor}`));
    }
    svg.append(g);
  });
  svg.append(s('line', { x1: left, x2: left + plotW, y1: y(planned), y2: y(planned), class: 'peak' }));
  svg.append(s('text', { x: left + plotW - 4, y: y(planned) - 5, class: 'peak-label', 'text-anchor': 'end' }, `planned area: ${int(planned)} B`));

  // The persistent area, apart, on the same scale.
  const px = left + plotW + 40, pw = 44;
  svg.append(s('text', { x: px + pw / 2, y: top + plotH + 16, class: 'tick', 'text-anchor': 'middle' }, 'persistent'));
  let at = 0;
  persistent.filter((p) => p.bytes > 0).forEach((p, i) => {
    const y0 = y(at + p.bytes), y1 = y(at);
    const fillColour = ['#5b6b82', '#7d8ca3', '#a3b0c2', '#c7d0dc', '#3e4a5c'][i % 5];
    svg.append(s('rect', { x: px, y: y0, width: pw, height: Math.max(1, y1 - y0), fill: fillColour, class: 'persistent' }, s('title', {}, `${p.label}: ${int(p.bytes)} bytes`)));
    if (y1 - y0 >= 11) svg.append(s('text', { x: px + pw + 6, y: (y0 + y1) / 2 + 4, class: 'tick' }, `${p.label} ${bytes(p.bytes)}`));
    at += p.bytes;
  });
  svg.append(s('text', { x: px, y: y(at) - 6, class: 'peak-label' }, `${int(persistentTotal)} B`));
  return svg;
}

/** Two horizontal bars (scalar, SIMD) on a shared scale, for one op's row. */
export function timeBars(scalarUs: number | undefined, simdUs: number | undefined, maxUs: number): HTMLElement {
  const bar = (us: number | undefined, cls: string) => {
    const pct = us === undefined || maxUs <= 0 ? 0 : Math.max(0.5, (us / maxUs) * 100);
    return h('div', { class: `bar ${cls}`, style: `width:${pct.toFixed(2)}%`, title: us === undefined ? '' : `${cls}: ${micros(us)}` });
  };
  return h('div', { class: 'bars' }, bar(scalarUs, 'scalar'), bar(simdUs, 'simd'));
}

/** A one-line label for a planned buffer (tables, legends). */
export function bufferLabel(b: PlannedBuffer): string {
  return b.scratch >= 0 ? b.name : `t${b.tensor} ${shortName(b.name)}`;
}
