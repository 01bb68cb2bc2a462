// The worker's digits data source: the MNIST digits of `mlp-playground/digits` (loadDigits,
// in a chunk of its own that the worker loads only when digits are chosen), optionally under
// one fixed pixel permutation ("Structure is a prior"), made resident for the network, and
// trained in slices: an epoch of 8,000 digits takes long enough that one tick per epoch
// would leave the page with nothing to show for a while, so a tick trains a slice of it.
// The trainer reaches it through digits-ref.ts (this module hands its calls over on the
// first load of digits): the worker imports it only for a digits setup.
import type { EpochResult, MlpCore, Network, TrainingData } from '../core/index.js';
import type { Dataset, DatasetSplit, ImageDataset } from '../core/types.js';
import { permuteImages, pixelPermutation } from '../app/digits/experiments.js';
import { type DigitsSpec, provideDigits, type ResidentImages } from './digits-ref.js';

export type { DigitsSpec, ResidentImages } from './digits-ref.js';

/** Digits trained per slice: an eighth of the default epoch. */
export const SLICE = 1000;

const key = (s: DigitsSpec): string => JSON.stringify([s.size, s.samples, s.trainRatio, s.seed, s.permute, s.url ?? '']);
// The last few splits the worker loaded (an experiment switches between two or three).
const loaded = new Map<string, DatasetSplit<ImageDataset>>();
const KEEP = 3;

/** Loads (or finds) the digits of a spec; configure() can then build on them synchronously. */
export async function loadDigitsSource(spec: DigitsSpec): Promise<DatasetSplit<ImageDataset>> {
  provideDigits({ digitsSplit, residentDigits, trainSlice, restartEpoch });
  const k = key(spec);
  const have = loaded.get(k);
  if (have) return have;
  const { loadDigits } = await import('../core/digits.js');
  const split = await loadDigits({ samples: spec.samples, trainRatio: spec.trainRatio, seed: spec.seed, size: spec.size, url: spec.url });
  if (spec.permute) {
    const perm = pixelPermutation(spec.size * spec.size, spec.permute);
    split.train.x = permuteImages(split.train.x, perm);
    split.test.x = permuteImages(split.test.x, perm);
  }
  loaded.set(k, split);
  while (loaded.size > KEEP) loaded.delete(loaded.keys().next().value!);
  return split;
}

/** The split loadDigitsSource loaded for a spec; an error naming the spec if it has not. */
export function digitsSplit(spec: DigitsSpec): DatasetSplit<ImageDataset> {
  const s = loaded.get(key(spec));
  if (!s) throw new Error(`the digits (${key(spec)}) are not loaded: loadDigitsSource first`);
  return s;
}

/** Class labels as one-hot rows (n × classes), the softmax output's targets. */
export function oneHot(y: Float32Array, classes: number): Float32Array {
  const t = new Float32Array(y.length * classes);
  y.forEach((v, i) => (t[i * classes + v] = 1));
  return t;
}


/** The digits of a spec made resident: the training images in slices, and the test images (one dispose frees both). */
export function residentDigits(core: MlpCore, spec: DigitsSpec): ResidentImages & { test: TrainingData | null } {
  const digits = digitsSplit(spec);
  const train = residentImages(core, digits.train, true);
  try {
    const test = digits.test.size > 0 ? residentImages(core, digits.test, false) : null;
    return { ...train, test: test?.all ?? null, dispose: () => (train.dispose(), test?.dispose()) };
  } catch (e) {
    train.dispose();
    throw e;
  }
}

export { noPoints } from './digits-ref.js';

export function residentImages(core: MlpCore, d: ImageDataset, sliced: boolean): ResidentImages {
  const made: TrainingData[] = [];
  const resident = (from: number, to: number): TrainingData => {
    const data = core.createTrainingData(d.x.subarray(from * d.dims, to * d.dims), oneHot(d.y.subarray(from, to), d.classes), { inputs: d.dims, outputs: d.classes });
    made.push(data);
    return data;
  };
  try {
    const all = resident(0, d.size);
    const slices: TrainingData[] = [];
    if (sliced && d.size > SLICE) for (let i = 0; i < d.size; i += SLICE) slices.push(resident(i, Math.min(d.size, i + SLICE)));
    else slices.push(all);
    return { all, slices, next: 0, lossSum: 0, seen: 0, dispose: () => made.forEach((m) => m.dispose()) };
  } catch (e) {
    made.forEach((m) => m.dispose());
    throw e;
  }
}

/**
 * Trains the next slice of the epoch, a part of it for the core (trainEpoch with `part`):
 * the epoch count, the learning-rate schedule and the stopping rules move once per pass over
 * all the training digits, when its last slice ends the epoch (endEpoch), as PyTorch's
 * scheduler steps once per epoch. Answers like net.trainEpoch: `epochs` is 1 when this slice
 * ended an epoch (then `loss` is the epoch's mean minibatch loss, `flow` the last slice's
 * and `stopped`, `testLoss` the epoch end's), 0 otherwise. `test` (early stopping) is
 * evaluated at the epoch's end only.
 */
export function trainSlice(net: Network, r: ResidentImages, batchSize: number, flow: boolean, test?: TrainingData): EpochResult {
  const last = r.next === r.slices.length - 1;
  const size = r.slices[r.next]!.size;
  const out = net.trainEpoch(r.slices[r.next]!, { batchSize, part: true, flow: flow && last });
  if (out.diverged) return out;
  r.lossSum += out.loss * size;
  r.seen += size;
  if (!last) {
    r.next++;
    return out;
  }
  const end = net.endEpoch({ loss: r.lossSum / r.seen, test });
  restartEpoch(r);
  return { ...end, steps: out.steps, flow: out.flow };
}

/** The next slice trained starts an epoch (after one ended, or when training goes back to a snapshot taken at an epoch's end). */
export function restartEpoch(r: ResidentImages): void {
  r.next = 0;
  r.lossSum = 0;
  r.seen = 0;
}
