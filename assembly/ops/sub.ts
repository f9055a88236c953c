// SUB: options, checks and quantization (TFLM sub.cc / sub_common.cc semantics); the prepare
// is ADD's (see prepareAddSub), the kernels subtract.

import { Subgraph, Node } from "../graph";
import { DType } from "../schema/tflite";
import { OpRegistration, inputData, outputData, noReset } from "./registry";
import { prepareAddSub } from "./add";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/sub";
import * as simd from "../../kernels-simd/sub";
import { SubParams } from "../../kernels-scalar/sub";

// SubOptions: fused_activation_function (0), pot_scale_int16 (1, unused by TFLM's micro kernels).

function prepare(sg: Subgraph, node: Node): bool {
  return prepareAddSub(sg, node, true);
}

function evalSub(sg: Subgraph, node: Node): bool {
  const p = changetype<SubParams>(node.opData);
  const a = inputData(sg, node, 0);
  const b = inputData(sg, node, 1);
  const out = outputData(sg, node, 0);
  const type = p.type;
  if (type == DType.INT8) {
    if (SIMD) simd.subInt8(p, a, b, out); else scalar.subInt8(p, a, b, out);
  } else if (type == DType.INT16) {
    if (SIMD) simd.subInt16(p, a, b, out); else scalar.subInt16(p, a, b, out);
  } else if (type == DType.FLOAT32) {
    if (SIMD) simd.subFloat32(p, a, b, out); else scalar.subFloat32(p, a, b, out);
  } else {
    if (SIMD) simd.subInt32(p, a, b, out); else scalar.subInt32(p, a, b, out);
  }
  return true;
}

// In place: output 0 may share either input's buffer (read element i, then write element i).
// @ts-ignore: decorator
@lazy export const Sub = new OpRegistration(prepare, evalSub, noReset, 3);
