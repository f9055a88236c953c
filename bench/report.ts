// What the harness prints: the result objects (the --json format) and the tables (terminal and
// Markdown) built from them.

export interface VariantResult {
  /** WebAssembly.compile of the build (once per process) + instantiate for this model. */
  compile_ms: number;
  instantiate_ms: number;
  /** Model load: parse, prepare every op, plan the arena. */
  load_ms: number;
  first_ms: number;
  median_ms: number;
  p90_ms: number;
  min_ms: number;
  mean_ms: number;
  runs: number;
  /** Invokes timed together per sample. */
  batch: number;
  gmacs: number;
  arena: { planned: number; persistent: number; total: number };
  memory_bytes: number;
  /** Outputs of the first invoke equal the TFLM golden for this input (null: no golden). */
  matches_tflm: boolean | null;
}

export interface PeerResult {
  name: string;
  version: string;
  compile_ms: number | null;
  load_ms: number;
  first_ms: number;
  median_ms: number;
  p90_ms: number;
  min_ms: number;
  mean_ms: number;
  runs: number;
  batch: number;
  gmacs: number;
  memory_bytes: number;
  wasm_bytes: number;
  wasm_gzip_bytes: number;
  /** microlite median / peer median, same kind of build (> 1: the peer is faster). */
  ratio: number | null;
  /** Largest |peer - microlite| over the output elements (in the output's own units). */
  max_diff: number | null;
  matches_tflm: boolean | null;
  /** Tensors whose meaningless quantized_dimension was cleared so the peer accepts the model. */
  patched_tensors: number;
}

/** A peer that could not run the model. */
export interface PeerFailure { name: string; version: string; error: string; }

export interface OpRow { index: number; op: string; shape: number[]; macs: number; us: number; pct: number; batch: number; }

export interface ModelResult {
  model: string;
  path: string;
  /** Where the input bytes came from: "golden:CASE", "file:PATH" or "random". */
  input: string;
  ops: number;
  macs: number;
  variants: Record<string, VariantResult>;
  arena: { planned: number; persistent: number; total: number } | null;
  memory_bytes: Record<string, number>;
  wasm_bytes: Record<string, number>;
  wasm_gzip_bytes: Record<string, number>;
  peers?: Record<string, PeerResult | PeerFailure>;
  /** Share of the timed phase this process waited for a CPU (other processes running); Linux only. */
  cpu_wait?: number;
  profile?: Record<string, OpRow[]>;
  error?: string;
}

type Cell = string;

const fix = (x: number | null | undefined, d: number) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(3) : x.toFixed(4));
const int = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toLocaleString('en-US'));
const kib = (x: number) => (x / 1024).toFixed(1);

export const TABLE_HEADERS = ['model', 'variant', 'MMAC', 'compile ms', 'load ms', 'first ms', 'median ms', 'p90 ms', 'min ms',
  'GMAC/s', 'arena B', 'memory KiB', 'wasm KiB (gz)', 'ratio', 'check'];

