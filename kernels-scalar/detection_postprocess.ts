// TFLite_Detection_PostProcess reference kernel (TFLM detection_postprocess.cc, float32):
// decode centre-size box encodings against the anchors, then non-max suppression, either
// "fast" (one NMS over each anchor's best class) or "regular" (NMS per class, then the best
// max_detections overall).
//
// Orders: TFLM sorts kept scores with a stable merge sort (descending) and takes top-k with
// std::partial_sort under (score desc, index asc); both equal the order "score descending,
// lower index first" for non-NaN scores, which is what both sorts here produce.

@unmanaged
export class DetectionPostprocessParams {
  numBoxes: i32;
  /** Floats per box encoding (>= 4; the first 4 are y, x, h, w). */
  boxStride: i32;
  numClasses: i32;
  numClassesWithBackground: i32;
  labelOffset: i32;
  maxDetections: i32;
  /** Fast NMS: classes kept per detection, min(max_classes_per_detection, num_classes). */
  categories: i32;
  detectionsPerClass: i32;
  regular: bool;
  scoreThreshold: f32;
  iouThreshold: f32;
  yScale: f32;
  xScale: f32;
  hScale: f32;
  wScale: f32;
  /** Output byte sizes (zero-filled before writing) of boxes, classes and scores. */
  boxesBytes: u32;
  classesBytes: u32;
  scoresBytes: u32;
  /** Scratch layout (byte offsets in the op's scratch buffer). */
  decoded: u32;      // numBoxes x 4 f32 (ymin, xmin, ymax, xmax)
  active: u32;       // numBoxes u8
  keepScores: u32;   // numBoxes f32
  keepIndices: u32;  // numBoxes i32
  sorted: u32;       // numBoxes i32
  sortTemp: u32;     // numBoxes i32
  classScores: u32;  // numBoxes f32 (one class's scores, or each anchor's best score)
  selected: u32;     // selectedCapacity i32
  pooledIndex: u32;  // regular: pooledCapacity i32 (index into the class scores)
  pooledScore: u32;  // regular: pooledCapacity f32
  pooledOrder: u32;  // regular: pooledCapacity i32
  pooledTemp: u32;   // regular: pooledCapacity f32
  classOrder: u32;   // fast: numBoxes x categories i32
}

