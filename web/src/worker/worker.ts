// The training worker of one playground element: loads its own core (wasm) and exposes a
// Trainer over Comlink. Snapshot arrays are transferred back, never copied.
//
// On the site the first core is the lite module (core/lite.ts: no network file, introspection
// or loss surface, a smaller first download); the calls that need the full module load it
// first (full()) and move the trainer over (Trainer.switchCore keeps the network's exact
// state). In the package (scripts/bundle-element.mjs) loadLiteCore is the package's loadCore,
// whose core is full from the start.
import * as Comlink from 'comlink';
import { loadCore, type MlpCore } from '../core/index.js';
import { loadLiteCore, warmLiteCore } from '../core/lite.js';
import { type Built, type HistoryInfo, type Hyper, type Restore, type Setup, type Snapshot, type TickRequest, type TrainerApi, vocabularyOf } from './protocol.js';
import { Trainer } from './trainer.js';

let trainer: Trainer | null = null;
// The lite module's glue loads from the worker's first moment, while the page still fetches
// the .wasm (app/client.ts hands its bytes over with init).
warmLiteCore();

/** What `self.mlpPlaygroundMemory()` reports in the worker. */
interface WorkerMemory {
  wasmBytes: number;
  heapBytesInUse: number;
}

let simd: boolean | 'auto' = 'auto';
let fullCore: Promise<MlpCore> | null = null;

function need(): Trainer {
  if (!trainer) throw new Error('the worker is not initialised');
  return trainer;
}

/**
 * The trainer on the full core: loaded on the first call that needs it (export, import, the
 * network file, the step walk, the learning panels, history snapshots), then kept. Calls
 * run one at a time (Comlink awaits each), so nothing trains on the lite core meanwhile.
 */
async function full(): Promise<Trainer> {
  const t = need();
  if (!t.core.lite) return t;
  fullCore ??= loadCore({ simd, lazyExporters: true });
  try {
    t.switchCore(await fullCore);
  } catch (e) {
    fullCore = null;  // a failed load is tried again by the next call
    throw e;
  }
  return t;
}

/** Digits (their data source a chunk of its own, fetched with the first digits setup) are loaded before the synchronous build. */
async function digitsSource(setup: Setup): Promise<void> {
  if (setup.data.kind !== 'digits') return;
  const { loadDigitsSource } = await import('./digits-source.js');
  await loadDigitsSource(setup.data.spec);
}

/** Hands the points of both splits over to the page without copying them. */
function transferBuilt(built: Built): Built {
  return Comlink.transfer(built, [built.train.x.buffer, built.train.y.buffer, built.test.x.buffer, built.test.y.buffer] as ArrayBuffer[]);
}

/** Hands the history's curve columns over without copying them (the ghost's are kept: it is sent again). */
function transferHistory(h: HistoryInfo): HistoryInfo {
  const c = h.curve;
  return Comlink.transfer(h, [c.epochs, c.trainLoss, c.testLoss, c.gradNorm, c.updateRatio].map((a) => a.buffer as ArrayBuffer));
}

/** Hands a snapshot's grids and parameters over without copying them. */
function transferSnapshot(s: Snapshot): Snapshot {
  const buffers: ArrayBuffer[] = [];
  if (s.main) buffers.push(s.main.data.buffer as ArrayBuffer);
  if (s.thumbs) buffers.push(s.thumbs.data.buffer as ArrayBuffer);
  if (s.params) for (const a of [...s.params.weights, ...s.params.biases]) buffers.push(a.buffer as ArrayBuffer);
  return Comlink.transfer(s, buffers);
}

const api: TrainerApi = {
  async init(options) {
    const lifeline = options.lifeline;
    if (lifeline && typeof navigator !== 'undefined' && navigator.locks) {
      // Held until this worker ends (the callback's promise never settles).
      await new Promise<void>((held) => {
        void navigator.locks.request(lifeline, () => {
          held();
          return new Promise<never>(() => {});
        });
      });
    }
    // The exporters' chunk waits for the first export (Trainer.exportPyTorch / exportONNX).
    simd = options.simd ?? 'auto';
    let core: MlpCore;
    try {
      core = await loadLiteCore({ simd, lazyExporters: true, liteWasm: options.wasm });
    } catch (e) {
      // Bytes the page fetched that do not compile (a host's error page): fetch them here.
      if (!options.wasm) throw e;
      core = await loadLiteCore({ simd, lazyExporters: true });
    }
    const t = new Trainer(core);
    trainer = t;
    // For diagnostics from outside (DevTools, bench/soak.mjs): the core's memory, read in place.
    (self as unknown as { mlpPlaygroundMemory?: () => WorkerMemory }).mlpPlaygroundMemory = () => ({ wasmBytes: t.core.memoryBytes(), heapBytesInUse: t.core.heapBytesInUse() });
    return { simd: core.simd, version: core.version, vocabulary: vocabularyOf(core) };
  },
  // Digits are loaded (fetched once, then from memory) before the synchronous build.
  async configure(setup: Setup, keepWeights: boolean, restore?: Restore): Promise<Built> {
    if (setup.data.kind === 'digits') await digitsSource(setup);
    return transferBuilt(need().configure(setup, keepWeights, restore));
  },
  async importNetwork(setup: Setup, json: string): Promise<Built> {
    if (setup.data.kind === 'digits') await digitsSource(setup);
    return transferBuilt((await full()).importNetwork(setup, json));
  },
  digitsTest() {
    const p = need().digitsTest();
    return Comlink.transfer(p, [p.buffer as ArrayBuffer]);
  },
  history() {
    return transferHistory(need().history());
  },
  async snapshot(k: number) {
    const s = (await full()).snapshot(k);
    return Comlink.transfer(s, [...s.params.weights, ...s.params.biases].map((a) => a.buffer as ArrayBuffer));
  },
  branch(k: number) {
    return transferHistory(need().branch(k));
  },
  setHyper(h: Hyper) {
    need().setHyper(h);
  },
  tick(req: TickRequest): Snapshot {
    return transferSnapshot(need().tick(req));
  },
  viewAt(k: number, req: TickRequest): Snapshot {
    return transferSnapshot(need().viewAt(k, req));
  },
  setWeight(layer, unit, input, value) {
    need().setWeight(layer, unit, input, value);
  },
  setBias(layer, unit, value) {
    need().setBias(layer, unit, value);
  },
  async serialize() {
    return (await full()).serialize();
  },
  previews(classes: number) {
    return need().previews(classes);
  },
  featurePlanes(request) {
    const planes = need().featurePlanes(request);
    return Comlink.transfer(planes, [planes.data.buffer as ArrayBuffer]);
  },
  async exportPyTorch(options) {
    return (await full()).exportPyTorch(options);
  },
  async exportONNX(options) {
    const bytes = await (await full()).exportONNX(options);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  async walkStep(points) {
    return (await full()).walkStep(points);
  },
  async applyWalkStep(points) {
    return (await full()).applyWalkStep(points);
  },
  async landscape(request) {
    const l = (await full()).landscape(request);
    return Comlink.transfer(l, [l.alphas, l.betas, l.loss, l.path, l.pathEpochs].map((a) => a.buffer as ArrayBuffer));
  },
  async flowStats() {
    return (await full()).flowStats();
  },
  dispose() {
    trainer?.dispose();
  },
};

Comlink.expose(api);
