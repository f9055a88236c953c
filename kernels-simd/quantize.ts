// QUANTIZE, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export {
  quantizeFloat32ToInt8, quantizeFloat32ToInt16,
  requantizeInt8ToInt8, requantizeInt8ToUint8, requantizeInt8ToInt16, requantizeInt8ToInt32,
  requantizeUint8ToInt8, requantizeInt16ToInt8, requantizeInt16ToInt16, requantizeInt16ToInt32,
  requantizeInt32ToInt8, requantizeInt32ToInt16,
} from "../kernels-scalar/quantize";