// @ts-ignore: decorator
@inline function getf(a: usize, i: i32): f32 { return load<f32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setf(a: usize, i: i32, v: f32): void { store<f32>(a + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function geti(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function seti(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }
// std::max<float> / std::min<float> (NaN handling as C++'s comparisons).
// @ts-ignore: decorator
@inline function maxf(a: f32, b: f32): f32 { return a < b ? b : a; }
// @ts-ignore: decorator
@inline function minf(a: f32, b: f32): f32 { return b < a ? b : a; }

/** Decodes every box (TFLM DecodeCenterSizeBoxes: double arithmetic, rounded to float). */
export function decodeBoxes(p: DetectionPostprocessParams, boxes: usize, anchors: usize, scratch: usize): void {
  const decoded = scratch + p.decoded;
  const ys = <f64>p.yScale, xs = <f64>p.xScale, hs = <f64>p.hScale, ws = <f64>p.wScale;
  for (let i = 0; i < p.numBoxes; i++) {
    const b = boxes + (<usize>(i * p.boxStride) << 2);
    const a = anchors + (<usize>i << 4);
    const ay = <f64>load<f32>(a), ax = <f64>load<f32>(a, 4), ah = <f64>load<f32>(a, 8), aw = <f64>load<f32>(a, 12);
    const yCenter = <f32>(<f64>load<f32>(b) / ys * ah + ay);
    const xCenter = <f32>(<f64>load<f32>(b, 4) / xs * aw + ax);
    const halfH = <f32>(0.5 * Math.exp(<f64>load<f32>(b, 8) / hs) * ah);
    const halfW = <f32>(0.5 * Math.exp(<f64>load<f32>(b, 12) / ws) * aw);
    const d = decoded + (<usize>i << 4);
    store<f32>(d, yCenter - halfH);
    store<f32>(d, xCenter - halfW, 4);
    store<f32>(d, yCenter + halfH, 8);
    store<f32>(d, xCenter + halfW, 12);
  }
}

/** TFLM ValidateBoxes: every decoded box has ymin < ymax and xmin < xmax. */
export function boxesValid(p: DetectionPostprocessParams, scratch: usize): bool {
  const decoded = scratch + p.decoded;
  for (let i = 0; i < p.numBoxes; i++) {
    const d = decoded + (<usize>i << 4);
    if (load<f32>(d) >= load<f32>(d, 8) || load<f32>(d, 4) >= load<f32>(d, 12)) return false;
  }
  return true;
}

function intersectionOverUnion(decoded: usize, i: i32, j: i32): f32 {
  const a = decoded + (<usize>i << 4);
  const b = decoded + (<usize>j << 4);
  const aYmin = load<f32>(a), aXmin = load<f32>(a, 4), aYmax = load<f32>(a, 8), aXmax = load<f32>(a, 12);
  const bYmin = load<f32>(b), bXmin = load<f32>(b, 4), bYmax = load<f32>(b, 8), bXmax = load<f32>(b, 12);
  const areaA = (aYmax - aYmin) * (aXmax - aXmin);
  const areaB = (bYmax - bYmin) * (bXmax - bXmin);
  if (areaA <= 0 || areaB <= 0) return 0;
  const h = maxf(minf(aYmax, bYmax) - maxf(aYmin, bYmin), 0);
  const w = maxf(minf(aXmax, bXmax) - maxf(aXmin, bXmin), 0);
  const intersection = h * w;
  return intersection / (areaA + areaB - intersection);
}

/** Sorts indices 0..n-1 by values descending, stable (bottom-up merge sort; `temp`: n words). */
function argsortDescending(values: usize, n: i32, order: usize, temp: usize): void {
  for (let i = 0; i < n; i++) seti(order, i, i);
  let src = order, dst = temp;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n), hi = min(lo + (width << 1), n);
      let l = lo, r = mid, k = lo;
      while (k < hi) {
        // The right run's head goes first only when strictly greater (stable).
        if (l >= mid || (r < hi && getf(values, geti(src, r)) > getf(values, geti(src, l)))) seti(dst, k++, geti(src, r++));
        else seti(dst, k++, geti(src, l++));
      }
    }
    const t = src; src = dst; dst = t;
  }
  if (src != order) memory.copy(order, src, <usize>n << 2);
}

/** The first `k` of indices 0..n-1 in the order (value desc, index asc), into `order`. */
function topK(values: usize, n: i32, k: i32, order: usize): void {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = getf(values, i);
    let pos = count;
    while (pos > 0 && v > getf(values, geti(order, pos - 1))) pos--;
    if (pos >= k) continue;
    const last = count < k ? count : k - 1;
    for (let j = last; j > pos; j--) seti(order, j, geti(order, j - 1));
    seti(order, pos, i);
    if (count < k) count++;
  }
}

/**
 * TFLM NonMaxSuppressionSingleClassHelper over `scores` (numBoxes f32): keeps scores at or
 * above the threshold, visits them best first, drops boxes overlapping a kept one by more
 * than the IoU threshold. Writes up to `maxDetections` box indices to the selected buffer
 * and returns their count.
 */
function nonMaxSuppression(p: DetectionPostprocessParams, scratch: usize, scores: usize, maxDetections: i32): i32 {
  const keepScores = scratch + p.keepScores, keepIndices = scratch + p.keepIndices;
  const sorted = scratch + p.sorted, active = scratch + p.active, selected = scratch + p.selected;
  const decoded = scratch + p.decoded;
  const threshold = p.scoreThreshold;
  let kept = 0;
  for (let i = 0; i < p.numBoxes; i++) {
    const s = getf(scores, i);
    if (s >= threshold) { setf(keepScores, kept, s); seti(keepIndices, kept, i); kept++; }
  }
  argsortDescending(keepScores, kept, sorted, scratch + p.sortTemp);
  const outputSize = min(kept, maxDetections);
  let count = 0;
  let activeLeft = kept;
  memory.fill(active, 1, <usize>kept);
  for (let i = 0; i < kept; i++) {
    if (activeLeft == 0 || count >= outputSize) break;
    if (load<u8>(active + <usize>i) == 0) continue;
    const boxI = geti(keepIndices, geti(sorted, i));
    seti(selected, count++, boxI);
    store<u8>(active + <usize>i, 0);
    activeLeft--;
    for (let j = i + 1; j < kept; j++) {
      if (load<u8>(active + <usize>j) == 0) continue;
      if (intersectionOverUnion(decoded, boxI, geti(keepIndices, geti(sorted, j))) > p.iouThreshold) {
        store<u8>(active + <usize>j, 0);
        activeLeft--;
      }
    }
  }
  return count;
}

