// The interpreter: load (verify, resolve ops) -> prepare every subgraph -> check control flow
// -> plan -> invoke (eval only; control-flow ops run the subgraphs they call).

import { Model, readModel, subgraphAt, useModel } from "./model";
import {
  Subgraph, Node, Tensor, TensorFlag, nodeAt, inputIndex, outputIndex, numInputs, numOutputs,
  readTensorView, setTensorData, tensorData, subgraphInput, subgraphOutput, ScratchBuffer,
} from "./graph";
import { OpRegistration, scratchAt, setPreparing } from "./ops/registry";
import {
  currentArena, allocPersistent, allocTemp, tempMark, releaseTemp, reserveHead, alignUp,
  clearPersistentCounts, setPersistentKind, PersistentKind,
} from "./arena";
import { planModelBuffers, planStat, PlanStat } from "./planner/model_plan";
import { errBegin, errStr, errInt, hasError } from "./common/error";
import { errOpName } from "./schema/builtin_ops";
import { calleeCount, calleeAt, runSubgraph, setInvokeAborted } from "./ops/control_flow";
import { beginVariables } from "./ops/resource_variables";
import { beginCircularBuffers } from "./ops/circular_buffer";
import { nodeOpcode } from "./graph";
import { vecLen } from "./schema/flatbuffer";
import { DType } from "./schema/tflite";
import { SIMD } from "./config";
import { reserveKernelWorkspace, kernelWorkspaceBytes } from "../kernels-simd/workspace";

// @ts-ignore: decorator
@inline function registrationOf(node: Node): OpRegistration { return changetype<OpRegistration>(node.registration); }

/** A view for tensors the interpreter inspects one at a time (not in the arena). */
const scanView = changetype<Tensor>(memory.data(offsetof<Tensor>(), 16));

/** Runs every op's prepare, in order. Temporary allocations are released after each op. */
function prepareSubgraph(sg: Subgraph): bool {
  setPreparing(sg);
  for (let i = 0; i < sg.numNodes; i++) {
    const node = nodeAt(sg, i);
    const mark = tempMark();
    const ok = registrationOf(node).prepare(sg, node);
    releaseTemp(mark);
    if (!ok || hasError() || currentArena().exhausted) { setPreparing(null); return false; }
  }
  setPreparing(null);
  return true;
}

/** Allocates variable tensors in the persistent area. */
function allocateVariables(sg: Subgraph): bool {
  for (let i = 0; i < sg.numTensors; i++) {
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0 || t.bytes == 0) continue;
    const p = allocPersistent(t.bytes);
    if (p == 0) return false;
    setTensorData(sg, i, p);
  }
  return true;
}

/** Sets variable tensors to their initial value (TFLM: the zero point for int8, else 0). */
function resetVariables(sg: Subgraph): void {
  for (let i = 0; i < sg.numTensors; i++) {
    const t = readTensorView(sg, i, scanView);
    if ((t.flags & TensorFlag.Variable) == 0 || t.data == 0) continue;
    const value = <i32>t.type == DType.INT8 ? t.zeroPoint & 0xff : 0;
    memory.fill(t.data, <u8>value, t.bytes);
  }
}

/** The lower bound (max live bytes) and size of the last plan made, for reports. */
export let lastPlanLowerBound: i32 = 0;
export let lastPlanBytes: i32 = 0;

/**
 * The planner works in i32 offsets: every buffer to plan, laid end to end after the highest
 * offline offset, must stay below 2 GB (no plan is larger), or sizes and offsets would wrap.
 */
function planFitsI32(m: Model): bool {
  let total: u64 = 0;
  let highest: u64 = 0;
  let offline = 0;
  for (let s = 0; s < m.numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    for (let i = 0; i < sg.numTensors; i++, offline++) {
      if (tensorData(sg, i) != 0) continue;
      const t = readTensorView(sg, i, scanView);
      if ((t.flags & TensorFlag.Variable) == 0) total += (<u64>t.bytes + 15) & ~15;
      if (m.offlinePlan != 0 && offline < m.offlinePlanCount) {
        const f = load<i32>(m.offlinePlan + (<usize>offline << 2));
        if (f > 0 && <u64>f > highest) highest = <u64>f;
      }
    }
    for (let k = 0; k < sg.numScratch; k++) total += (<u64>scratchAt(sg, k).bytes + 15) & ~15;
  }
  if (total + highest <= 0x7fff0000) return true;
  if (errBegin("the model's activations and scratch buffers need more than 2 GB (")) { errInt(<i64>(total + highest), true); errStr(" bytes)"); }
  return false;
}

