// AssemblyScript transform: stores the engine's text literals (error messages, names, option
// keys) as UTF-8 bytes.
//
// AssemblyScript stores each string literal as a UTF-16 String object with a 20-byte header:
// for the engine's ~900 message literals that was ~48 KB of static data. This transform runs
// after parsing (asconfig.json "transform") and, where a literal can only ever be read
// through `textAt()` (assembly/common/error.ts), replaces it by a reference
// REF = 0x80000000 | length << 18 | address of its UTF-8 bytes, passed as the `string`
// (`changetype<string>(REF)`). Authors keep writing `opFail(node, "weights must be
// constant")`; untransformed compiles (as-pect) keep real Strings, which textAt() also reads.
//
// Which literals. A string parameter of a function is a *text parameter* when every read of
// it in the body is an argument to a text parameter (through ternaries and parentheses),
// with `textAt(s)` as the root; a module-level string variable is a *text variable* when
// every read of it is such an argument (assigning to it is not a read). Both sets are the
// greatest fixed point: start from every candidate and drop those read any other way
// (`s.length`, `s == t`, returned, stored in a field). A call is resolved by name: to the
// function of that name in the calling file, else to the exported functions of that name
// (all of them must agree). Then every string literal passed as a text argument, used as a
// text parameter's default, or assigned to / initialising a text variable is packed.
// A helper that reads a string another way just keeps real Strings: correct, only larger.
//
// Where the bytes go. Each distinct text becomes one `@global @lazy const` in a generated
// in-memory file: its own `memory.data<u8>([...])`, or a pointer into a longer text that
// contains it. Lazy globals are compiled only when used, so a build with fewer ops (see
// build.js) carries only its own texts. After compiling, adjacent data segments are merged
// (each costs a header) and static data is checked to end below 256 KiB (18-bit addresses).
//
// MICROLITE_MESSAGES_VERBOSE=1 prints the text parameters and the literals left as Strings.

import { Node, NodeKind, LiteralKind, AssertionKind, SourceKind, Token, CommonFlags } from "assemblyscript";

const ROOT = "textAt"; // export function textAt(s: string): usize, in HOME
const HOME = "assembly/common/error.ts";
const GENERATED = "assembly/common/texts~generated.ts"; // (in memory only)
const PREFIX = "__microlite_text_";
const TAG = 0x80000000;
const LENGTH_SHIFT = 18;
const MAX_LENGTH = 0x1fff; // 13 bits of length
const MAX_OFFSET = 0x3ffff; // 18 bits of offset

const isNode = (x) => x !== null && typeof x === "object" && typeof x.kind === "number" && x.range !== undefined;
const isString = (type) => type != null && type.kind === NodeKind.NamedType && type.name !== null
  && type.name.identifier.text === "string" && type.name.next === null;
const isStringLiteral = (e) => e.kind === NodeKind.Literal && e.literalKind === LiteralKind.String;
const isAssign = (e) => e.kind === NodeKind.Binary && e.operator === Token.Equals;

/**
 * Walks the tree below `node`; visit(child, parent, key, index, ancestors) for every node, where
 * ancestors holds the { parent, key, index } records of the path above `parent`. Import and
 * export lists are skipped (their names are not uses) unless `lists`.
 */
export function walk(node, visit, ancestors = [], lists = false) {
  for (const key of Object.keys(node)) {
    if (key === "range") continue;
    const value = node[key];
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const child = items[i];
      if (!isNode(child)) continue;
      if (!lists && (child.kind === NodeKind.Import || child.kind === NodeKind.Export || child.kind === NodeKind.ExportDefault)) continue;
      const index = Array.isArray(value) ? i : -1;
      visit(child, node, key, index, ancestors);
      ancestors.push({ parent: node, key, index });
      walk(child, visit, ancestors, lists);
      ancestors.pop();
    }
  }
}

export default class MessagesTransform {
  afterCompile(module) {
    if (!this.used) return;
    let end = 0;
    for (let i = 0; i < module.getNumMemorySegments(); i++) {
      const info = module.getMemorySegmentInfoByIndex(i);
      end = Math.max(end, info.offset + info.data.byteLength);
    }
    if (end > MAX_OFFSET + 1) throw new Error(`messages transform: static data ends at ${end}, past the ${MAX_OFFSET + 1} bytes a text reference can address`);
    mergeSegments(module);
  }

