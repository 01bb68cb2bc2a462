// `mlp-playground/digits`: 10,000 handwritten MNIST digits (28×28, labels 0-9) as a
// train/test split for the library's networks. A separate entry with its own asset
// (digits.bin beside this module, 1.6 MB), so that importing the core loads none of it.
//
//   import { loadDigits } from 'mlp-playground/digits';
//   const { train, test } = await loadDigits({ samples: 2000, seed: 1, size: 14 });
//   // train.x: train.size × 196 floats in [0, 1]; train.y: labels 0-9
//
// The subset and the split are seeded and class-balanced as far as the data allow.
import { type DigitsAsset, type Progress, readDigitsAsset } from './digits-asset.js';
import { MlpError } from './errors.js';
import { generator, shuffle } from './random.js';
import type { DatasetSplit, ImageDataset } from './types.js';
import { finiteNumber, integer, isPlainObject, object } from './validate.js';

export { MlpError } from './errors.js';
export type { DatasetSplit, ImageDataset } from './types.js';

export interface DigitsOptions {
  /** How many digits to use, 1 .. 10000 (all, the default): a seeded subset, each class as equally represented as the data allow. */
  samples?: number;
  /** Fraction of them for training, (0, 1]; default 0.8 (8,000 train and 2,000 test digits). Each class is split in this ratio. */
  trainRatio?: number;
  /** Integer in [0, 2^32); the same seed gives the same subset, split and order. Default 1. */
  seed?: number;
  /** 28 (default): the 28×28 images, 784 values; 14: each 2×2 block averaged, 196 values (quicker to train). */
  size?: 28 | 14;
  /** Where the asset is; defaults to digits.bin next to this module (read from disk in Node, fetched in browsers). */
  url?: string | URL;
  /** Called as the asset arrives: bytes loaded and the asset's total size (from its header). */
  onProgress?: (loaded: number, total: number) => void;
  /** Aborts the download; loadDigits then rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
}

/** Digits in the asset this package ships. */
const DIGITS = 10000;
const OPTIONS = ['samples', 'trainRatio', 'seed', 'size', 'url', 'onProgress', 'signal'];

// Decoded assets by URL: the page loads the digits again for each experiment.
const cache = new Map<string, DigitsAsset>();

/**
 * The MNIST digits as `{ train, test }` image datasets. Rejects with an MlpError naming
 * the option for bad options, and on `url` when the asset cannot be loaded or fails its
 * checks (missing, truncated, or corrupted: its CRC-32 does not match).
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<DatasetSplit<ImageDataset>> {
  if (!isPlainObject(options)) throw new MlpError('options: must be an object { samples, trainRatio, seed, size, url, onProgress, signal }', 'options');
  const o = object(options, '', OPTIONS) as DigitsOptions;
  const samples = o.samples === undefined ? undefined : integer(o.samples, 'samples', 1, DIGITS);
  const trainRatio = o.trainRatio === undefined ? 0.8 : finiteNumber(o.trainRatio, 'trainRatio');
  if (!(trainRatio > 0 && trainRatio <= 1)) throw new MlpError(`trainRatio: must be a number in (0, 1], got ${trainRatio}`, 'trainRatio');
  const seed = o.seed === undefined ? 1 : integer(o.seed, 'seed', 0, 0xffffffff);
  const size = o.size ?? 28;
  if (size !== 28 && size !== 14) throw new MlpError(`size: must be 28 or 14, got ${JSON.stringify(size)}`, 'size');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new MlpError('onProgress: must be a function (loaded, total) => void', 'onProgress');
  }
  const signal = o.signal;
  if (signal !== undefined && !(isPlainObject(signal) && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw new MlpError('signal: must be an AbortSignal', 'signal');
  }
  const url = assetUrl(o.url);
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  let asset = cache.get(url.href);
  if (asset) o.onProgress?.(asset.fileBytes, asset.fileBytes);
  else {
    asset = await readDigitsAsset(url, o.onProgress as Progress | undefined, signal);
    cache.set(url.href, asset);
  }
  if (asset.rows !== 28 || asset.cols !== 28) throw new MlpError(`url: the digits asset ${url.href} holds ${asset.rows}×${asset.cols} images, not 28×28`, 'url');
  const n = samples ?? asset.count;
  if (n > asset.count) throw new MlpError(`samples: must be an integer in [1, ${asset.count}], got ${n}`, 'samples');
  return split(asset, n, trainRatio, seed, size);
}

function assetUrl(value: unknown): URL {
  if (value === undefined) return new URL('./digits.bin', import.meta.url);
  if (typeof value !== 'string' && !(value instanceof URL)) throw new MlpError('url: must be a string or a URL', 'url');
  try {
    return new URL(String(value), (globalThis as { location?: { href: string } }).location?.href ?? import.meta.url);
  } catch {
    throw new MlpError(`url: ${JSON.stringify(String(value))} is not a valid URL`, 'url');
  }
}

/** How many of each class to take for `n` in all: as equal as the classes' sizes allow. */
function classQuotas(available: readonly number[], n: number): number[] {
  const quota = available.map(() => 0);
  let left = n;
  // Water-filling: classes too small for an equal share give all they have, the others share the rest.
  let open = available.map((_, c) => c);
  while (left > 0 && open.length) {
    const share = Math.floor(left / open.length);
    const spare = open.map((c) => available[c]! - quota[c]!);
    if (share === 0) {
      // Fewer left than open classes: one more each, in class order.
      for (const c of open.slice(0, left)) quota[c]!++;
      break;
    }
    const give = open.map((_, i) => Math.min(share, spare[i]!));
    open.forEach((c, i) => (quota[c]! += give[i]!));
    left -= give.reduce((a, b) => a + b, 0);
    open = open.filter((c) => quota[c]! < available[c]!);
  }
  return quota;
}

/** Splits `total` into parts proportional to `weights` (largest remainder; ties to the lower index). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left === 0) break;
    if (parts[i]! < weights[i]!) parts[i]!++, left--;
  }
  return parts;
}

/**
 * Orders per-class lists so that every prefix is as class-balanced as possible: rounds of
 * one item per class (in a seeded class order each round) while each class lasts.
 */
function interleave(lists: number[][], random: () => number): number[] {
  const out: number[] = [];
  for (let round = 0; ; round++) {
    const open = lists.map((_, c) => c).filter((c) => round < lists[c]!.length);
    if (!open.length) return out;
    for (const c of shuffle(open, random)) out.push(lists[c]![round]!);
  }
}

function split(asset: DigitsAsset, n: number, trainRatio: number, seed: number, size: 28 | 14): DatasetSplit<ImageDataset> {
  const random = generator(seed);
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < asset.count; i++) byClass[asset.labels[i]!]!.push(i);
  // Each class shuffled whole (independent of n), then cut: a larger subset contains a smaller one of the same seed.
  for (const list of byClass) shuffle(list, random);
  const quotas = classQuotas(byClass.map((l) => l.length), n);
  const trainSize = Math.max(1, Math.round(trainRatio * n));
  const trainPer = apportion(quotas, trainSize);
  const train = interleave(byClass.map((l, c) => l.slice(0, trainPer[c])), random);
  const test = interleave(byClass.map((l, c) => l.slice(trainPer[c], quotas[c])), random);
  return { train: images(asset, train, size), test: images(asset, test, size) };
}

function images(asset: DigitsAsset, order: number[], size: 28 | 14): ImageDataset {
  const side = asset.rows;
  const dims = size * size;
  const x = new Float32Array(order.length * dims);
  const y = new Float32Array(order.length);
  const px = asset.pixels;
  order.forEach((src, k) => {
    y[k] = asset.labels[src]!;
    const from = src * side * side;
    const to = k * dims;
    if (size === side) {
      for (let i = 0; i < dims; i++) x[to + i] = px[from + i]! / 255;
      return;
    }
    // 2×2 mean: (a + b + c + d) / 4 of the bytes, then scaled to [0, 1].
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const p = from + 2 * r * side + 2 * c;
        x[to + r * size + c] = (px[p]! + px[p + 1]! + px[p + side]! + px[p + side + 1]!) / (4 * 255);
      }
  });
  return { problem: 'classification', dims, shape: [1, size, size], classes: 10, x, y, size: order.length };
}
