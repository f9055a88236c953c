#!/usr/bin/env node
// Builds an engine with only the ops a model (or a list) needs, the way TFLM's
// MicroMutableOpResolver keeps a firmware small:
//
//   npm run build:custom -- --model kws.tflite [--model vww.tflite] [--target scalar] [--out build/kws.wasm]
//   npm run build:custom -- --ops CONV_2D,DEPTHWISE_CONV_2D,FULLY_CONNECTED,SOFTMAX,RESHAPE --target min
//   npm run build:custom -- --ops core,TANH
//   npm run build:custom -- --model kws.tflite --target simd --compact
//
// --ops takes builtin names (as in assembly/schema/builtin_ops.ts), custom op names
// (`SignalWindow` or `CUSTOM:SignalWindow`), `core` (CORE_OPS below) and `all` (every op: with
// --compact, the all-ops SIMD engine without its widest tiles). --target is one of asconfig.json's targets
// (scalar, simd, wasi, wasi-simd, min; default scalar); `min` also runs wasm-opt as
// `npm run build:wasm` does (which is this script with `--all`: every target; every op, except
// build/microlite.min.wasm, which has the core ops). --compact (SIMD targets) leaves out the
// SIMD set's widest tiles (assembly/config.ts SIMD_COMPACT): ~100 KB smaller, 3-15% slower.
// The op table (assembly/ops/table.ts) is compiled with only the
// chosen `case` / custom-op lines; registrations are `@lazy`, so the other ops' code is never
// compiled. A model using an op left out is refused at load with "... is not supported".

import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main as asc } from "assemblyscript/asc";
import { Node, NodeKind } from "assemblyscript";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const TABLE = "assembly/ops/table.ts";

/**
 * The ops of build/microlite.min.wasm (the size-optimised engine for microcontrollers): those of
 * the TFLM examples and MLPerf Tiny models (convolutional, recurrent and keyword-spotting
 * networks) and the activations and reshaping ops such networks commonly add. Not the audio
 * front end's signal ops, control flow, nor the long tail of builtins.
 */
export const CORE_OPS = [
  "CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV", "FULLY_CONNECTED", "SVDF", "UNIDIRECTIONAL_SEQUENCE_LSTM",
  "AVERAGE_POOL_2D", "MAX_POOL_2D", "MEAN", "ADD", "SUB", "MUL", "CONCATENATION", "PAD", "STRIDED_SLICE",
  "RESHAPE", "SQUEEZE", "EXPAND_DIMS", "SOFTMAX", "LOGISTIC", "TANH", "RELU", "RELU6", "LEAKY_RELU", "HARD_SWISH",
  "QUANTIZE", "DEQUANTIZE",
];
const USAGE = "usage: npm run build:custom -- (--ops NAME,...|core|all | --model MODEL.tflite)... [--target scalar|simd|wasi|wasi-simd|min] [--compact] [--out FILE.wasm]";

/** Builtin operator names by code, from the Op enum. */
function builtinNames() {
  const text = readFileSync(join(root, "assembly/schema/builtin_ops.ts"), "utf8");
  const body = text.slice(text.indexOf("export const enum Op {"));
  const names = new Map();
  for (const m of body.slice(0, body.indexOf("}")).matchAll(/^\s*([A-Z0-9_]+) = (\d+),/gm)) names.set(Number(m[2]), m[1]);
  return names;
}

