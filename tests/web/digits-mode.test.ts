// The digits mode's arithmetic: the draw pad's MNIST preprocessing (checked against real
// MNIST digits, which were made that way: drawn large and shifted, they must come back as
// they were), the confusion matrix and accuracies (hand-counted), the pixel permutation,
// FGSM (against a linear classifier whose loss gradient is known in closed form), and the
// diagram's stages from a real network's net.layers.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { fgsm, permuteImages, pixelPermutation, smallestFlip } from '../../web/src/app/digits/experiments.js';
import { argmaxRows, cellMembers, confusion } from '../../web/src/app/digits/metrics.js';
import { type Grey, halve, inkOf, toMnist } from '../../web/src/app/digits/preprocess.js';
import { sizeText, stages } from '../../web/src/app/digits/shapes.js';

const mnistDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
const digitsOf = (d: number): number[] => JSON.parse(readFileSync(`${mnistDir}/src/digits/${d}.json`, 'utf8')).data as number[];

/** A 28×28 image drawn `k` times larger on a `side`×`side` pad with its corner at (ox, oy). */
function enlarge(img: ArrayLike<number>, k: number, side: number, ox: number, oy: number): Grey {
  const data = new Float32Array(side * side);
  for (let y = 0; y < 28 * k; y++) for (let x = 0; x < 28 * k; x++) data[(oy + y) * side + ox + x] = img[Math.floor(y / k) * 28 + Math.floor(x / k)]!;
  return { width: side, height: side, data };
}

function massCentre(x: Float32Array, side = 28): [number, number] {
  let m = 0, cx = 0, cy = 0;
  for (let i = 0; i < x.length; i++) {
    m += x[i]!;
    cx += x[i]! * (i % side);
    cy += x[i]! * Math.floor(i / side);
  }
  return [cx / m, cy / m];
}

function box(x: Float32Array, side = 28): { w: number; h: number } {
  let x0 = side, x1 = -1, y0 = side, y1 = -1;
  x.forEach((v, i) => {
    if (v > 0.05) {
      const c = i % side, r = Math.floor(i / side);
      x0 = Math.min(x0, c); x1 = Math.max(x1, c); y0 = Math.min(y0, r); y1 = Math.max(y1, r);
    }
  });
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

const correlation = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) (ma += a[i]!), (mb += b[i]!);
  ma /= n; mb /= n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    ab += da * db; aa += da * da; bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('toMnist (the draw pad)', () => {
  it('gives nothing for an empty pad', () => {
    expect(toMnist({ width: 50, height: 50, data: new Float32Array(2500) })).toBeNull();
  });

  it('scales the ink into a 20-pixel box, keeps the aspect ratio and centres it by mass', () => {
    // A 150×60 bar, off-centre on a 280×280 pad.
    const data = new Float32Array(280 * 280);
    for (let y = 200; y < 260; y++) for (let x = 10; x < 160; x++) data[y * 280 + x] = 1;
    const out = toMnist({ width: 280, height: 280, data })!;
    expect(box(out)).toEqual({ w: 20, h: 8 });
    const [cx, cy] = massCentre(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    // Area resampling keeps the ink's density: a solid bar stays solid.
    expect(Math.max(...out)).toBeCloseTo(1, 5);
  });

  it('gives back real MNIST digits drawn ten times larger anywhere on the pad', () => {
    let worst = 1;
    for (const d of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const pixels = digitsOf(d);
      for (const k of [0, 7]) {
        const img = pixels.slice(k * 784, (k + 1) * 784);
        const back = toMnist(enlarge(img, 10, 400, 11 * (k + 1), 61))!;
        worst = Math.min(worst, correlation(back, img));
        // The same drawing elsewhere on the pad gives the same input.
        const elsewhere = toMnist(enlarge(img, 10, 400, 100, 5))!;
        expect(Math.max(...elsewhere.map((v, i) => Math.abs(v - back[i]!)))).toBeLessThan(1e-5);
      }
    }
    // The same box, the same centre (pixel 14, 14): MNIST's digits come back as they were.
    expect(worst).toBeGreaterThan(0.99);
  });

  it('reads the ink from a canvas as its alpha, and halves to 14×14 by 2×2 means', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 9, 9, 9, 0, 0, 0, 0, 51, 0, 0, 0, 102]);
    expect(Array.from(inkOf(rgba, 2, 2).data)).toEqual([1, 0, 0.2, 0.4].map(Math.fround));
    const x = new Float32Array(784).map((_, i) => (i % 28) + Math.floor(i / 28));
    const h = halve(x);
    expect(h.length).toBe(196);
    expect(h[0]).toBe(1);
    expect(h[13 * 14 + 13]).toBe(53);
  });
});

