// Models for the memory-planner tests and measurements, built with the test-model builder.
// Activations are int8 [rows, width]: FULLY_CONNECTED changes the width with a tiny weight
// matrix, so activation sizes can be chosen freely while the models stay small.

import { ModelBuilder, offlinePlanBytes } from './builder/tflite_builder.js';
import { options } from './builder/options.js';

/** A deterministic generator (xorshift32). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

class Net {
  readonly m = new ModelBuilder();
  private readonly random = rng(7);
  constructor(readonly rows: number) {}

  act(width: number, name?: string): number {
    return this.m.tensor({ name, dtype: 'int8', shape: [this.rows, width], scale: 0.05 + 0.01 * (width % 7), zeroPoint: (width % 5) - 2 });
  }

  /** x [rows, k] -> FULLY_CONNECTED -> [rows, width]. */
  fc(x: number, k: number, width: number): number {
    const w = this.m.constant({
      dtype: 'int8', shape: [width, k], scale: 0.02, zeroPoint: 0,
      data: Array.from({ length: width * k }, () => Math.floor(this.random() * 255) - 127),
    });
    const y = this.act(width);
    this.m.op('FULLY_CONNECTED', [x, w, -1], [y], options.fullyConnected({ activation: 'RELU' }));
    return y;
  }

  add(a: number, b: number, width: number, rows = this.rows): number {
    const y = this.m.tensor({ dtype: 'int8', shape: [rows, width], scale: 0.07, zeroPoint: 1 });
    this.m.op('ADD', [a, b], [y], options.add());
    return y;
  }

  reshape(x: number, shape: number[]): number {
    const y = this.m.tensor({ dtype: 'int8', shape, scale: 0.05 + 0.01 * (shape[shape.length - 1] % 7), zeroPoint: 0 });
    this.m.op('RESHAPE', [x], [y], options.reshape(shape));
    return y;
  }
}

/**
 * A chain with the activation sizes of MobileNet v1 0.25 (VWW), in units of `rows` bytes:
 * TFLM's greedy plan is a third above the lower bound on it.
 */
export const VWW_WIDTHS = [24, 16, 16, 32, 8, 16, 16, 16, 4, 8, 8, 8, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 2, 2, 2];

export function chainModel(widths = VWW_WIDTHS, rows = 96, offline?: (tensorCount: number) => number[]): Uint8Array {
  const net = new Net(rows);
  const x = net.act(widths[0], 'x');
  let h = x;
  for (let i = 1; i < widths.length; i++) h = net.fc(h, widths[i - 1], widths[i]);
  net.m.inputs(x).outputs(h);
  return finish(net, offline);
}

/**
 * `blocks` residual blocks (3 ops each: FC, FC, ADD with the block input) of random widths,
 * with an in-place-able RESHAPE every fourth block: 3 * blocks + blocks / 4 ops.
 */
export function residualModel(blocks: number, rows = 16, seed = 3): Uint8Array {
  const net = new Net(rows);
  const random = rng(seed);
  const widths = [8, 16, 24, 32, 48, 64];
  let width = 32;
  const x = net.act(width, 'x');
  let h = x;
  for (let b = 0; b < blocks; b++) {
    const inner = widths[Math.floor(random() * widths.length)];
    const a = net.fc(h, width, inner);
    const c = net.fc(a, inner, width);
    h = net.add(c, h, width);
    if (b % 4 === 3) {
      h = net.reshape(h, [rows, width]);
      const next = widths[Math.floor(random() * widths.length)];
      h = net.fc(h, width, next);
      width = next;
    }
  }
  net.m.inputs(x).outputs(h);
  return net.m.finish();
}

/** x -> FC -> RESHAPE -> ADD(r, r) -> FC: RESHAPE and ADD may run in place. */
export function inPlaceModel(rows = 4): Uint8Array {
  const net = new Net(rows);
  const x = net.act(16, 'x');
  const a = net.fc(x, 16, 32);
  const r = net.reshape(a, [rows * 2, 16]);
  const s = net.add(r, r, 16, rows * 2);
  const t = net.reshape(s, [rows, 32]);
  const y = net.fc(t, 32, 8);
  net.m.inputs(x).outputs(y);
  return net.m.finish();
}

