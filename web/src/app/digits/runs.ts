// The digits experiments as runs of the real core: one definition of each experiment's
// networks and data, used by the page's one-click presets and by the lesson's claims test.
//   Structure is a prior: an MLP and a small CNN on the digits and on the same digits under
//     one fixed pixel permutation; test accuracy of each.
//   Data decide: the MLP on 100, 1,000 and 8,000 training digits; training and test accuracy
//     and the per-epoch loss curves.
//   Fooling the network: FGSM on test digits the network answers right; the smallest ε of a
//     ladder that flips each one.
import type { MlpCore, Network } from '../../core/index.js';
import type { DatasetSplit, ImageDataset, NetworkConfig } from '../../core/types.js';
import { oneHot } from '../../worker/digits-source.js';
import { permuteImages, pixelPermutation, smallestFlip } from './experiments.js';
import { argmaxRows } from './metrics.js';

/** How big a run is: image side, digits in all (80 % train), epochs, seed (data, network and permutation). */
export interface RunSize {
  size: 28 | 14;
  samples: number;
  epochs: number;
  seed: number;
}

export type Architecture = 'mlp' | 'cnn';

/** The experiments' two networks for `side`×`side` digits (the CNN's two conv-pool stages halve the side twice). */
export function architecture(kind: Architecture, side: number, seed: number): NetworkConfig {
  const common = { inputs: side * side, inputShape: [1, side, side] as [number, number, number], loss: 'softmax-ce' as const, init: 'he' as const, seed };
  if (kind === 'mlp') {
    return { ...common, layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }], optimizer: { type: 'adam', learningRate: 0.002 } };
  }
  return {
    ...common,
    layers: [
      { type: 'conv2d', channels: 8, kernel: 3, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv2d', channels: 16, kernel: 3, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { units: 10, activation: 'softmax' },
    ],
    optimizer: { type: 'adam', learningRate: 0.003 },
  };
}

export interface Trained {
  net: Network;
  trainAccuracy: number;
  testAccuracy: number;
  /** Per epoch: mean minibatch training loss, test loss. */
  trainLoss: number[];
  testLoss: number[];
}

/** Trains a network on a split for `epochs` (batch 32), evaluating after each epoch. The caller disposes `net`. */
export function train(core: MlpCore, config: NetworkConfig, split: DatasetSplit<ImageDataset>, epochs: number): Trained {
  const net = core.createNetwork(config);
  const shape = { inputs: split.train.dims, outputs: 10 };
  const tr = core.createTrainingData(split.train.x, oneHot(split.train.y, 10), shape);
  const te = core.createTrainingData(split.test.x, oneHot(split.test.y, 10), shape);
  try {
    const trainLoss: number[] = [];
    const testLoss: number[] = [];
    for (let e = 0; e < epochs; e++) {
      trainLoss.push(net.trainEpoch(tr, { batchSize: 32, epochs: 1 }).loss);
      testLoss.push(net.evaluate(te).loss);
    }
    return { net, trainAccuracy: net.evaluate(tr).accuracy, testAccuracy: net.evaluate(te).accuracy, trainLoss, testLoss };
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    tr.dispose();
    te.dispose();
  }
}

/** The same split with every image's pixels in one fixed random order (seeded). */
export function permuted(split: DatasetSplit<ImageDataset>, seed: number): DatasetSplit<ImageDataset> {
  const perm = pixelPermutation(split.train.dims, seed);
  return { train: { ...split.train, x: permuteImages(split.train.x, perm) }, test: { ...split.test, x: permuteImages(split.test.x, perm) } };
}

export interface PriorResult {
  mlp: { original: number; permuted: number };
  cnn: { original: number; permuted: number };
}

/** Structure is a prior: test accuracy of the MLP and the CNN, on the digits and permuted. */
export function structureIsAPrior(core: MlpCore, split: DatasetSplit<ImageDataset>, r: RunSize, only: Architecture[] = ['mlp', 'cnn']): PriorResult {
  const out: PriorResult = { mlp: { original: NaN, permuted: NaN }, cnn: { original: NaN, permuted: NaN } };
  const mixed = permuted(split, r.seed);
  for (const kind of only) {
    for (const [name, data] of [['original', split], ['permuted', mixed]] as const) {
      const t = train(core, architecture(kind, r.size, r.seed), data, r.epochs);
      out[kind][name] = t.testAccuracy;
      t.net.dispose();
    }
  }
  return out;
}

export interface DataRun {
  trainDigits: number;
  trainAccuracy: number;
  testAccuracy: number;
  trainLoss: number[];
  testLoss: number[];
}

/** Data decide: the MLP on the first n training digits of the split (n of `counts`), tested on all its test digits. */
export function dataDecide(core: MlpCore, split: DatasetSplit<ImageDataset>, counts: readonly number[], r: RunSize): DataRun[] {
  return counts.map((n) => {
    const k = Math.min(n, split.train.size);
    const part = { ...split.train, x: split.train.x.subarray(0, k * split.train.dims), y: split.train.y.subarray(0, k), size: k };
    // At least MIN_STEPS minibatch steps each (a small set needs many epochs to be learnt by heart).
    const epochs = Math.max(r.epochs, Math.ceil(MIN_STEPS / Math.ceil(k / 32)));
    const t = train(core, architecture('mlp', r.size, r.seed), { train: part, test: split.test }, epochs);
    t.net.dispose();
    return { trainDigits: k, trainAccuracy: t.trainAccuracy, testAccuracy: t.testAccuracy, trainLoss: t.trainLoss, testLoss: t.testLoss };
  });
}

/** Data decide: the fewest minibatch steps of a run. */
const MIN_STEPS = 1500;

/** The ε ladder the FGSM slider and the search step through. */
export const EPSILONS: readonly number[] = Array.from({ length: 20 }, (_, i) => Math.round((i + 1) * 0.01 * 100) / 100);

/** One digit's FGSM: its input gradient from the core (∂L/∂x for its true label), the smallest flipping ε. */
export function fool(net: Network, x: Float32Array, label: number, epsilons: readonly number[] = EPSILONS): ReturnType<typeof smallestFlip> {
  const y = new Float32Array(10);
  y[label] = 1;
  const g = net.gradients(x, y).inputs;
  return smallestFlip(x, g, label, epsilons, (image) => argmaxRows(net.predict(image), 10)[0]!);
}

/** Fooling the network: of the first `n` test digits it answers right, the share FGSM flips with ε ≤ max(epsilons). */
export function foolingRate(net: Network, test: ImageDataset, n: number, epsilons: readonly number[] = EPSILONS): { tried: number; flipped: number; epsilons: number[] } {
  const d = test.dims;
  const answers = argmaxRows(net.predict(test.x.subarray(0, Math.min(n, test.size) * d)), 10);
  let tried = 0, flipped = 0;
  const found: number[] = [];
  answers.forEach((a, i) => {
    if (a !== test.y[i]) return;
    tried++;
    const f = fool(net, test.x.slice(i * d, (i + 1) * d), a, epsilons);
    if (f) flipped++, found.push(f.epsilon);
  });
  return { tried, flipped, epsilons: found };
}

/** The runs the page's presets and the lesson's claims test make (one definition of each). */
export const PRIOR_RUN: RunSize = { size: 14, samples: 5000, epochs: 4, seed: 1 };
export const DATA_RUN: RunSize = { size: 14, samples: 10000, epochs: 10, seed: 1 };
export const DATA_COUNTS: readonly number[] = [100, 1000, 8000];
