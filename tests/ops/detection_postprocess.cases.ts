// TFLite_Detection_PostProcess (TFLM custom op, float32): centre-size boxes decoded against
// anchors, then fast or regular non-max suppression. Three anchors, two classes after a
// background column; box encodings only move box centres (y), so decoded boxes are exact.
import type { OpCase } from './op_case.js';
import type { ModelBuilder } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

interface Setup { yCentres: number[]; scores: number[][]; maxDetections: number; regular?: boolean; classesPerDetection?: number; outputs?: number; anchorH?: number }

function detect(m: ModelBuilder, s: Setup): void {
  const n = s.yCentres.length;
  // ycenter = y / y_scale * anchor_h + anchor_y: with y_scale 10, h 1, anchor y 0.5.
  const encodings = s.yCentres.flatMap((c) => [(c - 0.5) * 10, 0, 0, 0]);
  const boxes = m.constant({ dtype: 'float32', shape: [1, n, 4], data: encodings });
  const scores = m.tensor({ dtype: 'float32', shape: [1, n, 3] });
  const anchors = m.constant({ dtype: 'float32', shape: [n, 4], data: s.yCentres.flatMap(() => [0.5, 0.5, s.anchorH ?? 1, 1]) });
  const k = s.outputs ?? s.maxDetections;
  const ob = m.tensor({ dtype: 'float32', shape: [1, k, 4] });
  const oc = m.tensor({ dtype: 'float32', shape: [1, k] });
  const os = m.tensor({ dtype: 'float32', shape: [1, k] });
  const on = m.tensor({ dtype: 'float32', shape: [1] });
  m.customOp('TFLite_Detection_PostProcess', [boxes, scores, anchors], [ob, oc, os, on], encode({
    max_detections: s.maxDetections, max_classes_per_detection: s.classesPerDetection ?? 1, detections_per_class: 10,
    use_regular_nms: s.regular ?? false, nms_score_threshold: 0.5, nms_iou_threshold: 0.5, num_classes: 2,
    y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
  }));
  m.inputs(scores).outputs(ob, oc, os, on);
}

// Box i spans y in [c - 0.5, c + 0.5], x in [0, 1].
const box = (c: number) => [c - 0.5, 0, c + 0.5, 1];
const SCORES = [[0, 0.9, 0.1], [0, 0.2, 0.8], [0, 0.6, 0.55]];

export const cases: OpCase[] = [
  {
    name: 'fast NMS: each anchor\'s best class, best first',
    build(m) { detect(m, { yCentres: [0.5, 2.5, 4.5], scores: SCORES, maxDetections: 4 }); },
    inputs: [SCORES.flat()],
    tolerance: 1e-6,
    expected: [[...box(0.5), ...box(2.5), ...box(4.5), 0, 0, 0, 0], [0, 1, 0, 0], [0.9, 0.8, 0.6, 0], [3]],
  },
  {
    name: 'regular NMS: per class, so an anchor may be reported for two classes',
    build(m) { detect(m, { yCentres: [0.5, 2.5, 4.5], scores: SCORES, maxDetections: 4, regular: true }); },
    inputs: [SCORES.flat()],
    tolerance: 1e-6,
    expected: [[...box(0.5), ...box(2.5), ...box(4.5), ...box(4.5)], [0, 1, 0, 1], [0.9, 0.8, 0.6, 0.55], [4]],
  },
  {
    name: 'a box overlapping a better one is suppressed; max_detections caps the count',
    build(m) { detect(m, { yCentres: [0.5, 2.5, 0.6], scores: SCORES, maxDetections: 2, regular: true }); },
    inputs: [SCORES.flat()],
    tolerance: 1e-6,
    // Anchor 2 overlaps anchor 0 (IoU 0.82) for class 0; for class 1 it is kept (0.55) but
    // only the best two detections are output.
    expected: [[...box(0.5), ...box(2.5)], [0, 1], [0.9, 0.8], [2]],
  },
  {
    name: 'scores below the threshold are dropped',
    build(m) { detect(m, { yCentres: [0.5, 2.5, 4.5], scores: SCORES, maxDetections: 3 }); },
    inputs: [[0, 0.3, 0.2, 0, 0.1, 0.4, 0, 0.6, 0.1]],
    tolerance: 1e-6,
    expected: [[...box(4.5), 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0], [0.6, 0, 0], [1]],
  },
  {
    name: 'refuses outputs too small for TFLM\'s spacing of several classes per detection',
    build(m) { detect(m, { yCentres: [0.5, 2.5, 4.5], scores: SCORES, maxDetections: 2, classesPerDetection: 2, outputs: 4 }); },
    refused: /outputs hold fewer than the 8 detections it may write/,
  },
  {
    name: 'refuses an IoU threshold outside (0, 1]',
    build(m) {
      const b = m.tensor({ dtype: 'float32', shape: [1, 2, 4] });
      const c = m.tensor({ dtype: 'float32', shape: [1, 2, 3] });
      const a = m.tensor({ dtype: 'float32', shape: [2, 4] });
      const outs = [m.tensor({ dtype: 'float32', shape: [1, 1, 4] }), m.tensor({ dtype: 'float32', shape: [1, 1] }), m.tensor({ dtype: 'float32', shape: [1, 1] }), m.tensor({ dtype: 'float32', shape: [1] })];
      m.customOp('TFLite_Detection_PostProcess', [b, c, a], outs, encode({
        max_detections: 1, max_classes_per_detection: 1, nms_score_threshold: 0.5, nms_iou_threshold: 1.5, num_classes: 2,
        y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
      }));
      m.inputs(b, c, a).outputs(...outs);
    },
    refused: /nms_iou_threshold must be in \(0, 1\]/,
  },
  {
    name: 'refuses class predictions with two extra columns',
    build(m) {
      const b = m.tensor({ dtype: 'float32', shape: [1, 2, 4] });
      const c = m.tensor({ dtype: 'float32', shape: [1, 2, 4] });
      const a = m.tensor({ dtype: 'float32', shape: [2, 4] });
      const outs = [m.tensor({ dtype: 'float32', shape: [1, 1, 4] }), m.tensor({ dtype: 'float32', shape: [1, 1] }), m.tensor({ dtype: 'float32', shape: [1, 1] }), m.tensor({ dtype: 'float32', shape: [1] })];
      m.customOp('TFLite_Detection_PostProcess', [b, c, a], outs, encode({
        max_detections: 1, max_classes_per_detection: 1, nms_score_threshold: 0.5, nms_iou_threshold: 0.5, num_classes: 2,
        y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
      }));
      m.inputs(b, c, a).outputs(...outs);
    },
    refused: /class predictions need num_classes or num_classes \+ 1 columns/,
  },
];
