// Text literals read through textAt() (assembly/common/error.ts). as-pect compiles without the
// messages transform, so these are the plain-String paths; the release builds (packed UTF-8
// references) are covered by every error-message test in tests/*.test.ts.
import {
  errorClear, errorLen, errorPtr, errBegin, errStr, errItem, errInt, textAt, textLen, textLength, textStep,
  textEquals, textItem,
} from "../../assembly/common/error";
import { errOpName } from "../../assembly/schema/builtin_ops";
import { errDType } from "../../assembly/schema/tflite";

function message(): string {
  return String.UTF8.decodeUnsafe(errorPtr(), errorLen());
}

function bytes(s: string): usize {
  const p = heap.alloc(s.length + 1);
  for (let i = 0; i < s.length; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
  return p;
}

describe("text literals", () => {
  it("locates a String's characters", () => {
    const s = "abc";
    expect(textAt(s)).toBe(changetype<usize>(s));
    expect(textLength).toBe(3);
    expect(textStep).toBe(<usize>2);
    expect(textLen("")).toBe(0);
  });

  it("compares bytes with a literal", () => {
    const p = bytes("SignalWindow");
    expect(textEquals(p, 12, "SignalWindow")).toBe(true);
    expect(textEquals(p, 6, "Signal")).toBe(true);
    expect(textEquals(p, 12, "SignalWindoW")).toBe(false);
    expect(textEquals(p, 11, "SignalWindow")).toBe(false);
  });

  it("finds items of a ';'-separated list", () => {
    const list = "zero;one;;three";
    textItem(list, 0); expect(textLength).toBe(4);
    const p = textItem(list, 1); expect(textLength).toBe(3);
    expect(textEquals(p, 3, "one")).toBe(false); // String bytes are 2 apart
    expect(load<u8>(p)).toBe(<u8>111);
    textItem(list, 2); expect(textLength).toBe(0);
    textItem(list, 3); expect(textLength).toBe(5);
    textItem(list, 4); expect(textLength).toBe(0);
    textItem(list, -1); expect(textLength).toBe(0);
  });

  it("writes messages from literals, list items and numbers", () => {
    errorClear();
    expect(errBegin("conv: ")).toBe(true);
    errItem("a;bb;ccc", 2); errStr(" x"); errInt(-12);
    expect(message()).toBe("conv: ccc x-12");
    errorClear();
    errBegin(""); errOpName(3); errStr(" "); errDType(9); errStr(" "); errOpName(999);
    expect(message()).toBe("CONV_2D int8 op 999");
    errorClear();
  });
});
