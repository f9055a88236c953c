// TFLite_Detection_PostProcess on random inputs with many tied scores, against a JS rendering
// of TFLM's algorithm (float32 steps with Math.fround, JS's stable sort for TFLM's stable
// merge sort and its (score desc, index asc) partial sort), fast and regular NMS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';
import { ModelBuilder } from './builder/tflite_builder.js';
import { engineFor, VARIANTS } from './helpers.js';
import { rng } from './planner_models.js';

const f = Math.fround;
interface Opts { maxDetections: number; classesPerDetection: number; perClass: number; regular: boolean; score: number; iou: number; numClasses: number; scales: [number, number, number, number] }
type Box = [number, number, number, number];

function reference(enc: number[], scores: number[], anchors: number[], n: number, withBg: number, o: Opts) {
  const [ys, xs, hs, ws] = o.scales;
  const boxes: Box[] = [];
  for (let i = 0; i < n; i++) {
    const [y, x, h, w] = enc.slice(i * 4, i * 4 + 4);
    const [ay, ax, ah, aw] = anchors.slice(i * 4, i * 4 + 4);
    const yc = f(y / ys * ah + ay), xc = f(x / xs * aw + ax);
    const hh = f(0.5 * Math.exp(h / hs) * ah), hw = f(0.5 * Math.exp(w / ws) * aw);
    boxes.push([f(yc - hh), f(xc - hw), f(yc + hh), f(xc + hw)]);
  }
  const iou = (i: number, j: number) => {
    const a = boxes[i], b = boxes[j];
    const areaA = f(f(a[2] - a[0]) * f(a[3] - a[1])), areaB = f(f(b[2] - b[0]) * f(b[3] - b[1]));
    if (areaA <= 0 || areaB <= 0) return 0;
    const ih = Math.max(f(Math.min(a[2], b[2]) - Math.max(a[0], b[0])), 0);
    const iw = Math.max(f(Math.min(a[3], b[3]) - Math.max(a[1], b[1])), 0);
    const inter = f(ih * iw);
    return f(inter / f(f(areaA + areaB) - inter));
  };
  const nms = (s: number[], max: number) => {
    const kept = s.map((v, i) => [v, i]).filter(([v]) => v >= o.score);
    const order = kept.map((_, i) => i).sort((a, b) => kept[b][0] - kept[a][0]);
    const size = Math.min(kept.length, max);
    const active = kept.map(() => true);
    const selected: number[] = [];
    for (let i = 0; i < kept.length && selected.length < size; i++) {
      if (!active[i]) continue;
      const bi = kept[order[i]][1];
      selected.push(bi);
      active[i] = false;
      for (let j = i + 1; j < kept.length; j++) if (active[j] && iou(bi, kept[order[j]][1]) > o.iou) active[j] = false;
    }
    return selected;
  };
  const top = (v: number[], k: number) => v.map((_, i) => i).sort((a, b) => v[b] - v[a] || a - b).slice(0, k);
  const off = withBg - o.numClasses;
  const row = (r: number) => scores.slice(r * withBg + off, r * withBg + off + o.numClasses);
  const out: Array<{ box: Box; cls: number; score: number; at: number }> = [];
  let count = 0;
  if (o.regular) {
    let pool: Array<[number, number, number]> = []; // score, anchor, class
    for (let c = 0; c < o.numClasses; c++) {
      const cs = Array.from({ length: n }, (_, r) => row(r)[c]);
      for (const b of nms(cs, o.perClass)) pool.push([cs[b], b, c]);
      pool = top(pool.map((p) => p[0]), Math.min(pool.length, o.maxDetections)).map((i) => pool[i]);
    }
    pool.forEach(([score, anchor, cls], i) => out.push({ box: boxes[anchor], cls, score, at: i }));
    count = pool.length;
  } else {
    const k = Math.min(o.classesPerDetection, o.numClasses);
    const orders = Array.from({ length: n }, (_, r) => top(row(r), k));
    const best = orders.map((ord, r) => row(r)[ord[0]]);
    for (const b of nms(best, o.maxDetections)) {
      for (let c = 0; c < k; c++) { out.push({ box: boxes[b], cls: orders[b][c], score: row(b)[orders[b][c]], at: k * count + c }); count++; }
    }
  }
  return { out, count };
}

