// Custom-op options (a FlexBuffer map in the operator's custom_options), read in prepare
// with a message naming the op and the option when one is missing or out of range.

import { Node, nodeCustomOptions } from "../graph";
import { vecLen, vecData } from "../schema/flatbuffer";
import { flexOpen, flexIsNumber, flexInt, flexBool } from "../schema/flexbuffer";
import { opError, opFail } from "./registry";
import { errStr, errInt } from "../common/error";

/** Opens the node's custom options map; fails with a message when absent or malformed. */
export function openCustomOptions(node: Node): bool {
  const v = nodeCustomOptions(node);
  if (v == 0 || vecLen(v) == 0) return opFail(node, "custom options are missing");
  if (!flexOpen(vecData(v), <u32>vecLen(v))) return opFail(node, "custom options are not a well-formed FlexBuffer map");
  return true;
}

/** The value read by the last optionInt / optionBool. */
export let optionValue: i32 = 0;

/** Reads integer option `name` (required) into optionValue, checking lo <= value <= hi. */
export function optionInt(node: Node, name: string, lo: i32, hi: i32): bool {
  if (!flexIsNumber(name)) {
    if (opError(node, "custom option '")) { errStr(name); errStr("' is missing or not a number"); }
    return false;
  }
  const v = flexInt(name, 0);
  if (v < <i64>lo || v > <i64>hi) {
    if (opError(node, "custom option '")) {
      errStr(name); errStr("' = "); errInt(v); errStr(" is outside ["); errInt(lo); errStr(", "); errInt(hi); errStr("]");
    }
    return false;
  }
  optionValue = <i32>v;
  return true;
}

/** Reads bool option `name` (required) into optionValue (0 or 1). */
export function optionBool(node: Node, name: string): bool {
  if (!flexIsNumber(name)) {
    if (opError(node, "custom option '")) { errStr(name); errStr("' is missing or not a bool"); }
    return false;
  }
  optionValue = flexBool(name, false) ? 1 : 0;
  return true;
}
