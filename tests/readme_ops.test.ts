// README's "Supported operators" tables stay true: every op the engine registers
// (assembly/ops/table.ts: `case Op.X` lines and findCustom names) is a supported row and every
// supported row is registered; every op of TFLM's op resolver is a row of one of the two
// tables; and a row's SIMD column says "no" exactly when the SIMD kernels its registration
// calls are re-exports of the scalar ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './helpers.js';

const read = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');

/**
 * TFLM's MicroMutableOpResolver (Add* methods, upstream tflite-micro): builtins and custom
 * names. Each must be a row of README's supported or unsupported table.
 */
const TFLM_OPS = [
  'ABS', 'ADD', 'ADD_N', 'ARG_MAX', 'ARG_MIN', 'ASSIGN_VARIABLE', 'AVERAGE_POOL_2D', 'BATCH_MATMUL', 'BATCH_TO_SPACE_ND',
  'BROADCAST_ARGS', 'BROADCAST_TO', 'CALL_ONCE', 'CAST', 'CEIL', 'CONCATENATION', 'CONV_2D', 'COS', 'CUMSUM', 'DEPTH_TO_SPACE',
  'DEPTHWISE_CONV_2D', 'DEQUANTIZE', 'DIV', 'DYNAMIC_UPDATE_SLICE', 'ELU', 'EMBEDDING_LOOKUP', 'EQUAL', 'EXP', 'EXPAND_DIMS',
  'FILL', 'FLOOR', 'FLOOR_DIV', 'FLOOR_MOD', 'FULLY_CONNECTED', 'GATHER', 'GATHER_ND', 'GREATER', 'GREATER_EQUAL',
  'HARD_SWISH', 'IF', 'L2_NORMALIZATION', 'L2_POOL_2D', 'LEAKY_RELU', 'LESS', 'LESS_EQUAL', 'LOG', 'LOGICAL_AND',
  'LOGICAL_NOT', 'LOGICAL_OR', 'LOGISTIC', 'LOG_SOFTMAX', 'MAXIMUM', 'MAX_POOL_2D', 'MEAN', 'MINIMUM', 'MIRROR_PAD', 'MUL',
  'NEG', 'NOT_EQUAL', 'PACK', 'PAD', 'PADV2', 'PRELU', 'QUANTIZE', 'READ_VARIABLE', 'REDUCE_MAX', 'RELU', 'RELU6', 'RESHAPE',
  'RESIZE_BILINEAR', 'RESIZE_NEAREST_NEIGHBOR', 'REVERSE_V2', 'ROUND', 'RSQRT', 'SELECT_V2', 'SHAPE', 'SIN', 'SLICE',
  'SOFTMAX', 'SPACE_TO_BATCH_ND', 'SPACE_TO_DEPTH', 'SPLIT', 'SPLIT_V', 'SQRT', 'SQUARE', 'SQUARED_DIFFERENCE', 'SQUEEZE',
  'STRIDED_SLICE', 'SUB', 'SUM', 'SVDF', 'TANH', 'TRANSPOSE', 'TRANSPOSE_CONV', 'UNIDIRECTIONAL_SEQUENCE_LSTM', 'UNPACK',
  'VAR_HANDLE', 'WHILE', 'ZEROS_LIKE',
  // custom ops
  'CIRCULAR_BUFFER', 'TFLite_Detection_PostProcess', 'ethos-u', 'TFLM_DECODE',
  'SignalWindow', 'SignalFftAutoScale', 'SignalRfft', 'SignalIrfft', 'SignalEnergy', 'SignalFilterBank',
  'SignalFilterBankSquareRoot', 'SignalFilterBankSpectralSubtraction', 'SignalPCAN', 'SignalFilterBankLog',
  'SignalDelay', 'SignalFramer', 'SignalOverlapAdd', 'SignalStacker',
];

/**
 * Ops whose registration calls a SIMD function that has vector code for other ops sharing
 * the file, while this op itself runs the reference code (elementwise.ts: transcendental
 * functions). Their row says "no".
 */
const SHARED_VECTOR_FUNCTION = new Set(['SIN', 'COS', 'LOG', 'EXP']);

interface Row { op: string; cells: string[] }

