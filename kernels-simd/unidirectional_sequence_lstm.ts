// UNIDIRECTIONAL_SEQUENCE_LSTM, SIMD set. Until a SIMD kernel covers a case it falls back to the reference.

export { lstmFloat32, lstmInt8, lstmInt16 } from "../kernels-scalar/unidirectional_sequence_lstm";
