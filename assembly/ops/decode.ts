// TFLM_DECODE (TFLM micro/kernels/decode.cc): decodes compressed constant tensors at run time.
// Inputs come in pairs (encoded data, ancillary data: 16 bytes of "decode common metadata"
// then the decoder's own data), one pair per output. Supported: the LUT decoder (DCM type 0,
// decode_state_lut.cc) for TFLM's dtypes bool, int8, int16, int32, int64, float32. TFLM's
// Huffman (type 1) and prune (type 2) decoders are not implemented: refused with a message.

import { Subgraph, Node, Tensor, elementCount, numInputs, numOutputs } from "../graph";
import { DType, dtypeSize } from "../schema/tflite";
import { OpRegistration, getOutput, requireInput, opFail, opError, opFailType, checkWritable, outputData, allocOpData } from "./registry";
import { requireConstant, sizeShift } from "./tensor_values";
import { scaleCount, quantizedDimension } from "./quantization";
import { allocPersistent } from "../arena";
import { errStr, errInt } from "../common/error";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/decode";
import * as simd from "../../kernels-simd/decode";
import { DecodeLutEntry, lutIndex } from "../../kernels-scalar/decode";

/** Bytes of decode common metadata at the start of every ancillary tensor. */
const DCM_BYTES = 16;
const DCM_TYPE_LUT = 0;
const DCM_TYPE_HUFFMAN = 1;
const DCM_TYPE_PRUNE = 2;

@unmanaged
class DecodeParams {
  outputs: i32;
  /** `outputs` DecodeLutEntry records (persistent). */
  entries: usize;
}

function isByteType(t: Tensor): bool {
  return <i32>t.type == DType.UINT8 || <i32>t.type == DType.INT8;
}

/** Checks one (encoded, ancillary) -> output triple and fills `e`. */
function prepareLut(node: Node, encoded: Tensor, ancillary: Tensor, output: Tensor, e: DecodeLutEntry): bool {
  const anc = ancillary.data;
  if (load<u8>(anc + 4) != 1) {
    if (opError(node, "LUT version ")) { errInt(load<u8>(anc + 4)); errStr(" is not supported (only 1)"); }
    return false;
  }
  const type = <i32>output.type;
  if (type != DType.BOOL && type != DType.FLOAT32 && type != DType.INT8 && type != DType.INT16 &&
      type != DType.INT32 && type != DType.INT64) return opFailType(node, "output", output);
  const width = <i32>(load<u8>(anc + 5) & 7);
  if (width == 0) return opFail(node, "LUT bit width is 0");
  const stride = <i32>load<u8>(anc + 6);
  // Channels: the output's per-channel quantization, along dimension 0 or the last one.
  let channels = 1;
  let interleaved = 0;
  const scales = scaleCount(output);
  if (scales > 0) {
    channels = scales;
    const axis = quantizedDimension(output);
    if (axis == <i32>output.rank - 1 && channels > 1) interleaved = 1;
    else if (axis != 0) {
      if (opError(node, "quantization axis ")) { errInt(axis); errStr(" is not supported (0 or the last)"); }
      return false;
    }
  }
  const count = elementCount(output);
  if (count % channels != 0) return opFail(node, "output elements are not a whole number per channel");
  if (<i64>encoded.bytes * 8 < <i64>count * <i64>width) return opFail(node, "encoded data is shorter than the output needs");
  const size = dtypeSize(type);
  if (<i64>DCM_BYTES + <i64>channels * <i64>stride * <i64>size > <i64>ancillary.bytes) {
    return opFail(node, "value tables are larger than the ancillary data");
  }
  // Every index must pick an entry of its channel's table (TFLM does not check; a bad one
  // would read another channel's values or past the tensor).
  for (let k = 0; k < count; k++) {
    if (lutIndex(encoded.data, k, width) >= stride) return opFail(node, "an encoded index is past its value table");
  }
  e.encoded = encoded.data;
  e.table = anc + DCM_BYTES;
  e.count = count;
  e.channels = channels;
  e.stride = stride;
  e.bitWidth = width;
  e.interleaved = interleaved;
  e.elementShift = sizeShift(size);
  return true;
}

function prepare(sg: Subgraph, node: Node): bool {
  const outputs = numOutputs(node);
  if (outputs < 1 || numInputs(node) != outputs * 2) return opFail(node, "expects two inputs (encoded, ancillary) per output");
  const p = changetype<DecodeParams>(allocOpData(node, offsetof<DecodeParams>()));
  if (changetype<usize>(p) == 0) return false;
  p.outputs = outputs;
  p.entries = allocPersistent(<usize>outputs * offsetof<DecodeLutEntry>());
  if (p.entries == 0) return false;
  for (let i = 0; i < outputs; i++) {
    const encoded = requireInput(sg, node, 2 * i);
    if (encoded === null || !requireConstant(node, "encoded input", encoded)) return false;
    const ancillary = requireInput(sg, node, 2 * i + 1);
    if (ancillary === null || !requireConstant(node, "ancillary input", ancillary)) return false;
    const output = getOutput(sg, node, i);
    if (!checkWritable(node, output)) return false;
    if (!isByteType(encoded)) return opFailType(node, "encoded input", encoded);
    if (!isByteType(ancillary)) return opFailType(node, "ancillary input", ancillary);
    if (ancillary.bytes < <u32>DCM_BYTES) return opFail(node, "ancillary data is shorter than its 16-byte header");
    const kind = <i32>load<u8>(ancillary.data);
    const version = <i32>load<u8>(ancillary.data + 1);
    if (version != 1) {
      if (opError(node, "decode metadata version ")) { errInt(version); errStr(" is not supported (only 1)"); }
      return false;
    }
    if (kind == DCM_TYPE_HUFFMAN) return opFail(node, "Huffman-compressed tensors are not supported yet (LUT only)");
    if (kind == DCM_TYPE_PRUNE) return opFail(node, "pruned (sparse) tensors are not supported yet (LUT only)");
    if (kind != DCM_TYPE_LUT) {
      if (opError(node, "decode type ")) { errInt(kind); errStr(" is not supported (LUT only)"); }
      return false;
    }
    const e = changetype<DecodeLutEntry>(p.entries + <usize>i * offsetof<DecodeLutEntry>());
    if (!prepareLut(node, encoded, ancillary, output, e)) return false;
  }
  return true;
}

function evalDecode(sg: Subgraph, node: Node): bool {
  const p = changetype<DecodeParams>(node.opData);
  for (let i = 0; i < p.outputs; i++) {
    const e = changetype<DecodeLutEntry>(p.entries + <usize>i * offsetof<DecodeLutEntry>());
    if (SIMD) simd.decodeLut(e, outputData(sg, node, i));
    else scalar.decodeLut(e, outputData(sg, node, i));
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const Decode = new OpRegistration(prepare, evalDecode);