function finish(net: Net, offline?: (tensorCount: number) => number[]): Uint8Array {
  if (offline) net.m.addMetadata('OfflineMemoryAllocation', offlinePlanBytes(offline(countTensors(net))));
  return net.m.finish();
}

function countTensors(net: Net): number {
  // The builder numbers tensors from 0; a probe tensor's index is the count so far.
  return (net.m as unknown as { subgraphs: Array<{ tensors: unknown[] }> }).subgraphs[0].tensors.length;
}

export { offlinePlanBytes };

// ---- large models, for load-time scaling (tests/planner_scale.test.ts, bench/load_scale.ts) ----

/** A chain of `ops` FULLY_CONNECTED ops with random widths 1..8 on `rows` rows. */
export function longChainModel(ops: number, rows = 4, seed = 5): Uint8Array {
  const random = rng(seed);
  return chainModel(Array.from({ length: ops + 1 }, () => 1 + Math.floor(random() * 8)), rows);
}

/**
 * A wide model: `ops / 2` RELUs of the input whose outputs stay alive until a chain of ADDs
 * consumes them in reverse order, so about ops / 2 buffers are alive at once (the planner's
 * worst case: every buffer overlaps every other).
 */
export function wideModel(ops: number): Uint8Array {
  const m = new ModelBuilder();
  const half = Math.max(1, Math.floor(ops / 2));
  const spec = (len: number) => ({ dtype: 'float32' as const, shape: [len] });
  const x = m.tensor({ ...spec(4), name: 'x' });
  const hs: number[] = [];
  for (let i = 0; i < half; i++) {
    const h = m.tensor(spec(4));
    m.op('RELU', [x], [h]);
    hs.push(h);
  }
  let acc = hs[half - 1];
  for (let i = half - 2; i >= 0; i--) {
    const y = m.tensor(spec(4));
    m.op('ADD', [acc, hs[i]], [y], options.add());
    acc = y;
  }
  m.inputs(x).outputs(acc);
  return m.finish();
}

/** `ops` RELUs of one input, every output a model output. */
export function manyOutputsModel(ops: number): Uint8Array {
  const m = new ModelBuilder();
  const x = m.tensor({ dtype: 'float32', shape: [4], name: 'x' });
  const ys: number[] = [];
  for (let i = 0; i < ops; i++) {
    const y = m.tensor({ dtype: 'float32', shape: [4] });
    m.op('RELU', [x], [y]);
    ys.push(y);
  }
  m.inputs(x).outputs(...ys);
  return m.finish();
}

/**
 * Control flow that expands: `calls` IF ops in a chain, both branches subgraph 1, a chain of
 * `bodyOps` RELUs. The walk takes about 2 * calls * bodyOps steps (scopes).
 */
export function manyCallsModel(calls: number, bodyOps: number): Uint8Array {
  const m = new ModelBuilder();
  const f32 = { dtype: 'float32' as const, shape: [4] };
  const c = m.tensor({ dtype: 'bool', shape: [1], name: 'c' });
  const x = m.tensor({ ...f32, name: 'x' });
  let h = x;
  for (let i = 0; i < calls; i++) {
    const y = m.tensor(f32);
    m.op('IF', [c, h], [y], options.raw(92, [[0, 'int32', 1], [1, 'int32', 1]]));
    h = y;
  }
  m.inputs(c, x).outputs(h);
  m.subgraph();
  const a = m.tensor(f32);
  let t = a;
  for (let i = 0; i < bodyOps; i++) {
    const u = m.tensor(f32);
    m.op('RELU', [t], [u]);
    t = u;
  }
  m.inputs(a).outputs(t);
  m.use(0);
  return m.finish();
}

/**
 * One CONCATENATION with `n` inputs and `n` outputs (refused by its prepare: one output only);
 * with `readsOwnOutput` its last input is one of its outputs (refused by the model checks).
 */
export function wideOpModel(n: number, readsOwnOutput = false): Uint8Array {
  const m = new ModelBuilder();
  const spec = { dtype: 'float32' as const, shape: [1] };
  const ins = Array.from({ length: n }, () => m.tensor(spec));
  const outs = Array.from({ length: n }, () => m.tensor(spec));
  if (readsOwnOutput) ins[n - 1] = outs[Math.floor(n / 2)];
  m.op('CONCATENATION', ins, outs, options.concatenation({ axis: 0 }));
  m.inputs(ins[0]).outputs(outs[0]);
  return m.finish();
}