/** Regular NMS (TFLM NonMaxSuppressionMultiClassRegularHelper). Outputs are zeroed first. */
export function detectRegular(p: DetectionPostprocessParams, scores: usize, scratch: usize,
  outBoxes: usize, outClasses: usize, outScores: usize, outCount: usize): void {
  const classScores = scratch + p.classScores, selected = scratch + p.selected;
  const pooledIndex = scratch + p.pooledIndex, pooledScore = scratch + p.pooledScore;
  const pooledOrder = scratch + p.pooledOrder, pooledTemp = scratch + p.pooledTemp;
  const stride = p.numClassesWithBackground;
  let pooled = 0;
  for (let c = 0; c < p.numClasses; c++) {
    const column = c + p.labelOffset;
    for (let row = 0; row < p.numBoxes; row++) setf(classScores, row, getf(scores, row * stride + column));
    const n = nonMaxSuppression(p, scratch, classScores, p.detectionsPerClass);
    let size = pooled;
    for (let i = 0; i < n; i++) {
      const box = geti(selected, i);
      seti(pooledIndex, size, box * stride + column);
      setf(pooledScore, size, getf(classScores, box));
      size++;
    }
    const keep = min(size, p.maxDetections);
    topK(pooledScore, size, keep, pooledOrder);
    // Gather the kept entries in order (through pooledTemp/pooledOrder), then store back.
    for (let r = 0; r < keep; r++) {
      const from = geti(pooledOrder, r);
      setf(pooledTemp, r, getf(pooledScore, from));
      seti(pooledOrder, r, geti(pooledIndex, from));
    }
    memory.copy(pooledIndex, pooledOrder, <usize>keep << 2);
    memory.copy(pooledScore, pooledTemp, <usize>keep << 2);
    pooled = keep;
  }
  memory.fill(outBoxes, 0, <usize>p.boxesBytes);
  memory.fill(outClasses, 0, <usize>p.classesBytes);
  memory.fill(outScores, 0, <usize>p.scoresBytes);
  const decoded = scratch + p.decoded;
  for (let i = 0; i < pooled; i++) {
    const index = geti(pooledIndex, i);
    const anchor = index / stride;
    memory.copy(outBoxes + (<usize>i << 4), decoded + (<usize>anchor << 4), 16);
    setf(outClasses, i, <f32>(index - anchor * stride - p.labelOffset));
    setf(outScores, i, getf(pooledScore, i));
  }
  store<f32>(outCount, <f32>pooled);
}

/** Fast NMS (TFLM NonMaxSuppressionMultiClassFastHelper). Outputs are zeroed first. */
export function detectFast(p: DetectionPostprocessParams, scores: usize, scratch: usize,
  outBoxes: usize, outClasses: usize, outScores: usize, outCount: usize): void {
  const best = scratch + p.classScores, classOrder = scratch + p.classOrder, selected = scratch + p.selected;
  const k = p.categories;
  const stride = p.numClassesWithBackground;
  for (let row = 0; row < p.numBoxes; row++) {
    const boxScores = scores + (<usize>(row * stride + p.labelOffset) << 2);
    const order = classOrder + (<usize>(row * k) << 2);
    topK(boxScores, p.numClasses, k, order);
    setf(best, row, getf(boxScores, geti(order, 0)));
  }
  const n = nonMaxSuppression(p, scratch, best, p.maxDetections);
  memory.fill(outBoxes, 0, <usize>p.boxesBytes);
  memory.fill(outClasses, 0, <usize>p.classesBytes);
  memory.fill(outScores, 0, <usize>p.scoresBytes);
  const decoded = scratch + p.decoded;
  let written = 0;
  for (let i = 0; i < n; i++) {
    const box = geti(selected, i);
    const boxScores = scores + (<usize>(box * stride + p.labelOffset) << 2);
    const order = classOrder + (<usize>(box * k) << 2);
    for (let c = 0; c < k; c++) {
      // TFLM advances its output counter per class inside this loop, so with more than one
      // class per detection the entries land k*count + c apart (prepare sized for that).
      const at = k * written + c;
      memory.copy(outBoxes + (<usize>at << 4), decoded + (<usize>box << 4), 16);
      setf(outClasses, at, <f32>geti(order, c));
      setf(outScores, at, getf(boxScores, geti(order, c)));
      written++;
    }
  }
  store<f32>(outCount, <f32>written);
}