test('random detections with tied scores match TFLM\'s algorithm (fast and regular NMS)', async () => {
  let detections = 0;
  for (let seed = 1; seed <= 24; seed++) {
    const random = rng(seed);
    const n = 20 + Math.floor(random() * 60);
    const numClasses = 1 + Math.floor(random() * 4);
    const withBg = numClasses + (random() < 0.5 ? 1 : 0);
    const o: Opts = {
      maxDetections: 1 + Math.floor(random() * 12), classesPerDetection: random() < 0.7 ? 1 : 2, perClass: 1 + Math.floor(random() * 6),
      regular: seed % 2 === 0, score: 0.3, iou: 0.3 + random() * 0.5, numClasses, scales: [10, 10, 5, 5],
    };
    const enc = Array.from({ length: n * 4 }, () => (random() - 0.5) * 8);
    const anchors = Array.from({ length: n }, () => [random(), random(), 0.1 + random() * 0.4, 0.1 + random() * 0.4]).flat();
    // Scores in tenths: many ties.
    const scores = Array.from({ length: n * withBg }, () => Math.floor(random() * 10) / 10);
    const k = o.regular ? o.maxDetections : Math.min(n, o.maxDetections) * Math.min(o.classesPerDetection, numClasses) ** 2;
    const m = new ModelBuilder();
    const b = m.constant({ dtype: 'float32', shape: [1, n, 4], data: enc });
    const s = m.tensor({ dtype: 'float32', shape: [1, n, withBg] });
    const a = m.constant({ dtype: 'float32', shape: [n, 4], data: anchors });
    const outs = [m.tensor({ dtype: 'float32', shape: [1, k, 4] }), m.tensor({ dtype: 'float32', shape: [1, k] }), m.tensor({ dtype: 'float32', shape: [1, k] }), m.tensor({ dtype: 'float32', shape: [1] })];
    m.customOp('TFLite_Detection_PostProcess', [b, s, a], outs, encode({
      max_detections: o.maxDetections, max_classes_per_detection: o.classesPerDetection, detections_per_class: o.perClass,
      use_regular_nms: o.regular, nms_score_threshold: o.score, nms_iou_threshold: o.iou, num_classes: numClasses,
      y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5,
    }));
    m.inputs(s).outputs(...outs);
    const bytes = m.finish();
    const want = reference(enc.map(f), scores.map(f), anchors.map(f), n, withBg, o);
    const boxes = new Array(4 * k).fill(0), classes = new Array(k).fill(0), sc = new Array(k).fill(0);
    for (const d of want.out) { boxes.splice(4 * d.at, 4, ...d.box); classes[d.at] = d.cls; sc[d.at] = f(d.score); }
    for (const variant of VARIANTS) {
      const model = (await engineFor(variant)).load(bytes);
      model.inputs[0].set(scores);
      model.invoke();
      const [gb, gc, gs, gn] = model.outputs.map((t) => Array.from(t.data as Float32Array));
      const what = `seed ${seed} ${variant} ${o.regular ? 'regular' : 'fast'}`;
      assert.equal(gn[0], want.count, `${what}: count`);
      assert.deepEqual(gc, classes, `${what}: classes`);
      assert.deepEqual(gs, sc, `${what}: scores`);
      gb.forEach((v, i) => assert.ok(Math.abs(v - boxes[i]) <= 1e-5 * Math.max(1, Math.abs(boxes[i])), `${what}: box value ${i} ${v} vs ${boxes[i]}`));
    }
    detections += want.count;
  }
  assert.ok(detections > 60);
});
