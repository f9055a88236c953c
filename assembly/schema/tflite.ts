// Field ids of the TFLite schema (schema.fbs, version 3) that microlite reads.
// A union occupies two slots: its type id, then its value.

import { errStr, errInt, errItem, textItem } from "../common/error";

export const TFLITE_SCHEMA_VERSION: u32 = 3;

export const enum ModelField { Version = 0, OperatorCodes = 1, Subgraphs = 2, Description = 3, Buffers = 4, MetadataBuffer = 5, Metadata = 6, SignatureDefs = 7 }
export const enum OperatorCodeField { DeprecatedBuiltinCode = 0, CustomCode = 1, Version = 2, BuiltinCode = 3 }
export const enum SubGraphField { Tensors = 0, Inputs = 1, Outputs = 2, Operators = 3, Name = 4 }
export const enum TensorField { Shape = 0, Type = 1, Buffer = 2, Name = 3, Quantization = 4, IsVariable = 5, Sparsity = 6, ShapeSignature = 7, HasRank = 8, VariantTensors = 9, ExternalBuffer = 10 }
export const enum QuantField { Min = 0, Max = 1, Scale = 2, ZeroPoint = 3, DetailsType = 4, Details = 5, QuantizedDimension = 6 }
export const enum OperatorField {
  OpcodeIndex = 0, Inputs = 1, Outputs = 2, BuiltinOptionsType = 3, BuiltinOptions = 4,
  CustomOptions = 5, CustomOptionsFormat = 6, MutatingVariableInputs = 7, Intermediates = 8,
  LargeCustomOptionsOffset = 9, LargeCustomOptionsSize = 10, BuiltinOptions2Type = 11, BuiltinOptions2 = 12,
}
export const enum BufferField { Data = 0, Offset = 1, Size = 2 }
export const enum MetadataField { Name = 0, Buffer = 1 }

/** TFLite TensorType values. */
export const enum DType {
  FLOAT32 = 0, FLOAT16 = 1, INT32 = 2, UINT8 = 3, INT64 = 4, STRING = 5, BOOL = 6, INT16 = 7,
  COMPLEX64 = 8, INT8 = 9, FLOAT64 = 10, COMPLEX128 = 11, UINT64 = 12, RESOURCE = 13, VARIANT = 14,
  UINT32 = 15, UINT16 = 16, INT4 = 17, BFLOAT16 = 18,
}

/** Bytes per element, or 0 for types microlite cannot hold in a flat buffer. */
export function dtypeSize(t: i32): i32 {
  switch (t) {
    case DType.FLOAT32: case DType.INT32: case DType.UINT32: return 4;
    case DType.INT64: case DType.UINT64: case DType.FLOAT64: case DType.COMPLEX64: return 8;
    case DType.COMPLEX128: return 16;
    case DType.FLOAT16: case DType.INT16: case DType.UINT16: case DType.BFLOAT16: return 2;
    case DType.UINT8: case DType.INT8: case DType.BOOL: return 1;
    case DType.RESOURCE: return 4; // a resource id (VAR_HANDLE)
    default: return 0; // STRING, VARIANT, INT4 (packed: handled by the ops that accept it)
  }
}

const DTYPE_NAMES: string = "float32;float16;int32;uint8;int64;string;bool;int16;complex64;int8;float64;complex128;uint64;resource;variant;uint32;uint16;int4;bfloat16";

/** Appends the dtype's name (lower case, as numpy spells it) to the error message. */
export function errDType(t: i32): void {
  if (t < 0 || t > 18) { errStr("dtype "); errInt(t); return; }
  errItem(DTYPE_NAMES, t);
}

/** The dtype's name: address; sets textLength (0 when unknown) and textStep (see textAt). */
export function dtypeNameAt(t: i32): usize { return textItem(DTYPE_NAMES, t); }

/** Fused activation functions (ActivationFunctionType). */
export const enum Activation { NONE = 0, RELU = 1, RELU_N1_TO_1 = 2, RELU6 = 3, TANH = 4, SIGN_BIT = 5 }

/** Padding enum. */
export const enum Padding { SAME = 0, VALID = 1 }
