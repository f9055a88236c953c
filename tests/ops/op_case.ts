// The shape of an op test table: each case builds a small model with the test-model builder,
// feeds inputs, and states the expected outputs (hand-worked, or derived independently of the
// engine), or the message a refused model must give.

import type { ModelBuilder } from '../builder/tflite_builder.js';

export type Values = ArrayLike<number> | ArrayLike<bigint>;

export interface OpCase {
  name: string;
  /** Adds tensors and ops to `m` and sets its inputs/outputs. */
  build(m: ModelBuilder): void;
  /** Input values per model input (element values, not bytes). */
  inputs?: Values[];
  /** Expected output values per model output. */
  expected?: Values[];
  /** Absolute tolerance for float outputs (default: exact). */
  tolerance?: number;
  /** The model must be refused at load with a message matching this. */
  refused?: RegExp;
  /** Invokes without reset before checking (stateful ops); inputs repeat each step. */
  steps?: number;
}
