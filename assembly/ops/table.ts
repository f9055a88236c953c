// The op table: which registration runs each builtin (and custom) operator.
// Adding an op is one line here; see README "Adding an op".

import { Op } from "../schema/builtin_ops";
import { strEquals } from "../schema/flatbuffer";
import { OpRegistration } from "./registry";
import { FullyConnected } from "./fully_connected";

/** The registration for a builtin `code` (or custom op named by the string `custom`), or null. */
export function findRegistration(code: i32, custom: usize, version: i32): OpRegistration | null {
  switch (code) {
    case Op.FULLY_CONNECTED: return FullyConnected;
    // (builtin ops: one line each, in Op order)
    case Op.CUSTOM: return findCustom(custom);
  }
  return null;
}

function findCustom(name: usize): OpRegistration | null {
  // (custom ops: one line each)  if (strEquals(name, "SignalWindow")) return SignalWindow;
  return null;
}