/** The operator codes of a .tflite file: builtin names and "CUSTOM:name". */
export function modelOps(bytes) {
  const b = Buffer.from(bytes);
  const u32 = (p) => b.readUInt32LE(p);
  const field = (table, id) => {
    const vt = table - b.readInt32LE(table);
    const vtSize = b.readUInt16LE(vt);
    if (4 + 2 * id >= vtSize) return 0;
    const off = b.readUInt16LE(vt + 4 + 2 * id);
    return off ? table + off : 0;
  };
  const model = u32(0);
  const codesAt = field(model, 1);
  if (!codesAt) throw new Error("the model has no operator codes");
  const vec = codesAt + u32(codesAt);
  const names = builtinNames();
  const ops = new Set();
  for (let i = 0; i < u32(vec); i++) {
    const slot = vec + 4 + 4 * i;
    const code = slot + u32(slot);
    const deprecated = field(code, 0) ? b.readInt8(field(code, 0)) : 0;
    const builtin = field(code, 3) ? b.readInt32LE(field(code, 3)) : 0;
    const op = Math.max(deprecated, builtin);
    if (op === 32) { // CUSTOM
      const s = field(code, 1);
      if (!s) throw new Error("a custom operator code has no name");
      const str = s + u32(s);
      ops.add(`CUSTOM:${b.toString("utf8", str + 4, str + 4 + u32(str))}`);
    } else {
      ops.add(names.get(op) ?? `BUILTIN_${op}`);
    }
  }
  return ops;
}

/** An AssemblyScript transform that keeps only the chosen ops in the op table. */
export class OpSelection {
  constructor(ops) { this.ops = ops; }

  afterParse(parser) {
    const source = parser.sources.find((s) => s.normalizedPath === TABLE);
    if (!source) throw new Error(`${TABLE} is not part of the program`);
    const fn = (name) => source.statements.find((s) => s.kind === NodeKind.FunctionDeclaration && s.name.text === name);
    const found = new Set();
    // findRegistration: `switch (code) { case Op.X: return X; ... case Op.CUSTOM: ... }`
    const sw = fn("findRegistration").body.statements.find((s) => s.kind === NodeKind.Switch);
    sw.cases = sw.cases.filter((c) => {
      const label = c.label;
      if (!label || label.kind !== NodeKind.PropertyAccess) return true;
      const name = label.property.text;
      if (name === "CUSTOM") return true;
      if (this.ops.has(name)) { found.add(name); return true; }
      return false;
    });
    // findCustom: `if (strEquals(name, "X")) return X;`
    const custom = fn("findCustom").body;
    custom.statements = custom.statements.filter((s) => {
      if (s.kind !== NodeKind.If || s.condition.kind !== NodeKind.Call) return true;
      const arg = s.condition.args[1];
      const name = `CUSTOM:${arg.value}`;
      if (this.ops.has(name)) { found.add(name); return true; }
      return false;
    });
    // ALL_OPS = false: refusals say the op is not in this engine.
    const flag = source.statements.filter((s) => s.kind === NodeKind.Variable).flatMap((s) => s.declarations).find((d) => d.name.text === "ALL_OPS");
    if (!flag) throw new Error(`${TABLE} must declare ALL_OPS`);
    flag.initializer = Node.createFalseExpression(flag.initializer.range);
    const missing = [...this.ops].filter((op) => !found.has(op));
    if (missing.length) throw new Error(`not in ${TABLE} (unsupported): ${missing.join(", ")}`);
  }
}