  afterParse(parser) {
    const sources = parser.sources;
    const home = sources.find((s) => s.normalizedPath === HOME);
    if (!home) return; // not the engine

    // Module-level functions and string variables; per file, the other names it declares
    // (locals, parameters), which may shadow a function's name.
    const functions = new Map(); // name -> [{ decl, source }]
    const variables = new Map(); // name -> [{ decl, source }]
    const shadowed = new Map(); // source -> Set of local names
    const declaredNames = new Set(); // identifier nodes that name a declaration
    for (const source of sources) {
      const locals = new Set();
      for (const st of source.statements) {
        if (st.kind === NodeKind.FunctionDeclaration) push(functions, st.name.text, { decl: st, source });
        else if (st.kind === NodeKind.Variable) {
          for (const d of st.declarations) {
            if (isString(d.type) || (d.type === null && d.initializer && isStringLiteral(d.initializer))) push(variables, d.name.text, { decl: d, source });
          }
        }
      }
      walk(source, (n, parent) => {
        if (isNode(n.name) && n.name.kind === NodeKind.Identifier) declaredNames.add(n.name);
        if (n.kind === NodeKind.Parameter) locals.add(n.name.text);
        if (n.kind === NodeKind.VariableDeclaration && !source.statements.includes(parent)) locals.add(n.name.text);
      });
      shadowed.set(source, locals);
    }

    // The functions a call `name(...)` in `source` may run.
    const resolve = (name, source) => {
      if (shadowed.get(source).has(name)) return [];
      const all = functions.get(name) ?? [];
      const local = all.filter((f) => f.source === source);
      return local.length ? local : all.filter((f) => f.decl.flags & CommonFlags.Export);
    };

    // Candidates: every string parameter of a function with a body, every string variable.
    const textParams = new Map(); // decl -> Set of indices
    for (const list of functions.values()) {
      for (const { decl } of list) {
        const set = new Set();
        if (decl.body) decl.signature.parameters.forEach((p, i) => { if (isString(p.type)) set.add(i); });
        if (set.size) textParams.set(decl, set);
      }
    }
    const root = (functions.get(ROOT) ?? []).find((f) => f.source === home);
    if (!root) throw new Error(`messages transform: ${HOME} must define ${ROOT}(s: string)`);
    textParams.set(root.decl, new Set([0]));
    const textVars = new Set(); // VariableDeclaration nodes
    for (const list of variables.values()) for (const { decl } of list) textVars.add(decl);

    // The variables a name in `source` may refer to: a module-level one of that file, else the
    // exported ones of other files; none when a local of the file shadows it. (Several when
    // ambiguous: reads then count against all of them, writes need all of them to be text.)
    const isExported = (v) => (v.decl.flags & CommonFlags.Export) !== 0
      || v.source.statements.some((s) => s.kind === NodeKind.Variable && s.declarations.includes(v.decl) && (s.flags & CommonFlags.Export) !== 0);
    const variablesOf = (name, source) => {
      if (shadowed.get(source).has(name)) return [];
      const all = variables.get(name) ?? [];
      const local = all.filter((v) => v.source === source);
      return (local.length ? local : all.filter(isExported)).map((v) => v.decl);
    };
    const allText = (decls) => decls.length > 0 && decls.every((d) => textVars.has(d));
    const isTextArg = (call, index, source) => {
      if (call.expression.kind !== NodeKind.Identifier) return false;
      const targets = resolve(call.expression.text, source);
      return targets.length > 0 && targets.every((f) => textParams.get(f.decl)?.has(index));
    };
    // Is the expression at the end of `path` (records { parent, key, index }, innermost
    // first) only read as text?
    const isTextPosition = (path, source) => {
      for (const { parent, key, index } of path) {
        if (parent.kind === NodeKind.Ternary && (key === "ifThen" || key === "ifElse")) continue;
        if (parent.kind === NodeKind.Parenthesized) continue;
        if (parent.kind === NodeKind.Call && key === "args") return isTextArg(parent, index, source);
        if (isAssign(parent) && key === "right") {
          return parent.left.kind === NodeKind.Identifier && allText(variablesOf(parent.left.text, source));
        }
        if (parent.kind === NodeKind.VariableDeclaration && key === "initializer") return textVars.has(parent);
        return false;
      }
      return false;
    };

    // Every read of a candidate, as (path, source).
    const reads = new Map(); // decl -> [{ path, source }] (variables), or decl -> index -> [...] (parameters)
    for (const [decl, set] of textParams) {
      const source = functions.get(decl.name.text).find((f) => f.decl === decl).source;
      const byName = new Map();
      for (const i of set) byName.set(decl.signature.parameters[i].name.text, i);
      const perIndex = new Map([...set].map((i) => [i, []]));
      walk(decl.body, (n, parent, key, index, ancestors) => {
        if (n.kind !== NodeKind.Identifier || !byName.has(n.text) || declaredNames.has(n)) return;
        if (isAssign(parent) && key === "left") return; // a write
        perIndex.get(byName.get(n.text)).push({ path: pathOf(parent, key, index, ancestors), source });
      });
      reads.set(decl, perIndex);
    }
    for (const decl of textVars) reads.set(decl, []);
    const NOT_TEXT = { path: [], source: null }; // a read that is never a text position
    for (const source of sources) {
      walk(source, (n, parent, key, index, ancestors) => {
        if (n.kind !== NodeKind.Identifier || declaredNames.has(n) || !variables.has(n.text)) return;
        if (parent.kind === NodeKind.PropertyAccess && key === "property") {
          // `ns.NAME` (a namespace import) or a field that happens to share the name: counted
          // against the exported variables of that name, as a read of unknown use.
          for (const v of variables.get(n.text).filter(isExported)) reads.get(v.decl).push(NOT_TEXT);
          return;
        }
        if (isAssign(parent) && key === "left") return; // a write
        for (const v of variablesOf(n.text, source)) reads.get(v).push({ path: pathOf(parent, key, index, ancestors), source });
      });
      // Imported or exported under another name: its reads there are not followed.
      walk(source, (n) => {
        const [from, to] = n.kind === NodeKind.ImportDeclaration ? [n.foreignName, n.name]
          : n.kind === NodeKind.ExportMember ? [n.localName, n.exportedName] : [null, null];
        if (from && to && from.text !== to.text) {
          for (const v of variables.get(from.text) ?? []) reads.get(v.decl).push(NOT_TEXT);
        }
      }, [], true);
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const [decl, set] of textParams) {
        if (decl === root.decl) continue;
        for (const i of [...set]) {
          if (!reads.get(decl).get(i).every((r) => isTextPosition(r.path, r.source))) { set.delete(i); changed = true; }
        }
      }
      for (const decl of [...textVars]) {
        if (!reads.get(decl).every((r) => isTextPosition(r.path, r.source))) { textVars.delete(decl); changed = true; }
      }
    }