// ---- control flow: which subgraphs call which ---------------------------------------------

/** Deepest nesting of subgraph calls accepted (each level is a few wasm stack frames). */
export const MAX_CALL_DEPTH: i32 = 64;
/** Most operator steps (scopes) one walk of the model may take, counting callees at every call. */
export const MAX_SCOPES: i32 = 1 << 20;

// Per subgraph during the check: 0 not seen, 1 being walked, 2 done; its span; its height
// (the longest chain of calls below it).
let callState: usize = 0;
let callSpan: usize = 0;
let callHeight: usize = 0;

function errTooDeep(): void {
  if (errBegin("control flow nests subgraph calls more than ")) { errInt(MAX_CALL_DEPTH); errStr(" deep"); }
}

/**
 * The scopes subgraph `s` spans (its ops plus, per call, one scope and the callee's span),
 * saturated past MAX_SCOPES; -1 with a message on recursion or too deep nesting.
 */
function spanOf(m: Model, s: i32, depth: i32): i32 {
  const at = <usize>s << 2;
  const state = load<i32>(callState + at);
  if (state == 2) return load<i32>(callSpan + at);
  store<i32>(callState + at, 1);
  const sg = subgraphAt(m, s);
  let span: i64 = sg.numNodes;
  let height = 0;
  for (let k = 0; k < sg.numNodes; k++) {
    const node = nodeAt(sg, k);
    const calls = calleeCount(node);
    for (let c = 0; c < calls; c++) {
      const callee = calleeAt(node, c);
      // Op prepare checked the index; the walk depends on it, so check again.
      if (callee < 0 || callee >= m.numSubgraphs) {
        if (errBegin("subgraph ")) { errInt(s); errStr(" operator "); errInt(k); errStr(" calls subgraph "); errInt(callee); errStr(", which does not exist"); }
        return -1;
      }
      if (load<i32>(callState + (<usize>callee << 2)) == 1) {
        if (errBegin("recursive control flow is not supported: operator ")) {
          errInt(k); errStr(" ("); errOpName(nodeOpcode(node)); errStr(") of subgraph "); errInt(s);
          errStr(" calls subgraph "); errInt(callee); errStr(callee == s ? ", itself" : ", which is already running");
        }
        return -1;
      }
      if (depth + 1 > MAX_CALL_DEPTH) { errTooDeep(); return -1; }
      const inner = spanOf(m, callee, depth + 1);
      if (inner < 0) return -1;
      // A callee seen before returns its figures without being walked again: check its height.
      const h = 1 + load<i32>(callHeight + (<usize>callee << 2));
      if (depth + h > MAX_CALL_DEPTH) { errTooDeep(); return -1; }
      if (h > height) height = h;
      span += 1 + <i64>inner;
      if (span > <i64>MAX_SCOPES) span = <i64>MAX_SCOPES + 1;
    }
  }
  store<i32>(callState + at, 2);
  store<i32>(callSpan + at, <i32>span);
  store<i32>(callHeight + at, height);
  return <i32>span;
}

/**
 * Refuses control flow the engine cannot run: a subgraph that calls itself (directly or
 * through others), calls nested deeper than MAX_CALL_DEPTH, and a model whose walk (each
 * call expanding its callee) exceeds MAX_SCOPES steps. One-subgraph models need no memory.
 */