/** Refuses, before compiling, ops the op table does not have (a typo, or an op microlite lacks). */
function checkSupported(ops) {
  const table = readFileSync(join(root, TABLE), "utf8");
  const builtins = new Set([...table.matchAll(/^\s*case Op\.([A-Z0-9_]+):/gm)].map((m) => m[1]));
  const customs = new Set([...table.matchAll(/strEquals\(\s*name\s*,\s*"([^"]+)"\s*\)/g)].map((m) => `CUSTOM:${m[1]}`));
  const names = new Set(builtinNames().values());
  const problems = [...ops].filter((op) => !builtins.has(op) && !customs.has(op)).map((op) => {
    if (names.has(op)) return `${op} (a builtin that microlite does not implement: README "Supported operators")`;
    return `'${op.replace(/^CUSTOM:/, "")}' (neither a builtin name of assembly/schema/builtin_ops.ts nor a custom op of ${TABLE})`;
  });
  if (problems.length) throw new Error(`unknown or unsupported ops: ${problems.join(", ")}`);
}

function parseArgs(argv) {
  const o = { ops: new Set(), all: false, target: "scalar", out: null, compact: false };
  const builtins = new Set(builtinNames().values());
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? (() => { throw new Error(`${flag} needs a value\n${USAGE}`); })();
    switch (flag) {
      case "--ops":
        for (const raw of value().split(",").map((s) => s.trim()).filter(Boolean)) {
          if (raw === "core") CORE_OPS.forEach((op) => o.ops.add(op));
          else if (raw === "all") o.all = true;
          else o.ops.add(builtins.has(raw) || raw.startsWith("CUSTOM:") ? raw : `CUSTOM:${raw}`);
        }
        break;
      case "--model": for (const op of modelOps(readFileSync(value()))) o.ops.add(op); break;
      case "--target": o.target = value(); break;
      case "--out": o.out = resolve(value()); break;
      case "--compact": o.compact = true; break;
      case "--help": case "-h": console.log(USAGE); process.exit(0);
      default: throw new Error(`unknown argument '${argv[i]}'\n${USAGE}`);
    }
  }
  if (o.ops.size === 0 && !o.all) throw new Error(`no ops chosen\n${USAGE}`);
  if (!o.all) checkSupported(o.ops);
  if (o.compact && !o.target.includes("simd")) throw new Error(`--compact is for the SIMD targets (simd, wasi-simd), not ${o.target}`);
  o.out ??= join(root, `build/microlite.custom${o.target === "scalar" ? "" : "." + o.target}${o.compact ? ".compact" : ""}.wasm`);
  return o;
}

// wasm-opt passes run after asc (whose levels are in asconfig.json), per target, chosen by
// measurement (README "Sizes"): on the scalar builds -Oz after asc's pipeline saves ~1% raw and
// ~2% gzip at the same speed. The SIMD builds get none: any second binaryen pass over them
// (even -O3) made the SIMD convolutions 17-42% slower.
const FEATURES = ["--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"];
const SIZE = ["-Oz", "--converge", ...FEATURES];
const WASM_OPT = { scalar: SIZE, wasi: SIZE, min: SIZE };
const TARGETS = ["scalar", "simd", "wasi", "wasi-simd", "min"];
const OUT = { scalar: "microlite.wasm", simd: "microlite.simd.wasm", wasi: "microlite.wasi.wasm", "wasi-simd": "microlite.wasi-simd.wasm", min: "microlite.min.wasm" };

/** Compiles one target of asconfig.json (with `transforms`; `compact`: SIMD_COMPACT), then its wasm-opt passes. */
export async function buildTarget(target, out, transforms = [], compact = false) {
  if (!TARGETS.includes(target)) throw new Error(`unknown target '${target}' (${TARGETS.join(", ")})`);
  const entry = target.startsWith("wasi") ? ["assembly/wasi.ts"] : [];
  const use = compact ? ["--use", "MICROLITE_SIMD_COMPACT=1"] : [];
  const result = await asc([...entry, "--config", "asconfig.json", "--target", target, "--outFile", out, ...use], { transforms });
  if (result.error) { process.stderr.write(result.stderr.toString()); throw result.error; }
  if (WASM_OPT[target]) execFileSync(join(root, "node_modules/.bin/wasm-opt"), [out, ...WASM_OPT[target], "-o", out], { stdio: "inherit" });
  const bytes = readFileSync(out);
  return `${out}: ${bytes.length.toLocaleString("en-US")} B, ${gzipSync(bytes, { level: 9 }).length.toLocaleString("en-US")} B gzip`;
}

async function run() {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && argv[0] === "--all") {
    // `npm run build:wasm`: every target with every op; the min target with the core ops.
    process.chdir(root);
    for (const target of TARGETS) {
      const transforms = target === "min" ? [new OpSelection(new Set(CORE_OPS))] : [];
      console.log(await buildTarget(target, `build/${OUT[target]}`, transforms));
    }
    return;
  }
  const o = parseArgs(argv); // (paths relative to the current directory)
  process.chdir(root);
  const built = await buildTarget(o.target, o.out, o.all ? [] : [new OpSelection(o.ops)], o.compact);
  console.log(`${built}; ${o.compact ? "compact SIMD, " : ""}${o.all ? "every op" : `${o.ops.size} ops: ${[...o.ops].sort().join(" ")}`}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().catch((e) => { console.error(`build:custom: ${e.message}`); process.exit(1); });
}
