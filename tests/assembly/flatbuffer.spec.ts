// The bounds-checked FlatBuffer reader on hand-made buffers: every malformed offset is
// reported, never followed.
import {
  fbBegin, fbOk, fbTable, fbI32, fbI8, fbVector, fbString, fbRef, vecLen, vecI32, vecTable, strEquals,
} from "../../assembly/schema/flatbuffer";
import { errorClear, errorLen, errorPtr } from "../../assembly/common/error";

/** A buffer: [0] root offset -> table at 16; vtable at 8. */
function buffer(words: i32[]): usize {
  const p = heap.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) store<i32>(p + (<usize>i << 2), words[i]);
  return p;
}

function message(): string {
  return String.UTF8.decodeUnsafe(errorPtr(), errorLen());
}

// Layout (bytes):
//  0: root uoffset = 16
//  4: "TFL3"
//  8: vtable: vtSize=8, tableSize=12, field0 at 4, field1 at 8 (field2 past the vtable)
// 16: table: soffset = 16 - 8 = 8 ; field0 (i32) = 42 ; field1 (uoffset to vector at 28) = 28 - 24 = 4
// 28: vector: length 3, values 7, 8, 9
function goodModel(): usize {
  return buffer([16, 0x334c4654, (12 << 16) | 8, (8 << 16) | 4, 8, 42, 4, 3, 7, 8, 9]);
}

describe("flatbuffer reader", () => {
  it("reads scalars, vectors and defaults of a valid table", () => {
    const p = goodModel();
    errorClear();
    fbBegin(p, 44);
    const t = fbTable(p + 16);
    expect(t).toBe(p + 16);
    expect(fbI32(t, 0, -1)).toBe(42);
    const v = fbVector(t, 1, 4);
    expect(vecLen(v)).toBe(3);
    expect(vecI32(v, 2)).toBe(9);
    expect(fbI32(t, 2, 123)).toBe(123); // absent field -> default
    expect(fbI32(t, 9, 5)).toBe(5);     // beyond the vtable -> default
    expect(fbOk()).toBe(true);
  });

  it("refuses a vector whose length runs past the end", () => {
    const p = buffer([16, 0x334c4654, (12 << 16) | 8, (8 << 16) | 4, 8, 42, 4, 0x7fffffff, 7, 8, 9]);
    errorClear();
    fbBegin(p, 44);
    const t = fbTable(p + 16);
    expect(fbVector(t, 1, 4)).toBe(0);
    expect(fbOk()).toBe(false);
    expect(message()).toBe("malformed model (model): vector length runs past the end at byte 28 of 44");
  });

  it("refuses a vtable outside the file", () => {
    const p = buffer([16, 0x334c4654, 0, 0, 0x7ffffff0, 42, 4, 3, 7, 8, 9]);
    errorClear();
    fbBegin(p, 44);
    expect(fbTable(p + 16)).toBe(0);
    expect(message()).toBe("malformed model (model): vtable outside the file at byte 16 of 44");
  });

  it("refuses a table whose size runs past the end", () => {
    const p = buffer([16, 0x334c4654, (200 << 16) | 8, (8 << 16) | 4, 8, 42, 4, 3, 7, 8, 9]);
    errorClear();
    fbBegin(p, 44);
    expect(fbTable(p + 16)).toBe(0);
    expect(fbOk()).toBe(false);
  });

  it("refuses a field that extends past its table", () => {
    // field0 at offset 10 in a 12-byte table: an i32 there would end at 14.
    const p = buffer([16, 0x334c4654, (12 << 16) | 8, (8 << 16) | 10, 8, 42, 4, 3, 7, 8, 9]);
    errorClear();
    fbBegin(p, 44);
    const t = fbTable(p + 16);
    expect(fbI32(t, 0, -1)).toBe(-1);
    expect(fbOk()).toBe(false);
    expect(fbI8(t, 0, 5)).toBe(5); // after the first error, reads return defaults
  });

  it("refuses an offset that points past the end", () => {
    const p = buffer([16, 0x334c4654, (12 << 16) | 8, (8 << 16) | 4, 8, 42, 1000, 3, 7, 8, 9]);
    errorClear();
    fbBegin(p, 44);
    const t = fbTable(p + 16);
    expect(fbRef(t, 1)).toBe(0);
    expect(message()).toBe("malformed model (model): offset points past the end at byte 24 of 44");
  });

  it("reads strings only when terminated inside the file", () => {
    // vector at 28: length 3, "abc\0"
    const p = buffer([16, 0x334c4654, (12 << 16) | 8, (8 << 16) | 4, 8, 42, 4, 3, 0x00636261]);
    errorClear();
    fbBegin(p, 36);
    const t = fbTable(p + 16);
    const s = fbString(t, 1);
    expect(strEquals(s, "abc")).toBe(true);
    expect(strEquals(s, "abd")).toBe(false);
    errorClear();
    fbBegin(p, 35); // the NUL is cut off
    expect(fbString(fbTable(p + 16), 1)).toBe(0);
    expect(fbOk()).toBe(false);
  });

  it("returns 0 for vector elements out of range", () => {
    const p = goodModel();
    errorClear();
    fbBegin(p, 44);
    const v = fbVector(fbTable(p + 16), 1, 4);
    expect(vecTable(v, 3)).toBe(0);
    expect(vecTable(v, -1)).toBe(0);
  });
});
