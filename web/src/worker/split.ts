// Splitting the user's own points into training and test sets so that editing one point
// moves no other point across (the trainer's custom data; tested in tests/web/trainer.test.ts).
import type { Dataset, DatasetSplit } from '../core/types.js';

/**
 * Splits user points by a hash of each point (its coordinates, label and the seed) rather
 * than by shuffling: drawing or erasing one point leaves every other point on its side, so
 * the curves do not jump with each click. The ratio holds on average, not exactly.
 */
export function stableSplit(d: Dataset, ratio: number, seed: number): DatasetSplit {
  // The coordinates' and labels' bits, read in place.
  const xb = new Uint32Array(d.x.buffer, d.x.byteOffset, d.x.length);
  const yb = new Uint32Array(d.y.buffer, d.y.byteOffset, d.y.length);
  const side = new Uint8Array(d.size);
  let trainCount = 0;
  for (let i = 0; i < d.size; i++) {
    let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
    for (let k = 0; k < d.dims; k++) h = fmix32((h ^ xb[i * d.dims + k]!) >>> 0);
    h = fmix32((h ^ yb[i]!) >>> 0);
    side[i] = h / 4294967296 < ratio ? 1 : 0;
    trainCount += side[i]!;
  }
  if (trainCount === 0) side.fill(1), (trainCount = d.size);
  const pick = (want: number, n: number): Dataset => {
    const x = new Float32Array(n * d.dims);
    const y = new Float32Array(n);
    let j = 0;
    for (let i = 0; i < d.size; i++) {
      if (side[i] !== want) continue;
      for (let k = 0; k < d.dims; k++) x[j * d.dims + k] = d.x[i * d.dims + k]!;
      y[j++] = d.y[i]!;
    }
    return { problem: d.problem, dims: d.dims, classes: d.classes, x, y, size: n };
  };
  return { train: pick(1, trainCount), test: pick(0, d.size - trainCount) };
}

// MurmurHash3's finaliser: a well-mixed 32-bit hash step.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
