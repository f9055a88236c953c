// TFLite_Detection_PostProcess custom op (TFLM detection_postprocess.cc), float32 only as in
// TFLM. Inputs: box encodings [1, boxes, >=4], class scores [1, boxes, classes (+1 for a
// background class)], anchors [boxes, 4]. Outputs (float32): boxes, classes, scores,
// detection count. Options (FlexBuffer map): max_detections, max_classes_per_detection,
// detections_per_class (default 100), use_regular_nms (default false), nms_score_threshold,
// nms_iou_threshold, num_classes, y_scale, x_scale, h_scale, w_scale.
//
// TFLM checks shapes and thresholds at eval; here prepare does. Outputs are zero-filled
// before each eval (TFLM leaves entries past the detections as they were). All working
// arrays live in one scratch buffer, sized for what the kernel uses (less than TFLM asks).

import { Subgraph, Node, dim, elementCount } from "../graph";
import { DType } from "../schema/tflite";
import {
  OpRegistration, checkCounts, getOutput, requireInput, opFail, opError, opFailType, checkRank,
  inputData, outputData, allocOpData, requestScratch, scratchData,
} from "./registry";
import { openCustomOptions, optionInt, optionValue } from "./custom_options";
import { flexIsNumber, flexFloat, flexBool, flexHas } from "../schema/flexbuffer";
import { errStr, errInt } from "../common/error";
import { alignUp } from "../arena";
import { SIMD } from "../config";
import * as scalar from "../../kernels-scalar/detection_postprocess";
import * as simd from "../../kernels-simd/detection_postprocess";
import { DetectionPostprocessParams } from "../../kernels-scalar/detection_postprocess";

/** Op data: the kernel's params, then the scratch buffer's index. */
@unmanaged
class DetectionOpData {
  scratch: i32;
}

let floatsOk: bool = true;
function floatOption(node: Node, name: string): f32 {
  if (!flexIsNumber(name)) {
    if (floatsOk && opError(node, "custom option '")) { errStr(name); errStr("' is missing or not a number"); }
    floatsOk = false;
    return 0;
  }
  return <f32>flexFloat(name, 0);
}

// Scratch layout: running byte offset (i64: sizes come from the model).
let layoutEnd: i64 = 0;
function take(bytes: i64): u32 {
  const at = layoutEnd;
  layoutEnd += (bytes + 15) & ~15;
  return <u32>at;
}

