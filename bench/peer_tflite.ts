// The peer a user would pick instead: @tensorflow/tfjs-tflite (TFLite + XNNPACK compiled to wasm),
// installed apart in bench/peers/ (npm run bench:peers) so the engine's dependencies stay clean.
//
// tfjs-tflite targets browsers. In Node it needs:
// - `self`, `location` and `importScripts` (it believes it runs in a web worker and loads its
//   Emscripten glue with importScripts(URL));
// - its wasm bytes handed to the Emscripten factory (`wasmBinary`), since it would fetch() them;
// - a chosen build: it picks one from feature checks (SIMD, threads) per process. We load both
//   single-threaded builds (tflite_web_api_cc.js and _simd.js) ourselves and dispatch on the URL
//   it asks for, which embeds a per-build folder name set with setWasmPath().

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { Runner } from './timing.js';
import { FlatTables, MODEL_SUBGRAPHS, SUBGRAPH_TENSORS, TENSOR_SHAPE, TENSOR_QUANTIZATION, QUANT_SCALE, QUANT_DIMENSION } from './flatbuf.js';

export type PeerKind = 'scalar' | 'simd';

/** What a model loaded into one peer build gives the harness. */
export interface PeerModel {
  runner: Runner;
  /** Model load: TFLite interpreter, tensors, XNNPACK delegate (weights repacked). */
  loadMs: number;
  /** Bytes of the peer's wasm memory now. */
  memoryBytes(): number;
  inputBytes: number[];
  /** Tensors whose quantized_dimension was cleared for the peer (see peerCompatible). */
  patchedTensors: number;
  dispose(): void;
}

/**
 * TFLite's interpreter refuses a tensor whose quantized_dimension is not below its rank; TFLM
 * does not check it, and TFLM's person detection model has rank-1 bias tensors (one scale per
 * element) with quantized_dimension 3. For a single scale, or a rank-1 tensor with one scale per
 * element, dimension 0 is the only meaning the field can have, so the peer gets a copy with it set
 * to 0. Returns the copy and how many tensors were patched.
 */
export function peerCompatible(model: Uint8Array): { bytes: Uint8Array; patched: number } {
  const bytes = Uint8Array.from(model); // a copy (Buffer.slice would be a view)
  let patched = 0;
  try {
    const fb = new FlatTables(bytes);
    for (const sg of fb.tables(fb.root(), MODEL_SUBGRAPHS)) {
      for (const t of fb.tables(sg, SUBGRAPH_TENSORS)) {
        const q = fb.field(t, TENSOR_QUANTIZATION);
        if (!q) continue;
        const quant = fb.ref(q);
        const dim = fb.field(quant, QUANT_DIMENSION);
        if (!dim || fb.i32(dim) === 0) continue;
        const rank = fb.vectorLength(t, TENSOR_SHAPE);
        const scales = fb.vectorLength(quant, QUANT_SCALE);
        const length = rank === 1 ? fb.i32(fb.ref(fb.field(t, TENSOR_SHAPE)) + 4) : -1;
        if (fb.i32(dim) >= rank && (scales <= 1 || scales === length)) {
          fb.view.setInt32(dim, 0, true);
          patched++;
        }
      }
    }
  } catch {
    // Malformed: hand it over as it is; the peer will say what it thinks.
  }
  return { bytes, patched };
}

interface PeerBuild {
  factory: (config: Record<string, unknown>) => Promise<EmscriptenModule>;
  wasm: Uint8Array;
  compileMs: number | null;
}

interface EmscriptenModule { HEAPU8: Uint8Array; }
interface WebTensorInfo { id: number; dataType: string; name: string; shape: string; data(): ArrayBufferView; }
interface WebModelRunner { getInputs(): WebTensorInfo[]; getOutputs(): WebTensorInfo[]; infer(): boolean; cleanUp(): void; module?: EmscriptenModule; }
interface TfliteModule {
  setWasmPath(path: string): void;
  loadTFLiteModel(model: ArrayBuffer, options: { numThreads: number }): Promise<{ modelRunner: WebModelRunner }>;
}

const FACTORY = 'tflite_web_api_ModuleFactory';
const FOLDER = (kind: PeerKind) => `microlite-peer-${kind}/`;
const GLUE: Record<PeerKind, string> = { scalar: 'tflite_web_api_cc', simd: 'tflite_web_api_cc_simd' };

/** The package's folder under `peersDir`, or null when bench/peers is not installed. */
export function peerPackageDir(peersDir: string): string | null {
  const dir = join(peersDir, 'node_modules', '@tensorflow', 'tfjs-tflite');
  return existsSync(join(dir, 'package.json')) ? dir : null;
}

export class TfliteWebPeer {
  readonly version: string;
  private readonly builds = new Map<PeerKind, PeerBuild>();
  private readonly sizes = new Map<PeerKind, { raw: number; gzip: number }>();
  /** Messages the peer printed (its "INFO: Created TensorFlow Lite XNNPACK delegate" etc.). */
  readonly log: string[] = [];

  private constructor(private readonly tflite: TfliteModule, private readonly wasmDir: string, version: string) {
    this.version = version;
  }

