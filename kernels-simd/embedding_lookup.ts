// EMBEDDING_LOOKUP, SIMD set: the scalar kernel.

export { EmbeddingLookupParams, embeddingLookup } from "../kernels-scalar/embedding_lookup";
