// The worker's digits data source on the real core, through the Trainer as the worker runs
// it: digits configure after loadDigitsSource, a tick trains slices of an epoch (the epoch
// counter moves by whole epochs, the steps within one), the default network learns them,
// the test probabilities come back per digit, and a permuted spec permutes the pixels.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { loadDigits } from '../../web/src/core/digits.js';
import { argmaxRows, confusion } from '../../web/src/app/digits/metrics.js';
import { type DigitsSpec, digitsSplit, loadDigitsSource, SLICE } from '../../web/src/worker/digits-source.js';
import type { Setup, TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

const spec: DigitsSpec = { size: 28, samples: 10000, trainRatio: 0.8, seed: 1, permute: 0 };
const setupOf = (s: DigitsSpec): Setup => ({
  data: { kind: 'digits', spec: s },
  features: ['x1', 'x2'],
  network: {
    inputs: s.size * s.size, inputShape: [1, s.size, s.size],
    layers: [{ units: 32, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax-ce', optimizer: { type: 'adam', learningRate: 0.001 }, init: 'he', seed: 1,
  },
  batchSize: 32,
});
const tick = (t: Trainer, r: Partial<TickRequest>) =>
  t.tick({ train: 'play', maxEpochs: Infinity, budgetMs: 0, full: false, main: { width: 32, height: 32, dims: 2, xRange: [-6, 6], yRange: [-6, 6], focus: null }, thumbs: 8, params: true, ...r });

describe('the digits data source', () => {
  it('refuses to build digits it has not loaded, naming them', () => {
    const t = new Trainer(core);
    expect(() => t.configure(setupOf({ ...spec, seed: 99 }), false)).toThrow(/not loaded/);
    t.dispose();
  });

  it('trains 8,000 digits a slice per tick: whole epochs counted, no plane views, accuracy climbs', async () => {
    await loadDigitsSource(spec);
    const t = new Trainer(core);
    const built = t.configure(setupOf(spec), false);
    expect(built.train.size).toBe(0);
    expect(built.layers[0]!.inputShape).toEqual([1, 28, 28]);
    const ms: number[] = [];
    let s = tick(t, {});
    // A zero budget trains one slice: 1000 of 8000 digits at batch 32, no epoch yet.
    expect(s.epochsRun).toBe(0);
    expect(s.epoch).toBe(0);
    expect(s.steps).toBe(Math.ceil(SLICE / 32));
    expect(s.main).toBeNull();
    expect(s.thumbs).toBeNull();
    for (let i = 1; i < 8; i++) {
      const t0 = performance.now();
      s = tick(t, {});
      ms.push(performance.now() - t0);
    }
    expect(s.epochsRun).toBe(1);
    expect(s.epoch).toBe(1);
    expect(s.steps).toBe(8 * Math.ceil(SLICE / 32));
    // Step is one whole epoch, however many slices it takes.
    s = tick(t, { train: 'step' });
    expect(s.epoch).toBe(2);
    expect(s.epochsRun).toBe(1);
    console.log(`digits 784-32-10: a slice tick ${ms.map((x) => x.toFixed(0)).join(' ')} ms; after 2 epochs train ${(100 * s.trainAccuracy).toFixed(1)} % test ${(100 * s.testAccuracy).toFixed(1)} %`);
    expect(s.testAccuracy).toBeGreaterThan(0.88);
    expect(Array.from(t.history().curve.epochs)).toEqual([1, 2]);
    // The page's confusion matrix: the same answers as the test accuracy.
    const probs = t.digitsTest();
    const test = digitsSplit(spec).test;
    expect(probs.length).toBe(test.size * 10);
    const c = confusion(test.y, argmaxRows(probs, 10));
    expect(c.overall).toBeCloseTo(s.testAccuracy, 5);
    t.dispose();
  });

  it('a permuted spec holds the same digits with their pixels in one fixed order', async () => {
    const small = { ...spec, samples: 300, size: 14 as const };
    const plain = await loadDigitsSource(small);
    const shuffled = await loadDigitsSource({ ...small, permute: 5 });
    const page = await loadDigits({ samples: 300, seed: 1, size: 14 });
    expect(Array.from(plain.train.y)).toEqual(Array.from(page.train.y));
    expect(Array.from(shuffled.train.y)).toEqual(Array.from(page.train.y));
    const sorted = (a: Float32Array) => Array.from(a).sort((x, y) => x - y);
    expect(sorted(shuffled.train.x.subarray(0, 196))).toEqual(sorted(plain.train.x.subarray(0, 196)));
    expect(Array.from(shuffled.train.x.subarray(0, 196))).not.toEqual(Array.from(plain.train.x.subarray(0, 196)));
  });
});