function checkControlFlow(m: Model): bool {
  if (m.numSubgraphs == 1) {
    const sg = subgraphAt(m, 0);
    for (let k = 0; k < sg.numNodes; k++) {
      const node = nodeAt(sg, k);
      if (calleeCount(node) == 0) continue;
      if (errBegin("recursive control flow is not supported: operator ")) {
        errInt(k); errStr(" ("); errOpName(nodeOpcode(node)); errStr(") of subgraph 0 calls subgraph "); errInt(calleeAt(node, 0)); errStr(", itself");
      }
      return false;
    }
    return true;
  }
  const mark = tempMark();
  callState = allocTemp(<usize>m.numSubgraphs * 12);
  if (callState == 0) return false;
  callSpan = callState + (<usize>m.numSubgraphs << 2);
  callHeight = callSpan + (<usize>m.numSubgraphs << 2);
  memory.fill(callState, 0, <usize>m.numSubgraphs * 12);
  let ok = true;
  for (let s = 0; s < m.numSubgraphs && ok; s++) {
    if (load<i32>(callState + (<usize>s << 2)) != 0) continue;
    const span = spanOf(m, s, 0);
    if (span < 0) ok = false;
    else if (s == 0 && span >= MAX_SCOPES) {
      if (errBegin("control flow expands to more than ")) { errInt(MAX_SCOPES, true); errStr(" operator steps (subgraphs called from many places)"); }
      ok = false;
    }
  }
  releaseTemp(mark);
  return ok;
}

/** Plans every subgraph's tensors and scratch buffers (assembly/planner/) and reserves the head. */
function planModel(m: Model): bool {
  if (!planFitsI32(m)) return false;
  const total = planModelBuffers(m, m.offlinePlan, m.offlinePlanCount);
  if (total < 0) return false;
  lastPlanBytes = total;
  lastPlanLowerBound = planStat(PlanStat.LowerBound);
  return reserveHead(<usize>total);
}

/**
 * Loads the model at [bytes, bytes+length) into the current arena. Returns the Model, or
 * null with a message (the arena's persistent area is rolled back on failure).
 */
export function loadModel(bytes: usize, length: usize): Model | null {
  const arena = currentArena();
  const tailBefore = arena.tail;
  arena.loadPeak = 0;
  clearPersistentCounts();
  beginVariables();
  beginCircularBuffers();
  setPersistentKind(PersistentKind.Metadata);
  // SIMD build: the kernels' working memory, once (outside static data and the arena).
  if (SIMD && !reserveKernelWorkspace()) {
    if (errBegin("out of memory: cannot reserve the SIMD kernels' working memory (")) {
      errInt(<i64>kernelWorkspaceBytes(), true); errStr(" bytes)");
    }
    return null;
  }
  const m = readModel(bytes, length);
  if (m === null) { arena.tail = tailBefore; return null; }
  m.tailBefore = tailBefore;
  // Every subgraph is prepared (control-flow ops call the others).
  setPersistentKind(PersistentKind.KernelData);
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!prepareSubgraph(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
  setPersistentKind(PersistentKind.Variables);
  for (let i = 0; i < m.numSubgraphs; i++) {
    if (!allocateVariables(subgraphAt(m, i))) { arena.tail = tailBefore; return null; }
  }
  setPersistentKind(PersistentKind.Metadata);
  if (!checkControlFlow(m) || !planModel(m)) { arena.tail = tailBefore; return null; }
  m.persistentBytes = tailBefore - arena.tail;
  // The head this model needs: its plan, or more if prepare's temporary memory reached higher.
  m.plannedBytes = arena.loadPeak;
  resetModel(m);
  m.ready = true;
  return m;
}

/**
 * Runs every op of subgraph `index` in order (control-flow ops run the subgraphs they call).
 * On failure, invokeAborted (./ops/control_flow) tells an op's deliberate early end (TFLM's
 * kTfLiteAbort, e.g. CIRCULAR_BUFFER not ready) from an error.
 */
export function invokeSubgraph(m: Model, index: i32): bool {
  setInvokeAborted(false);
  return runSubgraph(subgraphAt(m, index));
}

/** One op of subgraph 0 (for hosts that profile op by op). */
export function invokeNode(m: Model, index: i32): bool {
  const sg = subgraphAt(m, 0);
  if (index < 0 || index >= sg.numNodes) return false;
  const node = nodeAt(sg, index);
  setPreparing(sg);
  const ok = registrationOf(node).eval(sg, node);
  setPreparing(null);
  return ok;
}

/** Clears all state: variable tensors and op state, as after load. */
export function resetModel(m: Model): void {
  useModel(m);
  for (let s = 0; s < m.numSubgraphs; s++) {
    const sg = subgraphAt(m, s);
    resetVariables(sg);
    for (let i = 0; i < sg.numNodes; i++) {
      const node = nodeAt(sg, i);
      registrationOf(node).reset(sg, node);
    }
  }
}
