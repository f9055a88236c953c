// EMBEDDING_LOOKUP (TFLM embedding_lookup.cc): int32 lookups (a vector) into a value table of
// rank >= 2: float32 -> float32, int8 -> int8 (copy), or int8 -> float32 (dequantized; the
// table must have zero point 0). Output shape: [lookups] + value.shape[1:].

import { Subgraph, Node, dim, elementCount, flatSize } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkWritable,
  inputData, outputData, allocOpData,
} from "./registry";
import { checkIndexType } from "./tensor_values";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/embedding_lookup";
import * as simd from "../../kernels-simd/embedding_lookup";
import { EmbeddingLookupParams } from "../../kernels-scalar/embedding_lookup";

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 2, 2, 1)) return false;
  const lookup = requireInput(sg, node, 0);
  const value = requireInput(sg, node, 1);
  if (lookup === null || value === null) return false;
  const output = getOutput(sg, node, 0);
  if (!checkWritable(node, output)) return false;
  if (lookup.rank != 1) return opFail(node, "lookup must be a vector");
  if (!checkIndexType(node, "lookup", lookup, false)) return false;
  const vType = <i32>value.type;
  const oType = <i32>output.type;
  if (vType != DType.FLOAT32 && vType != DType.INT8) return opFailType(node, "value", value);
  if (oType != DType.FLOAT32 && (oType != DType.INT8 || vType != DType.INT8)) return opFailType(node, "output", output);
  const rank = <i32>value.rank;
  if (rank < 2) return opFail(node, "value must have at least 2 dimensions");
  let ok = <i32>output.rank == rank && dim(output, 0) == dim(lookup, 0);
  for (let i = 1; ok && i < rank; i++) ok = dim(output, i) == dim(value, i);
  if (!ok) return opFail(node, "output shape does not match the inputs");
  const p = changetype<EmbeddingLookupParams>(allocOpData(node, offsetof<EmbeddingLookupParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.lookups = elementCount(lookup);
  p.rows = dim(value, 0);
  p.columns = flatSize(value, 1, rank);
  if (vType == DType.INT8 && oType == DType.FLOAT32) {
    if (value.zeroPoint != 0) return opFail(node, "an int8 table read as float32 needs zero point 0");
    p.scale = value.scale;
    p.elementSize = 0;
  } else {
    p.elementSize = vType == DType.INT8 ? 1 : 4;
  }
  return true;
}

function evalEmbeddingLookup(sg: Subgraph, node: Node): bool {
  const p = changetype<EmbeddingLookupParams>(node.opData);
  const lookup = inputData(sg, node, 0);
  const bad = SIMD ? simd.embeddingLookup(p, lookup, inputData(sg, node, 1), outputData(sg, node, 0))
                   : scalar.embeddingLookup(p, lookup, inputData(sg, node, 1), outputData(sg, node, 0));
  if (bad < 0) return true;
  if (opError(node, "lookup ")) { errInt(load<i32>(lookup + (<usize>bad << 2))); errStr(" is outside [0, "); errInt(p.rows); errStr(")"); }
  return false;
}

// @ts-ignore: decorator
@lazy export const EmbeddingLookup = new OpRegistration(prepare, evalEmbeddingLookup);