    // The literals to pack.
    const pending = []; // { holder, key, index, text, range }
    const pack = (holder, key, index) => {
      const e = index >= 0 ? holder[key][index] : holder[key];
      if (isStringLiteral(e)) pending.push({ holder, key, index, text: e.value, range: e.range });
      else if (e.kind === NodeKind.Ternary) { pack(e, "ifThen", -1); pack(e, "ifElse", -1); }
      else if (e.kind === NodeKind.Parenthesized) pack(e, "expression", -1);
    };
    const user = sources.filter((s) => s.sourceKind === SourceKind.User || s.sourceKind === SourceKind.UserEntry);
    for (const source of user) {
      walk(source, (n) => {
        if (n.kind === NodeKind.Call) {
          n.args.forEach((_, i) => { if (isTextArg(n, i, source)) pack(n, "args", i); });
        } else if (n.kind === NodeKind.FunctionDeclaration && textParams.has(n)) {
          n.signature.parameters.forEach((p, i) => { if (p.initializer && textParams.get(n).has(i)) pack(p, "initializer", -1); });
        } else if (n.kind === NodeKind.VariableDeclaration && n.initializer && textVars.has(n)) {
          pack(n, "initializer", -1);
        } else if (isAssign(n) && n.left.kind === NodeKind.Identifier && allText(variablesOf(n.left.text, source))) {
          pack(n, "right", -1);
        }
      });
    }

