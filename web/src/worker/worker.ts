// The training worker of one playground element: loads its own core (wasm) and exposes a
// Trainer over Comlink. Snapshot arrays are transferred back, never copied.
import * as Comlink from 'comlink';
import { loadCore } from '../core/index.js';
import { type Built, type HistoryInfo, type Hyper, type Restore, type Setup, type Snapshot, type TickRequest, type TrainerApi, vocabularyOf } from './protocol.js';
import { loadDigitsSource } from './digits-source.js';
import { Trainer } from './trainer.js';

let trainer: Trainer | null = null;

/** What `self.mlpPlaygroundMemory()` reports in the worker. */
interface WorkerMemory {
  wasmBytes: number;
  heapBytesInUse: number;
}

function need(): Trainer {
  if (!trainer) throw new Error('the worker is not initialised');
  return trainer;
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
    const core = await loadCore({ simd: options.simd ?? 'auto', lazyExporters: true });
    trainer = new Trainer(core);
    // For diagnostics from outside (DevTools, bench/soak.mjs): the core's memory, read in place.
    (self as unknown as { mlpPlaygroundMemory?: () => WorkerMemory }).mlpPlaygroundMemory = () => ({ wasmBytes: core.memoryBytes(), heapBytesInUse: core.heapBytesInUse() });
    return { simd: core.simd, version: core.version, vocabulary: vocabularyOf(core) };
  },
  // Digits are loaded (fetched once, then from memory) before the synchronous build.
  async configure(setup: Setup, keepWeights: boolean, restore?: Restore): Promise<Built> {
    if (setup.data.kind === 'digits') await loadDigitsSource(setup.data.spec);
    return transferBuilt(need().configure(setup, keepWeights, restore));
  },
  async importNetwork(setup: Setup, json: string): Promise<Built> {
    if (setup.data.kind === 'digits') await loadDigitsSource(setup.data.spec);
    return transferBuilt(need().importNetwork(setup, json));
  },
  digitsTest() {
    const p = need().digitsTest();
    return Comlink.transfer(p, [p.buffer as ArrayBuffer]);
  },
  history() {
    return transferHistory(need().history());
  },
  snapshot(k: number) {
    const s = need().snapshot(k);
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
  serialize() {
    return need().serialize();
  },
  previews(classes: number) {
    return need().previews(classes);
  },
  featurePlanes(request) {
    const planes = need().featurePlanes(request);
    return Comlink.transfer(planes, [planes.data.buffer as ArrayBuffer]);
  },
  exportPyTorch(options) {
    return need().exportPyTorch(options);
  },
  async exportONNX(options) {
    const bytes = await need().exportONNX(options);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  walkStep(points) {
    return need().walkStep(points);
  },
  applyWalkStep(points) {
    return need().applyWalkStep(points);
  },
  landscape(request) {
    const l = need().landscape(request);
    return Comlink.transfer(l, [l.alphas, l.betas, l.loss, l.path, l.pathEpochs].map((a) => a.buffer as ArrayBuffer));
  },
  flowStats() {
    return need().flowStats();
  },
  dispose() {
    trainer?.dispose();
  },
};

Comlink.expose(api);
