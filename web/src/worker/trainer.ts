// The training side of a playground: owns one core instance, the network and its resident
// data; trains for a time budget per tick and evaluates what the views need. Plain class,
// no DOM and no worker globals, so it runs (and is tested) in Node as well as in a Worker.
// It records the training history (history.ts) as it trains, one record per epoch.
import type { MlpCore, Network, OnnxOptions, PyTorchOptions, TrainingData } from '../core/index.js';
import type { Dataset, DatasetSplit, LayerConfig, Parameters } from '../core/types.js';
import { digits, noPoints, type ResidentImages } from './digits-ref.js';
import { stableSplit } from './split.js';
import { HISTORY_LIMITS, type HistoryLimits, TrainingHistory } from './history.js';
import { atState } from './history-view.js';
import { flowStats, lossLandscape } from './landscape.js';
import { applyWalkStep, walkStep } from './step-walk.js';
import { MainViewGrid } from './main-view-grid.js';
import {
  type Built, type FeatureRequest, type FlowStats, type GridPlanes, type HistoryInfo, type HistorySnapshot, type Hyper, type Landscape, type LandscapeRequest,
  type Restore, type Setup, type Snapshot, type TickRequest, type WalkStep, withHyper,
} from './protocol.js';

interface Live {
  net: Network;
  train: TrainingData;
  test: TrainingData | null;
  /** Coordinates per point of the data (1 or 2). */
  dims: 1 | 2;
  setup: Setup;
  /** Digits: the training images in slices (a tick trains one or more); null for points. */
  images: ResidentImages | null;
}

export class Trainer {
  #core: MlpCore;
  #live: Live | null = null;
  #version = 0;
  #epoch = 0;
  #diverged = false;
  #stopped: Snapshot['stopped'] = null;
  // Recent (time, steps, epochs) samples for the rates.
  #rates: { t: number; steps: number; epochs: number }[] = [];
  // Measured cost of a main-view point (ms), to pick a resolution that fits the budget.
  /** The main view's grids, sized to their time budget. */
  #mainView = new MainViewGrid();
  // The training history; null: not recorded (options.history false, e.g. the bench's baseline).
  #log: TrainingHistory | null;

  constructor(core: MlpCore, options: { history?: HistoryLimits | false } = {}) {
    this.#core = core;
    this.#log = options.history === false ? null : new TrainingHistory(options.history ?? HISTORY_LIMITS);
  }

  get network(): Network | null {
    return this.#live?.net ?? null;
  }

  /** The core this trainer runs on (the site's worker starts on the lite one: worker.ts). */
  get core(): MlpCore {
    return this.#core;
  }

  /**
   * Moves the trainer to another core (the site's worker: from the lite module to the full
   * one, when a feature needs it). The live network is rebuilt there from its settings and
   * given its exact training state (saveState with handover: parameters, optimizer slots and
   * step, step and epoch counts, the generator, early stopping's best, the last epoch's
   * gradient flow and divergence's rollback point), the data are rebuilt from the same
   * settings (seeded: the same points); the epoch, the history (its states are bytes of the
   * same layout), divergence and the rates stay as they are. Everything new is built before
   * the old objects go: a failure leaves the trainer as it was, on its old core.
   */
  switchCore(core: MlpCore): void {
    const live = this.#live;
    const old = this.#core;
    if (!live || core === old) {
      this.#core = core;
      return;
    }
    const net = core.createNetwork(live.setup.network);
    let next: Live;
    this.#core = core;
    try {
      net.restoreState(live.net.saveState({ handover: true }));
      next = this.#build(live.setup, net, this.#split(live.setup));
    } catch (e) {
      this.#core = old;
      net.dispose();
      throw e;
    }
    live.images?.dispose();
    live.train.dispose();
    live.test?.dispose();
    live.net.dispose();
    this.#live = next;
  }

