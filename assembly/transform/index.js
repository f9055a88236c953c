// The engine's AssemblyScript transform (asconfig.json "transform": the package
// "microlite-transform", which is this folder, linked as a devDependency so that asconfig.json
// can name it):
// 1. ./messages.js: text literals stored as UTF-8 bytes.
// 2. Math results independent of the size settings: AssemblyScript's ~lib/math.ts picks
//    smaller, less exact implementations of exp, log, pow, sin, cos... when shrinkLevel > 0
//    (ASC_SHRINK_LEVEL), which changes float32 results in the last bit. The builds optimise
//    for size with different shrink levels (README "Sizes"), so the math library is compiled
//    as at shrinkLevel 0 in every build: the same bits from every build (the exact, table-based
//    variants: what glibc, hence TFLM on a PC, uses too).

import { Node, NodeKind } from "assemblyscript";
import MessagesTransform, { walk } from "./messages.js";

const MATH = "~lib/math.ts";
const SHRINK = "ASC_SHRINK_LEVEL";

/** Replaces every ASC_SHRINK_LEVEL in ~lib/math.ts by 0; returns how many. */
export function pinMathShrinkLevel(parser) {
  const source = parser.sources.find((s) => s.normalizedPath === MATH);
  if (!source) return 0;
  let count = 0;
  walk(source, (child, parent, key, index) => {
    if (child.kind !== NodeKind.Identifier || child.text !== SHRINK) return;
    const zero = Node.createIntegerLiteralExpression(globalThis.i64_new(0, 0), child.range);
    if (index >= 0) parent[key][index] = zero; else parent[key] = zero;
    count++;
  }, [], true);
  if (count === 0) throw new Error(`microlite transform: no ${SHRINK} in ${MATH} (AssemblyScript changed): check the math library's size variants`);
  return count;
}

export default class MicroliteTransform extends MessagesTransform {
  afterParse(parser) {
    pinMathShrinkLevel(parser);
    return super.afterParse(parser);
  }
}
