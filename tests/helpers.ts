// Shared test utilities: engines per variant (one compiled module each), conformance folder.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Microlite } from '../bindings/index.js';

export const VARIANTS = ['scalar', 'simd'] as const;
export type TestVariant = typeof VARIANTS[number];

const modules = new Map<string, WebAssembly.Module>();

/** A fresh engine of `variant` (modules are compiled once per process). */
export async function engineFor(variant: TestVariant, arenaBytes?: number): Promise<Microlite> {
  const cached = modules.get(variant);
  const engine = await Microlite.create({ variant, wasm: cached, arenaBytes });
  if (!cached) modules.set(variant, engine.abi.module);
  return engine;
}

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The conformance data folder (MICROLITE_CONFORMANCE or ../shared/conformance), or null. */
export function conformanceDir(): string | null {
  const dir = process.env.MICROLITE_CONFORMANCE ?? resolve(repoRoot, '../shared/conformance');
  return existsSync(resolve(dir, 'INDEX.json')) ? dir : null;
}