  #split(setup: Setup): DatasetSplit {
    const d = setup.data;
    // Digits: no points (the images are built in #build); the page has them from loadDigits.
    if (d.kind === 'digits') return { train: noPoints(), test: noPoints() };
    if (d.kind === 'generated') return this.#core.generateDataset(d.spec);
    const points = this.#core.makeDataset({
      problem: d.points.problem, dims: d.points.dims, classes: d.points.classes, x: d.points.x, y: d.points.y,
    });
    return stableSplit(points, d.trainRatio, d.seed);
  }

  /** Builds everything new first and swaps it in only when all of it succeeded. */
  #build(setup: Setup, net: Network, split: DatasetSplit): Live {
    let train: TrainingData | null = null;
    let images: ResidentImages | null = null;
    try {
      if (setup.data.kind === 'digits') {
        const resident = digits().residentDigits(this.#core, setup.data.spec);
        images = resident;
        return { net, train: resident.all, test: resident.test, dims: 2, setup, images };
      }
      train = net.prepare(split.train, setup.features);
      const test = split.test.size > 0 ? net.prepare(split.test, setup.features) : null;
      return { net, train, test, dims: split.train.dims, setup, images: null };
    } catch (e) {
      images?.dispose();
      train?.dispose();
      throw e;
    }
  }

  /**
   * Installs live and hands back the split it was built from. The split's arrays are fresh
   * (copied out of wasm by the core, or picked by stableSplit, train and test in buffers of
   * their own) and kept nowhere else, so they go out as they are: the worker transfers them.
   */
  #swap(live: Live, split: DatasetSplit, kept: boolean): Built {
    const old = this.#live;
    if (old) {
      old.images?.dispose();
      old.train.dispose();
      old.test?.dispose();
      if (old.net !== live.net) old.net.dispose();
    }
    this.#live = live;
    this.#version++;
    this.#diverged = false;
    this.#stopped = null;
    this.#rates = [];
    if (!kept) {
      this.#epoch = 0;
      // A new run: the last one's curve stays as the ghost.
      this.#log?.reset();
      this.#log?.start(live.net.steps, live.net.saveState());
    }
    return {
      train: split.train,
      test: split.test,
      layerSizes: live.net.layerSizes,
      layers: live.net.layers,
      version: this.#version,
      kept,
    };
  }

  /**
   * (Re)builds data and network. With keepWeights and an unchanged network shape only the
   * data is replaced (drawing points keeps training going); otherwise a fresh network.
   */
  configure(setup: Setup, keepWeights: boolean, restore?: Restore): Built {
    const split = this.#split(setup);
    const cur = this.#live;
    const same = cur !== null && keepWeights && sameShape(cur.setup, setup) && !restore;
    const net = same ? cur.net : this.#core.createNetwork(setup.network);
    try {
      // A restart's parameters go in before anything is swapped: a mismatch keeps all as it was.
      if (restore) net.setParameters(restore.params);
      const built = this.#swap(this.#build(setup, net, split), split, same || restore !== undefined);
      if (restore) this.#epoch = restore.epoch;
      return built;
    } catch (e) {
      if (!same) net.dispose();
      throw e;
    }
  }

  /** Replaces the network by a serialized one, which must fit the setup's shape. */
  importNetwork(setup: Setup, json: string): Built {
    const split = this.#split(setup);
    const net = this.#core.loadNetwork(json);
    try {
      const want = setup.network;
      const got = net.config;
      const describe = (l: LayerConfig): string => ('units' in l ? `${l.units} ${l.activation}` : l.type);
      const wantSizes = want.layers.map(describe).join(', ');
      const gotSizes = got.layers.map(describe).join(', ');
      if (got.inputs !== want.inputs || wantSizes !== gotSizes)
        throw new Error(`the network (${got.inputs} inputs; ${gotSizes}) does not match its settings (${want.inputs} inputs; ${wantSizes})`);
      return this.#swap(this.#build(setup, net, split), split, false);
    } catch (e) {
      net.dispose();
      throw e;
    }
  }

  setHyper(h: Hyper): void {
    const net = this.#need();
    const was = this.#live!.setup.network;
    net.setOptimizer(h.optimizer);
    net.setRegularization(h.regularization);
    net.setClipNorm(h.clipNorm);
    // Only when they change: a new schedule or stopping rule restarts early stopping's best.
    if (h.schedule && JSON.stringify(h.schedule) !== JSON.stringify(was.schedule)) net.setSchedule(h.schedule);
    if (h.stopping && JSON.stringify(h.stopping) !== JSON.stringify(was.stopping)) net.setStopping(h.stopping);
    this.#live!.setup = withHyper(this.#live!.setup, h);
    // A new learning rate is the usual cure for divergence: let training resume.
    this.#diverged = false;
    this.#stopped = null;
  }

  setWeight(layer: number, unit: number, input: number, value: number): void {
    this.#need().setWeight(layer, unit, input, value);
    this.#diverged = false;
  }

  setBias(layer: number, unit: number, value: number): void {
    this.#need().setBias(layer, unit, value);
    this.#diverged = false;
  }

  serialize(): string {
    return this.#need().serialize();
  }

  /** The core's feature map over a grid: no network needed. */
  featurePlanes(r: FeatureRequest): GridPlanes {
    const g = this.#core.featureGrid({ width: r.width, height: r.height, xRange: r.xRange, yRange: r.yRange, dims: r.dims, features: r.features });
    return { width: g.width, height: g.height, planes: r.features.length, data: g.data };
  }

  previews(classes: number): Record<string, Dataset> {
    const out: Record<string, Dataset> = {};
    for (const info of this.#core.datasets) {
      const samples = info.dims === 1 ? 80 : 160;
      out[info.name] = this.#core.generateDataset({ name: info.name, samples, noise: 0, classes, trainRatio: 1, seed: 1 }).train;
    }
    return out;
  }

  // The worker's core loads the exporters' chunk on the first export (lazyExporters): the
  // first load of the page does not need it.
  async exportPyTorch(options: PyTorchOptions): Promise<string> {
    await this.#core.loadExporters();
    return this.#need().toPyTorch(options);
  }

  async exportONNX(options: OnnxOptions): Promise<Uint8Array> {
    await this.#core.loadExporters();
    return this.#need().toONNX(options);
  }

  #need(): Network {
    if (!this.#live) throw new Error('no network yet: configure first');
    return this.#live.net;
  }

  tick(req: TickRequest): Snapshot {
    const t0 = now();
    const live = this.#live;
    if (!live) throw new Error('no network yet: configure first');
    const { net } = live;
    let epochsRun = 0;
    let steps = 0;
    if (req.train !== 'none' && !this.#diverged && !this.#stopped && !(req.train === 'play' && req.until !== undefined && this.#epoch >= req.until)) {
      let max = req.train === 'step' ? 1 : Math.max(1, req.maxEpochs);
      if (req.train === 'play' && req.until !== undefined) max = Math.min(max, req.until - this.#epoch);
      // One epoch at a time until the budget is used up: a tick stays short however big
      // the data or the network is, and small problems still get many epochs per frame.
      const log = this.#log;
      const steps0 = log ? net.steps : 0;  // then counted here: one call less per epoch
      // Early stopping needs the test loss of every epoch: only then is the test split evaluated.
      const test = (live.setup.network.stopping?.patience ?? 0) > 0 && live.test ? live.test : undefined;
      while (epochsRun < max) {
        const r = live.images
          ? digits().trainSlice(net, live.images, live.setup.batchSize, log !== null, test)
          : net.trainEpoch(live.train, { batchSize: live.setup.batchSize, epochs: 1, flow: log !== null, test });
        steps += r.steps;
        if (r.diverged) {
          this.#diverged = true;
          break;
        }
        epochsRun += r.epochs;
        if (r.epochs) log?.record({ epoch: this.#epoch + epochsRun, steps: steps0 + steps, trainLoss: r.loss, gradNorm: r.flow!.gradNorm, updateRatio: r.flow!.updateRatio }, () => net.saveState());
        if (r.stopped) {
          this.#stopped = r.stopped;
          break;
        }
        // Step: one whole epoch (digits: all of its slices), whatever the budget.
        if (req.train === 'step' ? r.epochs > 0 : now() - t0 >= req.budgetMs) break;
      }
      log?.spent(now() - t0);
    }
    this.#epoch += epochsRun;
    // Digits: the training figures of every tick from the first slice (1,000 class-balanced digits, not all 8,000: that evaluation would cost more than the slice's training).
    const trainM = net.evaluate(live.images?.slices[0] ?? live.train);
    const testM = live.test ? net.evaluate(live.test) : { loss: NaN, accuracy: NaN };
    if (!Number.isFinite(trainM.loss)) this.#diverged = true;
    if (epochsRun > 0) this.#log?.evaluated(this.#epoch, testM.loss);

    const t1 = now();
    this.#rates.push({ t: t1, steps, epochs: epochsRun });
    while (this.#rates.length > 2 && t1 - this.#rates[0]!.t > 1000) this.#rates.shift();
    const span = this.#rates.length > 1 ? t1 - this.#rates[0]!.t : 0;
    // Work done since the oldest sample (its own steps and epochs came before its time).
    let stepSum = 0;
    let epochSum = 0;
    for (let i = 1; i < this.#rates.length; i++) {
      stepSum += this.#rates[i]!.steps;
      epochSum += this.#rates[i]!.epochs;
    }

    // Digits have no plane to draw the network's answers over.
    const main = req.main && !live.images ? this.#mainView.evaluate(live.net, live.dims, live.setup.features, req.main, req.full || req.train === 'none') : null;
    let thumbs: Snapshot['thumbs'] = null;
    if (req.thumbs > 0 && !live.images) {
      const { dims } = live;
      const domain = req.main ?? { xRange: [-6, 6] as [number, number], yRange: [-6, 6] as [number, number] };
      const g = net.evaluateGrid(
        { width: req.thumbs, height: dims === 1 ? 1 : req.thumbs, xRange: domain.xRange, yRange: domain.yRange, dims, features: live.setup.features },
        // The painter draws the features' thumbnails from featureGrid: no input planes here.
        { units: 'all', inputs: false, copy: true },
      );
      thumbs = { width: g.width, height: g.height, planes: g.layerSizes.reduce((a, b) => a + b, 0), layerSizes: g.layerSizes, data: g.data };
    }
    const params = req.params ? net.getParameters() : null;
    return {
      version: this.#version,
      epoch: this.#epoch,
      steps: net.steps,
      trainLoss: trainM.loss,
      testLoss: testM.loss,
      trainAccuracy: trainM.accuracy,
      testAccuracy: testM.accuracy,
      epochsRun,
      stepsPerSecond: span > 0 ? (stepSum * 1000) / span : 0,
      epochsPerSecond: span > 0 ? (epochSum * 1000) / span : 0,
      learningRate: net.learningRate,
      diverged: this.#diverged,
      stopped: this.#stopped,
      main,
      thumbs,
      params,
      snapshots: this.#log?.snapshots.length ?? 0,
      busyMs: now() - t0,
    };
  }

  /** Digits: the class probabilities of every test digit (test size × 10). */
  digitsTest(): Float32Array {
    const live = this.#live;
    if (!live || live.setup.data.kind !== 'digits') throw new Error('digitsTest: the data are not digits');
    return live.net.predict(digits().digitsSplit(live.setup.data.spec).test.x);
  }

  #needLog(): TrainingHistory {
    this.#need();
    if (!this.#log) throw new Error('this trainer records no history');
    return this.#log;
  }

  /** The history's list of snapshots, its curve and the ghost of the previous run. */
  history(): HistoryInfo {
    const log = this.#needLog();
    return {
      version: this.#version,
      snapshots: log.snapshots.map(({ epoch, steps, trainLoss }) => ({ epoch, steps, trainLoss })),
      snapshotEvery: log.snapshotEvery,
      bytes: log.bytes,
      curve: log.curve(),
      ghost: log.ghost,
    };
  }

  /**
   * Snapshot k evaluated: its parameters, losses and layer statistics on the current data.
   * The network goes to the snapshot's state and back (restoreState both ways), unchanged.
   */
  snapshot(k: number): HistorySnapshot {
    const s = this.#needLog().snapshot(k);
    const { net, train, test } = this.#live!;
    return atState(net, s.state, () => {
      const trainM = net.evaluate(train);
      const testM = test ? net.evaluate(test) : { loss: NaN, accuracy: NaN };
      return {
        index: k, epoch: s.epoch, steps: s.steps,
        trainLoss: trainM.loss, testLoss: testM.loss, trainAccuracy: trainM.accuracy, testAccuracy: testM.accuracy,
        params: net.getParameters(), stats: net.layerStats(train),
      };
    });
  }

  /** A tick's views (training nothing) at snapshot k's state; the network and the counters are unchanged. */
  viewAt(k: number, req: TickRequest): Snapshot {
    const s = this.#needLog().snapshot(k);
    const kept = [this.#epoch, this.#diverged, this.#stopped, this.#rates] as const;
    return atState(this.#live!.net, s.state, () => {
      this.#epoch = s.epoch;
      this.#rates = [];
      try {
        return this.tick({ ...req, train: 'none' });
      } finally {
        [this.#epoch, this.#diverged, this.#stopped, this.#rates] = kept;
      }
    });
  }

  /**
   * "Continue from here": the network goes back to snapshot k exactly (parameters, optimizer
   * state, counters, generator), the history after it is dropped; the next tick trains on
   * from there. The settings stay as they are now. Nothing changes if the state does not
   * fit the network (the optimizer type changed since).
   */
  branch(k: number): HistoryInfo {
    const log = this.#needLog();
    const s = log.snapshot(k);
    this.#live!.net.restoreState(s.state);
    // Snapshots are taken at an epoch's end: digits start that epoch's slices afresh.
    if (this.#live!.images) digits().restartEpoch(this.#live!.images);
    log.branch(k);
    this.#epoch = s.epoch;
    this.#diverged = false;
    this.#stopped = null;
    this.#rates = [];
    return this.history();
  }

  /** "Step through one update" (step-walk.ts): the step on these training points, not taken. */
  walkStep(points: number[]): WalkStep { return walkStep(this.#need(), this.#live!.train, points, this.#version); }

  /** Takes that step; training may go on from there (a new state, as after an edit). */
  applyWalkStep(points: number[]): Parameters {
    const p = applyWalkStep(this.#need(), this.#live!.train, points);
    this.#diverged = false;
    return p;
  }

  /** The learning panels' numbers (landscape.ts): the loss landscape with the path, and the layers' statistics. */
  landscape(r: LandscapeRequest): Landscape {
    return lossLandscape({ net: this.#need(), train: this.#live!.train, snapshots: this.#log?.snapshots ?? [], epoch: this.#epoch, version: this.#version }, r);
  }
  flowStats(): FlowStats { return flowStats({ net: this.#need(), train: this.#live!.train, epoch: this.#epoch, version: this.#version }); }

  /** The main view's grid; while training its resolution adapts to a time budget. */
  dispose(): void {
    const l = this.#live;
    if (!l) return;
    l.images?.dispose();
    l.train.dispose();
    l.test?.dispose();
    l.net.dispose();
    this.#live = null;
  }
}

function now(): number {
  return performance.now();
}

/** Same network shape: data may change under it without a new network. */
function sameShape(a: Setup, b: Setup): boolean {
  return (
    JSON.stringify(a.network) === JSON.stringify(b.network) &&
    a.features.join() === b.features.join() &&
    a.data.kind === b.data.kind
  );
}
