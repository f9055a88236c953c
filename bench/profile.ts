// --profile: per-op times from the engine's op-by-op entry point (Model.profile), with each op's
// output shape and MACs.

import type { Model, TensorInfo } from '../bindings/index.js';
import type { OpRow } from './report.js';

/** Ops under this many µs are timed in batches of calls. */
const PROFILE_BATCH_US = 20;

export function runProfile(model: Model, input: Uint8Array, macs: number[], tensors: TensorInfo[], runs: number): OpRow[] {
  let offset = 0;
  for (const t of model.inputs) { t.set(input.subarray(offset, offset + t.bytes)); offset += t.bytes; }
  model.reset();
  model.profile(3); // warm-up pass: the engine's code is already hot, the op's data may not be.
  const ops = model.profile(runs, PROFILE_BATCH_US);
  model.reset();
  const opInfo = model.ops;
  const total = ops.reduce((s, o) => s + o.micros, 0);
  return ops.map((o, i) => {
    const out = opInfo[i].outputs[0];
    return {
      index: o.index, op: o.op, shape: out >= 0 && out < tensors.length ? tensors[out].shape : [],
      macs: macs[i] ?? 0, us: o.micros, pct: total > 0 ? (100 * o.micros) / total : 0, batch: o.batch,
    };
  });
}