    // One lazy global per distinct text, in a generated file: a text found inside a longer
    // one points into it; any other gets its own memory.data. Lazy globals are compiled only
    // when a compiled function uses them, so a build carries the texts of the code it has.
    const encoder = new TextEncoder();
    const distinct = [...new Set(pending.map((p) => p.text))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const names = new Map(); // text -> global name
    const placed = []; // { name, bytes } of texts with their own bytes
    const lines = [];
    for (const text of distinct) {
      const bytes = Buffer.from(encoder.encode(text));
      if (bytes.length > MAX_LENGTH) throw new Error(`messages transform: text longer than ${MAX_LENGTH} bytes: "${text.slice(0, 40)}..."`);
      const name = `${PREFIX}${names.size}`;
      names.set(text, name);
      const host = bytes.length === 0 ? null : placed.find((h) => h.bytes.indexOf(bytes) >= 0);
      let init;
      const hex = (n) => `<usize>0x${(n >>> 0).toString(16)}`;
      if (bytes.length === 0) init = hex(TAG);
      else if (host) init = `((${host.name} & ${hex(TAG | MAX_OFFSET)}) + ${host.bytes.indexOf(bytes)}) | (${hex(bytes.length)} << ${LENGTH_SHIFT})`;
      else {
        placed.push({ name, bytes });
        init = `${hex(TAG)} | (${hex(bytes.length)} << ${LENGTH_SHIFT}) | memory.data<u8>([${[...bytes].join(",")}])`;
      }
      lines.push(`// @ts-ignore: decorator\n@global @lazy const ${name}: usize = ${init};`);
    }
    if (lines.length) parser.parseFile(lines.join("\n") + "\n", GENERATED, false);
    this.used = lines.length > 0;
    // Each literal becomes changetype<string>(__microlite_text_N).
    for (const p of pending) {
      const r = p.range;
      const string = Node.createNamedType(Node.createSimpleTypeName("string", r), null, false, r);
      const ref = Node.createCallExpression(Node.createIdentifierExpression("changetype", r), [string],
        [Node.createIdentifierExpression(names.get(p.text), r)], r);
      if (p.index >= 0) p.holder[p.key][p.index] = ref; else p.holder[p.key] = ref;
    }

    if (process.env.MICROLITE_MESSAGES_VERBOSE) {
      const log = (s) => process.stderr.write(`messages: ${s}\n`);
      log(`${pending.length} literals packed, ${distinct.length} distinct, ${placed.reduce((n, h) => n + h.bytes.length, 0)} bytes of UTF-8`);
      const names = [];
      for (const [d, set] of textParams) if (set.size) names.push(`${d.name.text}(${[...set].join(",")})`);
      log(`text parameters: ${names.sort().join(" ")}`);
      log(`text variables: ${[...textVars].map((d) => d.name.text).sort().join(" ")}`);
      for (const source of user) {
        if (source.normalizedPath.startsWith("~lib/")) continue;
        walk(source, (n) => { if (isStringLiteral(n)) log(`left as a String: ${source.normalizedPath}:${source.lineAt(n.range.start)} "${n.value}"`); });
      }
    }
  }
}

/**
 * Merges data segments that are adjacent or a few zero bytes apart: every text has its own
 * memory.data, and each segment costs ~7 bytes of header in the binary.
 */
export function mergeSegments(module) {
  const count = module.getNumMemorySegments();
  const segments = [];
  for (let i = 0; i < count; i++) {
    const info = module.getMemorySegmentInfoByIndex(i);
    if (info.passive) return;
    segments.push({ offset: info.offset, data: new Uint8Array(info.data) });
  }
  segments.sort((a, b) => a.offset - b.offset);
  const merged = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    const gap = last ? s.offset - (last.offset + last.data.length) : -1;
    if (last && gap >= 0 && gap <= 6) {
      const data = new Uint8Array(last.data.length + gap + s.data.length);
      data.set(last.data);
      data.set(s.data, last.data.length + gap);
      last.data = data;
    } else merged.push({ ...s });
  }
  if (merged.length === count) return;
  const memory = module.getMemoryInfo();
  // Same memory ("0", as AssemblyScript names it; its export stays), new segments.
  module.setMemory(memory.initial, memory.max ?? -1, null,
    merged.map((s) => ({ offset: module.i32.const(s.offset), data: s.data, passive: false })), memory.shared, memory.is64, "0");
}

/** The records from a use (at parent.key[index]) outward. */
function pathOf(parent, key, index, ancestors) {
  const path = [{ parent, key, index }];
  for (let k = ancestors.length - 1; k >= 0; k--) path.push(ancestors[k]);
  return path;
}

function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}