/** Rows of the first Markdown table after `from` in `text`, up to the next heading. */
function tableRows(text: string, from: number): Row[] {
  const rest = text.slice(text.indexOf('\n', from) + 1);
  const end = rest.search(/^#/m);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) => {
    const cells = l.slice(1, l.lastIndexOf('|')).split('|').map((c) => c.trim());
    const op = /`([^`]+)`/.exec(cells[0])?.[1] ?? '';
    return { op, cells };
  });
}

function readmeTables(): { supported: Row[]; unsupported: Row[] } {
  const readme = read('README.md');
  const section = readme.search(/^## Supported operators/m);
  assert.ok(section >= 0, 'README has a "## Supported operators" section');
  const notSupported = readme.indexOf('\n### Not supported', section);
  assert.ok(notSupported > section, 'README has a "### Not supported" table after it');
  return { supported: tableRows(readme, section), unsupported: tableRows(readme, notSupported + 1) };
}

/** Registered ops: op name -> the name of its registration (imported in table.ts). */
function registered(): Map<string, string> {
  const src = read('assembly/ops/table.ts').split('\n').filter((l) => !l.trim().startsWith('//'));
  const ops = new Map<string, string>();
  for (const line of src) {
    const builtin = /^\s*case Op\.(\w+):\s*return\s+(\w+)/.exec(line);
    if (builtin && builtin[1] !== 'CUSTOM') ops.set(builtin[1], builtin[2]);
    const custom = /strEquals\(\s*name\s*,\s*"([^"]+)"\s*\)\)\s*return\s+(\w+)/.exec(line);
    if (custom) ops.set(custom[1], custom[2]);
  }
  return ops;
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

test('README lists every registered op as supported, and only those', () => {
  const { supported } = readmeTables();
  const ops = registered();
  assert.ok(ops.size > 100, `found ${ops.size} registrations in assembly/ops/table.ts`);
  const rows = supported.map((r) => r.op);
  assert.deepEqual(rows.filter((op, i) => rows.indexOf(op) !== i), [], 'ops listed twice');
  assert.deepEqual(sorted(rows.filter((op) => !ops.has(op))), [], 'README lists as supported ops that assembly/ops/table.ts does not register');
  assert.deepEqual(sorted([...ops.keys()].filter((op) => !rows.includes(op))), [], 'ops registered in assembly/ops/table.ts missing from README\'s supported table');
  for (const r of supported) {
    assert.equal(r.cells.length, 4, `${r.op}: columns op | dtypes | SIMD kernel | notes`);
    assert.ok(r.cells[1].length > 0, `${r.op}: dtypes`);
    assert.match(r.cells[2], /^(yes|no|partial \(.+\))$/, `${r.op}: SIMD kernel is yes, no or partial (dtypes)`);
  }
});

test('README\'s op counts are the tables\' counts', () => {
  const { supported, unsupported } = readmeTables();
  const readme = read('README.md');
  const customNames = new Set([...read('assembly/ops/table.ts').matchAll(/strEquals\(\s*name\s*,\s*"([^"]+)"\s*\)\)\s*return/g)].map((x) => x[1]));
  const customs = supported.filter((r) => customNames.has(r.op)).length;
  const m = /(\d+) operators are supported, (\d+) builtins and (\d+) custom ops: .*?but the (\d+) \[not supported\]/s.exec(readme);
  assert.ok(m, 'README states the counts ("N operators are supported, B builtins and C custom ops ... but the U [not supported]")');
  assert.deepEqual(m.slice(1).map(Number), [supported.length, supported.length - customs, customs, unsupported.length]);
  const intro = /(\d+) of the operators TFLM registers are supported/.exec(readme);
  assert.equal(Number(intro?.[1]), supported.length, 'the count in README\'s introduction');
});

test('README covers every op of TFLM\'s resolver: supported, or unsupported with a reason', () => {
  const { supported, unsupported } = readmeTables();
  const rows = new Set([...supported, ...unsupported].map((r) => r.op));
  assert.deepEqual(TFLM_OPS.filter((op) => !rows.has(op)), [], 'TFLM ops missing from README');
  const both = unsupported.filter((r) => supported.some((s) => s.op === r.op)).map((r) => r.op);
  assert.deepEqual(both, [], 'ops both supported and unsupported');
  for (const r of unsupported) assert.ok((r.cells[1] ?? '').length > 10, `${r.op}: a reason`);
});

/** The SIMD kernel functions a registration file calls, and whether each has vector code. */
function simdKernels(registrationFile: string): Array<{ name: string; vector: boolean }> {
  const src = read(registrationFile);
  const module = /import \* as simd from "\.\.\/\.\.\/kernels-simd\/(\w+)"/.exec(src);
  if (!module) return [];
  const kernelPath = `kernels-simd/${module[1]}.ts`;
  const kernel = read(kernelPath);
  const names = new Set([...src.matchAll(/\bsimd\.(\w+)/g)].map((m) => m[1]));
  return [...names].map((name) => {
    const defined = new RegExp(`^export (function|const|let) ${name}\\b`, 'm').test(kernel);
    return { name, vector: defined };
  });
}

test('README\'s SIMD column matches kernels-simd/ (a re-export of the scalar kernel is "no")', () => {
  const { supported } = readmeTables();
  const ops = registered();
  const table = read('assembly/ops/table.ts');
  const problems: string[] = [];
  for (const r of supported) {
    const registration = ops.get(r.op);
    if (!registration) continue;
    const from = new RegExp(`^import \\{[^}]*\\b${registration}\\b[^}]*\\} from "\\./(\\w+)";`, 'm').exec(table);
    if (!from) { problems.push(`${r.op}: cannot find where ${registration} is imported in assembly/ops/table.ts`); continue; }
    const file = `assembly/ops/${from[1]}.ts`;
    if (!existsSync(resolve(repoRoot, file))) { problems.push(`${r.op}: ${file} not found`); continue; }
    const kernels = simdKernels(file);
    const vector = kernels.some((k) => k.vector);
    const says = r.cells[2];
    if (!vector && says !== 'no') problems.push(`${r.op}: README says "${says}" but ${file} calls only SIMD kernels that re-export the scalar ones`);
    if (vector && says === 'no' && !SHARED_VECTOR_FUNCTION.has(r.op)) {
      problems.push(`${r.op}: README says "no" but ${file} calls SIMD kernels with vector code (${kernels.filter((k) => k.vector).map((k) => k.name).join(', ')})`);
    }
  }
  assert.deepEqual(problems, [], 'update README\'s "SIMD kernel" column');
});