describe('confusion matrix and accuracy', () => {
  it('counts true class by answer, per class and overall', () => {
    const labels = [0, 0, 0, 1, 1, 2];
    const answers = [0, 1, 0, 1, 1, 0];
    const c = confusion(labels, answers, 3);
    expect(Array.from(c.counts)).toEqual([2, 1, 0, 0, 2, 0, 1, 0, 0]);
    expect(c.perClass).toEqual([2 / 3, 1, 0]);
    expect(c.overall).toBeCloseTo(4 / 6, 12);
    expect(cellMembers(labels, answers, 0, 1)).toEqual([1]);
    expect(cellMembers(labels, answers, 2, 0)).toEqual([5]);
    expect(confusion([], [], 10).perClass.every(Number.isNaN)).toBe(true);
    expect(() => confusion([1], [], 10)).toThrow(/1 labels but 0 predictions/);
  });

  it('answers each row with its most probable class', () => {
    expect(Array.from(argmaxRows(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]), 3))).toEqual([1, 0]);
  });
});

describe('the experiments', () => {
  it('permutes every image by one fixed bijection of the pixels, the same for a seed', () => {
    const p = pixelPermutation(784, 3);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 784 }, (_, i) => i));
    expect(pixelPermutation(784, 3)).toEqual(p);
    expect(pixelPermutation(784, 4)).not.toEqual(p);
    const x = new Float32Array(2 * 784).map((_, i) => i);
    const y = permuteImages(x, p);
    expect(y[0]).toBe(p[0]);
    expect(y[784 + 5]).toBe(784 + p[5]!);
    expect(() => permuteImages(new Float32Array(785), p)).toThrow(/whole images/);
  });

  it('FGSM moves each pixel by ε against the answer and flips a linear classifier at the ε its margin predicts', () => {
    // Two classes, score_c = w_c · x. Cross-entropy for label 0: ∂L/∂x = (p0 - 1)·w0 + p1·w1,
    // whose sign, with p0 + p1 = 1, is the sign of (w1 - w0).
    const w0 = Float32Array.from([1, -1, 0.5, 0]);
    const w1 = Float32Array.from([-1, 1, 0.5, 0]);
    const x = Float32Array.from([0.6, 0.5, 0.9, 0.3]);
    const grad = Float32Array.from(w1.map((v, i) => v - w0[i]!));
    const near = (a: Float32Array, b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 6));
    near(fgsm(x, grad, 0.2), [0.4, 0.7, 0.9, 0.3]);
    near(fgsm(x, grad, 0.7), [0, 1, 0.9, 0.3]);
    const classify = (v: Float32Array) => (w0.reduce((s, w, i) => s + w * v[i]!, 0) >= w1.reduce((s, w, i) => s + w * v[i]!, 0) ? 0 : 1);
    // Margin (w0 - w1)·x = 2·(0.6 - 0.5) = 0.2; each ε step closes it by 4ε: flips once ε > 0.05.
    const epsilons = Array.from({ length: 20 }, (_, i) => (i + 1) / 100);
    const flip = smallestFlip(x, grad, 0, epsilons, classify)!;
    expect(flip.epsilon).toBe(0.06);
    expect(flip.answer).toBe(1);
    expect(smallestFlip(x, new Float32Array(4), 0, epsilons, classify)).toBeNull();
  });
});

describe('the diagram stages', () => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore();
  });

  it('shows an MLP as 784 → 64 → 10 and a CNN as conv 8 @ 28×28 → pool 8 @ 14×14 → 10', () => {
    const int = (n: number) => String(n);
    const dense = mlp.createNetwork({ inputs: 784, layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-ce' });
    const cnn = mlp.createNetwork({
      inputs: 784,
      inputShape: [1, 28, 28],
      layers: [{ type: 'conv2d', channels: 8, kernel: 5, padding: 'same', activation: 'relu' }, { type: 'maxpool', size: 2 }, { units: 10, activation: 'softmax' }],
      loss: 'softmax-ce',
    });
    try {
      expect(stages(dense.layers).map((s) => sizeText(s, int))).toEqual(['784', '64', '10']);
      expect(stages(dense.layers).map((s) => s.activation)).toEqual([null, 'relu', 'softmax']);
      const c = stages(cnn.layers);
      expect(c.map((s) => s.kind)).toEqual(['input', 'conv2d', 'maxpool', 'dense']);
      expect(c.map((s) => sizeText(s, int))).toEqual(['28×28', '8 @ 28×28', '8 @ 14×14', '10']);
    } finally {
      dense.dispose();
      cnn.dispose();
    }
  });
});
