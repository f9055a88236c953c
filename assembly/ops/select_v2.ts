// SELECT_V2 (TFLM select.cc): bool condition; x, y and output float32, int8 or int16 (one
// dtype); the three inputs broadcast against the output, up to 5 dimensions.

import { Subgraph, Node, Tensor, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData, noReset,
} from "./registry";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/select_v2";
import * as simd from "../../kernels-simd/select_v2";
import { SelectV2Params } from "../../kernels-scalar/select_v2";

const MAX_RANK = 5;

/** Dimension k of t right-aligned to `rank` dimensions (missing leading ones are 1). */
function dimOrOne(t: Tensor, rank: i32, k: i32): i32 {
  const i = k - (rank - <i32>t.rank);
  return i < 0 ? 1 : dim(t, i);
}

/** Field `base` + k of the params (e0..e4, c0..c4, x0..x4 and y0..y4 are consecutive i32s). */
// @ts-ignore: decorator
@inline function setField(p: SelectV2Params, base: usize, k: i32, value: i32): void {
  store<i32>(changetype<usize>(p) + base + (<usize>k << 2), value);
}

function sameShape(a: Tensor, b: Tensor): bool {
  if (a.rank != b.rank) return false;
  for (let i = 0; i < <i32>a.rank; i++) if (dim(a, i) != dim(b, i)) return false;
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 3, 3, 1)) return false;
  const cond = requireInput(sg, node, 0);
  const x = requireInput(sg, node, 1);
  const y = requireInput(sg, node, 2);
  if (cond === null || x === null || y === null) return false;
  const out = getOutput(sg, node, 0);
  if (!checkWritable(node, out)) return false;
  if (<i32>cond.type != DType.BOOL) return opFailType(node, "condition", cond);
  const type = <i32>x.type;
  if (<i32>y.type != type || <i32>out.type != type) return opFail(node, "input and output dtypes differ");
  if (type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16) return opFailType(node, "input", x);

  const p = changetype<SelectV2Params>(allocOpData(node, offsetof<SelectV2Params>()));
  if (changetype<usize>(p) == 0) return false;
  p.shift = type == DType.FLOAT32 ? 2 : (type == DType.INT16 ? 1 : 0);
  const eBase = offsetof<SelectV2Params>("e0"), cBase = offsetof<SelectV2Params>("c0");
  const xBase = offsetof<SelectV2Params>("x0"), yBase = offsetof<SelectV2Params>("y0");
  for (let k = 0; k < MAX_RANK; k++) {
    setField(p, eBase, k, 1);
    setField(p, cBase, k, 0); setField(p, xBase, k, 0); setField(p, yBase, k, 0);
  }
  const count = elementCount(out);
  // Same shapes (or four single elements, as TFLM allows): one flat row.
  const single = elementCount(cond) == 1 && elementCount(x) == 1 && elementCount(y) == 1 && count == 1;
  if (single || (sameShape(cond, x) && sameShape(x, y) && elementCount(x) == count)) {
    p.e4 = count; p.c4 = 1; p.x4 = 1; p.y4 = 1;
    return true;
  }
  let rank = <i32>out.rank;
  if (<i32>cond.rank > rank) rank = <i32>cond.rank;
  if (<i32>x.rank > rank) rank = <i32>x.rank;
  if (<i32>y.rank > rank) rank = <i32>y.rank;
  if (rank > MAX_RANK) {
    if (opError(node, "broadcasting supports up to ")) { errInt(MAX_RANK); errStr(" dimensions, inputs have "); errInt(rank); }
    return false;
  }
  let strideC = 1, strideX = 1, strideY = 1;
  for (let k = rank - 1; k >= 0; k--) {
    const o = dimOrOne(out, rank, k);
    const dc = dimOrOne(cond, rank, k), dx = dimOrOne(x, rank, k), dy = dimOrOne(y, rank, k);
    let largest = dc > dx ? dc : dx;
    if (dy > largest) largest = dy;
    if ((dc != o && dc != 1) || (dx != o && dx != 1) || (dy != o && dy != 1) || o != largest || o < 0) {
      return opFail(node, "condition, x and y do not broadcast to the output shape");
    }
    const slot = MAX_RANK - rank + k; // right-aligned into the 5 loop levels
    setField(p, eBase, slot, o);
    setField(p, cBase, slot, dc == 1 ? 0 : strideC);
    setField(p, xBase, slot, dx == 1 ? 0 : strideX);
    setField(p, yBase, slot, dy == 1 ? 0 : strideY);
    strideC *= dc; strideX *= dx; strideY *= dy;
  }
  return true;
}

function evalSelectV2(sg: Subgraph, node: Node): bool {
  const p = changetype<SelectV2Params>(node.opData);
  const cond = inputData(sg, node, 0), x = inputData(sg, node, 1), y = inputData(sg, node, 2);
  const out = outputData(sg, node, 0);
  if (SIMD) simd.selectV2(p, cond, x, y, out); else scalar.selectV2(p, cond, x, y, out);
  return true;
}

// Each output element reads its inputs just before being written: an input of the output's
// size (never broadcast) may share its buffer.
// @ts-ignore: decorator
@lazy export const SelectV2 = new OpRegistration(prepare, evalSelectV2, noReset, 7);
