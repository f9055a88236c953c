// Builtin operator names by code, read from the engine's own table (assembly/schema/builtin_ops.ts),
// so the TS side never keeps a second copy of the list.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = readFileSync(fileURLToPath(new URL('../../../assembly/schema/builtin_ops.ts', import.meta.url)), 'utf8');
const match = /const OP_NAMES: string = "([^"]+)"/.exec(source);
if (!match) throw new Error('cannot read the op names from assembly/schema/builtin_ops.ts');

/** OPS[code] is the BuiltinOperator name. */
export const OPS: readonly string[] = match[1].split(';');
export type OpName = string;