function prepare(sg: Subgraph, node: Node): bool {
  if (!checkCounts(node, 3, 3, 4)) return false;
  const boxes = requireInput(sg, node, 0);
  const scores = requireInput(sg, node, 1);
  const anchors = requireInput(sg, node, 2);
  if (boxes === null || scores === null || anchors === null) return false;
  if (!checkRank(node, "box encodings", boxes, 3) || !checkRank(node, "class predictions", scores, 3) || !checkRank(node, "anchors", anchors, 2)) return false;
  if (<i32>boxes.type != DType.FLOAT32) return opFailType(node, "box encodings", boxes);
  if (<i32>scores.type != DType.FLOAT32) return opFailType(node, "class predictions", scores);
  if (<i32>anchors.type != DType.FLOAT32) return opFailType(node, "anchors", anchors);
  for (let i = 0; i < 4; i++) {
    const out = getOutput(sg, node, i);
    if (<i32>out.type != DType.FLOAT32) return opFailType(node, "output", out);
  }

  if (!openCustomOptions(node)) return false;
  if (!optionInt(node, "max_detections", 0, 1 << 20)) return false;
  const maxDetections = optionValue;
  if (!optionInt(node, "max_classes_per_detection", -0x7fffffff, 0x7fffffff)) return false;
  const maxClassesPerDetection = optionValue;
  if (!optionInt(node, "num_classes", 1, 1 << 20)) return false;
  const numClasses = optionValue;
  let detectionsPerClass = 100;
  if (flexHas("detections_per_class")) {
    if (!optionInt(node, "detections_per_class", -0x7fffffff, 0x7fffffff)) return false;
    detectionsPerClass = optionValue;
  }
  const regular = flexBool("use_regular_nms", false);
  floatsOk = true;
  const scoreThreshold = floatOption(node, "nms_score_threshold");
  const iouThreshold = floatOption(node, "nms_iou_threshold");
  const yScale = floatOption(node, "y_scale");
  const xScale = floatOption(node, "x_scale");
  const hScale = floatOption(node, "h_scale");
  const wScale = floatOption(node, "w_scale");
  if (!floatsOk) return false;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) return opFail(node, "nms_iou_threshold must be in (0, 1]");
  if (regular && detectionsPerClass <= 0) return opFail(node, "detections_per_class must be positive");
  if (!regular && maxClassesPerDetection <= 0) return opFail(node, "max_classes_per_detection must be positive");

  const numBoxes = dim(boxes, 1);
  const withBackground = dim(scores, 2);
  if (dim(boxes, 0) != 1 || dim(scores, 0) != 1) return opFail(node, "batch size must be 1");
  if (dim(boxes, 2) < 4) return opFail(node, "box encodings need at least 4 values per box");
  if (dim(scores, 1) != numBoxes) return opFail(node, "class predictions and box encodings have different box counts");
  if (withBackground < numClasses || withBackground - numClasses > 1) return opFail(node, "class predictions need num_classes or num_classes + 1 columns");
  if (dim(anchors, 0) < numBoxes || dim(anchors, 1) != 4) return opFail(node, "anchors must be [boxes, 4]");

  // Output entries written: regular, max_detections; fast, up to boxes' worth of detections
  // with TFLM's spacing (see kernels-scalar/detection_postprocess.ts detectFast).
  const categories = min(maxClassesPerDetection, numClasses);
  const detected = <i64>min(numBoxes, maxDetections);
  const entries: i64 = regular ? <i64>maxDetections : detected * <i64>categories * <i64>categories;
  const outBoxes = getOutput(sg, node, 0), outClasses = getOutput(sg, node, 1);
  const outScores = getOutput(sg, node, 2), outCount = getOutput(sg, node, 3);
  if (<i64>elementCount(outBoxes) < entries * 4 || <i64>elementCount(outClasses) < entries || <i64>elementCount(outScores) < entries || elementCount(outCount) < 1) {
    if (opError(node, "outputs hold fewer than the ")) {
      errInt(entries); errStr(" detections it may write");
      if (!regular && categories > 1) errStr(" (TFLM spaces multi-class detections k*count + c apart)");
    }
    return false;
  }

  const d = changetype<DetectionOpData>(allocOpData(node, alignUp(offsetof<DetectionOpData>()) + offsetof<DetectionPostprocessParams>()));
  if (changetype<usize>(d) == 0) return false;
  const p = changetype<DetectionPostprocessParams>(changetype<usize>(d) + alignUp(offsetof<DetectionOpData>()));
  p.numBoxes = numBoxes;
  p.boxStride = dim(boxes, 2);
  p.numClasses = numClasses;
  p.numClassesWithBackground = withBackground;
  p.labelOffset = withBackground - numClasses;
  p.maxDetections = maxDetections;
  p.categories = categories;
  p.detectionsPerClass = detectionsPerClass;
  p.regular = regular;
  p.scoreThreshold = scoreThreshold;
  p.iouThreshold = iouThreshold;
  p.yScale = yScale; p.xScale = xScale; p.hScale = hScale; p.wScale = wScale;
  p.boxesBytes = outBoxes.bytes; p.classesBytes = outClasses.bytes; p.scoresBytes = outScores.bytes;

  const n = <i64>numBoxes;
  const selectedCapacity = min(n, <i64>(regular ? detectionsPerClass : maxDetections));
  const pooledCapacity = regular ? <i64>maxDetections + selectedCapacity : 0;
  layoutEnd = 0;
  p.decoded = take(n * 16);
  p.active = take(n);
  p.keepScores = take(n * 4);
  p.keepIndices = take(n * 4);
  p.sorted = take(n * 4);
  p.sortTemp = take(n * 4);
  p.classScores = take(n * 4);
  p.selected = take(selectedCapacity * 4);
  p.pooledIndex = take(pooledCapacity * 4);
  p.pooledScore = take(pooledCapacity * 4);
  p.pooledOrder = take(pooledCapacity * 4);
  p.pooledTemp = take(pooledCapacity * 4);
  p.classOrder = take(regular ? 0 : n * <i64>categories * 4);
  if (layoutEnd > 0x40000000) return opFail(node, "working memory would exceed 1 GB");
  d.scratch = requestScratch(sg, node, layoutEnd > 16 ? <i32>layoutEnd : 16);
  return d.scratch >= 0;
}

function evalDetection(sg: Subgraph, node: Node): bool {
  const d = changetype<DetectionOpData>(node.opData);
  const p = changetype<DetectionPostprocessParams>(changetype<usize>(d) + alignUp(offsetof<DetectionOpData>()));
  const scratch = scratchData(sg, d.scratch);
  const scores = inputData(sg, node, 1);
  const boxes = outputData(sg, node, 0), classes = outputData(sg, node, 1);
  const outScores = outputData(sg, node, 2), count = outputData(sg, node, 3);
  if (SIMD) simd.decodeBoxes(p, inputData(sg, node, 0), inputData(sg, node, 2), scratch);
  else scalar.decodeBoxes(p, inputData(sg, node, 0), inputData(sg, node, 2), scratch);
  // TFLM fails the invoke on a degenerate box (ymin >= ymax or xmin >= xmax).
  if (!scalar.boxesValid(p, scratch)) return opFail(node, "a decoded box is empty (ymin >= ymax or xmin >= xmax)");
  if (p.regular) {
    if (SIMD) simd.detectRegular(p, scores, scratch, boxes, classes, outScores, count);
    else scalar.detectRegular(p, scores, scratch, boxes, classes, outScores, count);
  } else {
    if (SIMD) simd.detectFast(p, scores, scratch, boxes, classes, outScores, count);
    else scalar.detectFast(p, scores, scratch, boxes, classes, outScores, count);
  }
  return true;
}

// @ts-ignore: decorator
@lazy export const DetectionPostprocess = new OpRegistration(prepare, evalDetection);
