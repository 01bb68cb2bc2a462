// What the trainer calls of the digits' data source (digits-source.ts), handed over by that
// module when it loads digits: the worker imports it only for a digits setup (worker.ts
// configure), so the worker's first load does not carry it. A leaf module.
import type { EpochResult, MlpCore, Network, TrainingData } from '../core/index.js';
import type { Dataset, DatasetSplit, ImageDataset } from '../core/types.js';

/** Which digits (a `DataSource` of kind 'digits'); the same spec gives the same digits. */
export interface DigitsSpec {
  /** 28: 28×28 images (784 inputs); 14: 2×2-averaged (196 inputs). */
  size: 28 | 14;
  /** Digits used, 1 .. 10000 (a seeded, class-balanced subset). */
  samples: number;
  /** Fraction for training, (0, 1]. */
  trainRatio: number;
  seed: number;
  /** 0: the images as they are; otherwise the seed of one fixed pixel permutation applied to every image. */
  permute: number;
  /** Where the asset is (default: the core's, next to its module). */
  url?: string;
}

/** Images made resident for a network: the whole set (to evaluate) and its slices (to train). */
export interface ResidentImages {
  all: TrainingData;
  slices: TrainingData[];
  /** The next slice to train (0 .. slices.length − 1). */
  next: number;
  /** Loss × digits and digits trained in the epoch so far (its mean loss at the end, as one epoch over all of them gives). */
  lossSum: number;
  seen: number;
  dispose(): void;
}

export interface DigitsCalls {
  digitsSplit(spec: DigitsSpec): DatasetSplit<ImageDataset>;
  residentDigits(core: MlpCore, spec: DigitsSpec): ResidentImages & { test: TrainingData | null };
  trainSlice(net: Network, r: ResidentImages, batchSize: number, flow: boolean, test?: TrainingData): EpochResult;
  restartEpoch(r: ResidentImages): void;
}

let calls: DigitsCalls | null = null;

/** Called by digits-source.ts' loadDigitsSource, before any digits setup reaches a trainer. */
export function provideDigits(c: DigitsCalls): void {
  calls = c;
}

/** The digits' calls; an error if no digits were loaded (loadDigitsSource first). */
export function digits(): DigitsCalls {
  if (!calls) throw new Error('the digits are not loaded: loadDigitsSource first');
  return calls;
}

/** The trainer's points for digits: none (the images are resident; the page has them from loadDigits). */
export function noPoints(): Dataset {
  return { problem: 'classification', dims: 2, classes: 10, x: new Float32Array(0), y: new Float32Array(0), size: 0 };
}