  /** Installs the shims and loads the package from `peersDir` (bench/peers). */
  static load(peersDir: string): TfliteWebPeer {
    const dir = peerPackageDir(peersDir);
    if (!dir) throw new Error(`tfjs-tflite is not installed in ${peersDir} (run: npm run bench:peers, or npm --prefix bench/peers install)`);
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
    const g = globalThis as Record<string, unknown>;
    let peer: TfliteWebPeer | null = null;
    if (g.self === undefined) g.self = globalThis;
    if (g.location === undefined) g.location = { href: 'http://microlite-bench.invalid/index.html', origin: 'http://microlite-bench.invalid' };
    g.importScripts = (url: string) => peer?.importScripts(String(url));
    const tflite = createRequire(join(peersDir, 'package.json'))('@tensorflow/tfjs-tflite') as TfliteModule;
    peer = new TfliteWebPeer(tflite, join(dir, 'wasm'), version);
    peer.installDispatcher();
    return peer;
  }

  /** Raw and gzip sizes of a build's .wasm. */
  wasmSize(kind: PeerKind): { raw: number; gzip: number } {
    let size = this.sizes.get(kind);
    if (!size) {
      const bytes = readFileSync(join(this.wasmDir, `${GLUE[kind]}.wasm`));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      this.sizes.set(kind, size);
    }
    return size;
  }

  /** Compile + instantiate time of a build (known once a model was loaded into it). */
  compileMs(kind: PeerKind): number | null { return this.builds.get(kind)?.compileMs ?? null; }

  /** tfjs-tflite asks for its glue script: evaluate the build its URL names, keep its factory. */
  private importScripts(url: string): void {
    const kind = (['scalar', 'simd'] as PeerKind[]).find((k) => url.includes(FOLDER(k)));
    if (kind && !this.builds.has(kind)) {
      const file = join(this.wasmDir, `${GLUE[kind]}.js`);
      vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
      const factory = (globalThis as Record<string, unknown>)[FACTORY] as PeerBuild['factory'];
      this.builds.set(kind, { factory, wasm: readFileSync(join(this.wasmDir, `${GLUE[kind]}.wasm`)), compileMs: null });
    }
    this.installDispatcher();
  }

  /**
   * One global factory for all builds: tfjs-tflite reads the factory global after an await, so a
   * per-build global could be swapped under it. The build is chosen from the URL in the config.
   * Its own eager preload (a URL without our folder) gets a promise that never settles: unused.
   */
  private installDispatcher(): void {
    (globalThis as Record<string, unknown>)[FACTORY] = (config: Record<string, unknown>) => {
      const url = String(config.mainScriptUrlOrBlob ?? '');
      const kind = (['scalar', 'simd'] as PeerKind[]).find((k) => url.includes(FOLDER(k)));
      const build = kind ? this.builds.get(kind) : undefined;
      if (!build) return new Promise(() => {});
      const t0 = performance.now();
      const print = (text: string) => { this.log.push(String(text)); };
      const ready = build.factory({ ...config, wasmBinary: build.wasm, print, printErr: print });
      return ready.then((m) => { build.compileMs = performance.now() - t0; return m; });
    };
  }

  /** Loads `model` into a build with one thread. */
  async loadModel(kind: PeerKind, model: Uint8Array): Promise<PeerModel> {
    this.tflite.setWasmPath(FOLDER(kind));
    const firstForBuild = this.builds.get(kind)?.compileMs == null;
    const { bytes: compatible, patched } = peerCompatible(model);
    const logFrom = this.log.length;
    const t0 = performance.now();
    let runner: WebModelRunner;
    try {
      runner = (await this.tflite.loadTFLiteModel(compatible.buffer as ArrayBuffer, { numThreads: 1 })).modelRunner;
    } catch (err) {
      const said = this.log.slice(logFrom).filter((l) => l.startsWith('ERROR')).slice(0, 2);
      throw new Error(`${(err as Error).message}${said.length ? ` (${said.join('; ')})` : ''}`);
    }
    let loadMs = performance.now() - t0;
    if (firstForBuild) loadMs -= this.builds.get(kind)?.compileMs ?? 0;
    const inputs = runner.getInputs();
    const outputs = runner.getOutputs();
    const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const inputViews = () => inputs.map((t) => bytesOf(t.data()));
    const inputBytes = inputViews().map((v) => v.length);
    let views = inputViews();
    const name = `tfjs-tflite-${kind}`;
    return {
      loadMs,
      inputBytes,
      patchedTensors: patched,
      memoryBytes: () => runner.module?.HEAPU8.byteLength ?? 0,
      dispose: () => runner.cleanUp(),
      runner: {
        name,
        setInput(bytes: Uint8Array) {
          if (views[0]?.byteLength === 0 && inputBytes[0] !== 0) views = inputViews(); // memory grew: views detached
          let offset = 0;
          for (const v of views) { v.set(bytes.subarray(offset, offset + v.length)); offset += v.length; }
        },
        invoke() { if (!runner.infer()) throw new Error(`${name}: infer() failed`); },
        outputs: () => outputs.map((t) => bytesOf(t.data()).slice()),
      },
    };
  }
}
