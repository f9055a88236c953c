// Small DOM helpers for the model explorer page: element builders and number formatting.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((ev: Event) => void)>;

function apply(el: Element, attrs: Attrs, children: Child[]): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
}

/** An HTML element: h('td', { class: 'num' }, '42'). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element: s('rect', { x: 0, y: 0, width: 10, height: 10 }). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, children);
  return el;
}

/** Replaces the children of the element with id `id`. */
export function fill(id: string, ...children: Child[]): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  el.replaceChildren();
  apply(el, {}, children);
  return el;
}

/** 12,345 */
export const int = (x: number): string => x.toLocaleString('en-US');

/** Bytes for people: 980 B, 15.6 KiB, 1.20 MiB. */
export function bytes(x: number): string {
  if (x < 1024) return `${x} B`;
  if (x < 1024 * 1024) return `${(x / 1024).toFixed(x < 10240 ? 2 : 1)} KiB`;
  return `${(x / 1024 / 1024).toFixed(2)} MiB`;
}

/** Microseconds for people: 4.2 µs, 312 µs, 12.3 ms. */
export function micros(us: number): string {
  if (us < 10) return `${us.toFixed(1)} µs`;
  if (us < 1000) return `${Math.round(us)} µs`;
  return `${(us / 1000).toFixed(us < 10000 ? 2 : 1)} ms`;
}

/** A distinct, readable colour for item `i` (golden-angle hues). */
export function colour(i: number, lightness = 62): string {
  return `hsl(${(i * 137.508) % 360} 62% ${lightness}%)`;
}

/** A tensor's name shortened for tables: the last path segment of its first alias. */
export function shortName(name: string): string {
  const first = name.split(';')[0];
  const parts = first.split('/');
  const last = parts.length > 1 ? parts.slice(-2).join('/') : first;
  return last.length > 48 ? last.slice(0, 47) + '…' : last;
}