/** One row per model and variant (peers after microlite's). */
export function tableRows(results: ModelResult[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const r of results) {
    if (r.error) { rows.push([r.model, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', `error: ${r.error}`]); continue; }
    let first = true;
    const name = () => { const n = first ? r.model : ''; first = false; return n; };
    const mmac = (r.macs / 1e6).toFixed(2);
    for (const [variant, v] of Object.entries(r.variants)) {
      const ratio = variant !== 'scalar' && r.variants.scalar ? `${fix(r.variants.scalar.median_ms / v.median_ms, 2)}x` : '';
      rows.push([name(), variant, mmac, ms(v.compile_ms + v.instantiate_ms), ms(v.load_ms), ms(v.first_ms), ms(v.median_ms), ms(v.p90_ms), ms(v.min_ms),
        fix(v.gmacs, 3), int(v.arena.total), kib(v.memory_bytes), `${kib(r.wasm_bytes[variant])} (${kib(r.wasm_gzip_bytes[variant])})`,
        ratio, v.matches_tflm === null ? '' : v.matches_tflm ? '= TFLM' : 'DIFFERS from TFLM']);
    }
    for (const p of Object.values(r.peers ?? {})) {
      if ('error' in p) { rows.push([name(), p.name, mmac, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '', `error: ${p.error}`]); continue; }
      rows.push([name(), p.name, mmac, ms(p.compile_ms), ms(p.load_ms), ms(p.first_ms), ms(p.median_ms), ms(p.p90_ms), ms(p.min_ms),
        fix(p.gmacs, 3), '-', kib(p.memory_bytes), `${kib(p.wasm_bytes)} (${kib(p.wasm_gzip_bytes)})`,
        p.ratio === null ? '' : `${fix(p.ratio, 2)}x`, p.max_diff === null ? '' : `max diff ${p.max_diff}`]);
    }
  }
  return rows;
}

export const TABLE_NOTES = [
  'compile: WebAssembly compile (once per process) + instantiate; load: parse + prepare + plan; first: first invoke;',
  'median/p90/min over the timed runs after warm-up, all variants interleaved in rounds in one process.',
  'ratio: on simd (and --wasm engine) rows, scalar median / that median (speed-up); on peer rows, microlite median / peer median',
  'for the same kind of build (above 1: the peer is faster). check: first-invoke outputs vs the TFLM golden',
  '(bit-exact), or for peers the largest output difference from microlite (output units, e.g. int8 steps).',
  'MMAC: millions of multiply-accumulates of conv/depthwise/FC/LSTM weights, pooling windows, elementwise ops',
  '(one per output element); GMAC/s = MACs / median. memory: the wasm linear memory after loading the model.',
];

/** Columns of each table that hold text (left-aligned); the others are numbers. */
export const TABLE_TEXT_COLUMNS = [0, 1, 14];
export const PROFILE_TEXT_COLUMNS = [1, 2];

export function renderText(headers: string[], rows: Cell[][], textColumns: number[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: Cell[]) => cells.map((x, c) => (textColumns.includes(c) ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderMarkdown(headers: string[], rows: Cell[][], textColumns: number[]): string {
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  return [`| ${headers.map(esc).join(' | ')} |`, `|${headers.map((_, c) => (textColumns.includes(c) ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

export const PROFILE_HEADERS = ['#', 'op', 'output shape', 'MACs', 'us', '%'];

export function profileRows(rows: OpRow[]): Cell[][] {
  const out = rows.map((o) => [String(o.index), o.op, `[${o.shape.join(',')}]`, int(o.macs), o.us.toFixed(o.us < 10 ? 2 : 1), o.pct.toFixed(1)]);
  const total = rows.reduce((s, o) => s + o.us, 0);
  out.push(['', 'total', '', int(rows.reduce((s, o) => s + o.macs, 0)), total.toFixed(1), '100.0']);
  return out;
}

/**
 * Puts `section` (Markdown starting with its `## ` heading) into the text of a results file:
 * replaces the section with the same heading, up to the next `## ` heading, and keeps every
 * other section as it is; a new section goes first, after the file's title. `text` null: a
 * new file with `title`. Several generators (bench, arena) share bench/RESULTS.md this way.
 */
export function replaceSection(text: string | null, section: string, title = '# Results'): string {
  const body = section.trim() + '\n';
  const heading = body.split('\n', 1)[0].trim();
  if (!heading.startsWith('## ')) throw new Error(`a section starts with a "## " heading, not "${heading}"`);
  if (text === null || text.trim() === '') return `${title}\n\n${body}`;
  // Chunks: the preamble, then one per "## " heading (### headings stay inside their section).
  const chunks = text.split(/\n(?=## )/);
  const start = chunks[0].startsWith('## ') ? 0 : 1;
  const at = chunks.findIndex((c, i) => i >= start && c.split('\n', 1)[0].trim() === heading);
  if (at >= 0) chunks[at] = body;
  else chunks.splice(start, 0, body);
  return chunks.map((c) => c.trimEnd()).join('\n\n') + '\n';
}
