// Inputs and outputs of a benchmark: seeded inputs, a Runner over a microlite model, and the
// largest difference between two runners' outputs.

import type { Model } from '../bindings/index.js';
import type { Runner } from './timing.js';

/** Seeded inputs over each tensor's natural range (float32 in [-1, 1]: random bytes would be NaNs). */
export function randomInput(model: Model): Uint8Array {
  let seed = 0x12345678;
  const next = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 2 ** 32; };
  const parts = model.inputs.map((t) => {
    const bytes = new Uint8Array(t.bytes);
    if (t.dtype === 'float32') {
      const f = new Float32Array(bytes.buffer);
      for (let i = 0; i < f.length; i++) f[i] = next() * 2 - 1;
    } else for (let i = 0; i < bytes.length; i++) bytes[i] = (next() * 256) | 0;
    return bytes;
  });
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function microliteRunner(name: string, model: Model): Runner {
  return {
    name,
    setInput(bytes) {
      let offset = 0;
      for (const t of model.inputs) { t.set(bytes.subarray(offset, offset + t.bytes)); offset += t.bytes; }
    },
    invoke: () => model.invoke(),
    outputs: () => model.outputs.map((t) => { const d = t.data; return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice(); }),
  };
}

function valuesOf(dtype: string, bytes: Uint8Array): ArrayLike<number> {
  const b = Uint8Array.from(bytes).buffer;
  switch (dtype) {
    case 'int8': return new Int8Array(b);
    case 'int16': return new Int16Array(b);
    case 'uint16': return new Uint16Array(b);
    case 'int32': return new Int32Array(b);
    case 'float32': return new Float32Array(b);
    default: return new Uint8Array(b);
  }
}

export function maxDiff(dtypes: string[], a: Uint8Array[], b: Uint8Array[]): number | null {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (!b[i] || a[i].length !== b[i].length) return null;
    const x = valuesOf(dtypes[i], a[i]);
    const y = valuesOf(dtypes[i], b[i]);
    for (let k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(x[k] - y[k]));
  }
  return worst;
}
