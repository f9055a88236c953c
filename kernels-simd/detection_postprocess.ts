// TFLite_Detection_PostProcess, SIMD set: sorting and suppression are branchy scalar work;
// the reference kernel is used as is.

export { decodeBoxes, boxesValid, detectRegular, detectFast } from "../kernels-scalar/detection_postprocess";
