// The claims of the lesson "Structure is a prior: images" (learn/pages/12-images.ts) and of
// the Digits mode's presets, checked numerically with the runs they make (app/digits/runs.ts)
// on fixed seeds, on the real core. Measured (seed 1, 14×14 digits): Structure is a prior on
// 4,000/1,000 digits, 4 epochs: MLP 92.1 % original / 92.1 % permuted, CNN 95.9 % / 85.6 %;
// Data decide on 100 / 1,000 / 8,000 training digits: training 100 / 100 / 97.2 %, test 77.9 / 89.9 / 94.0 %; FGSM flipped every one of 186 rightly
// answered test digits with ε ≤ 0.2 (median ε 0.07). Thresholds leave a margin.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../../web/src/core/digits.js';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { architecture, DATA_COUNTS, DATA_RUN, dataDecide, EPSILONS, foolingRate, PRIOR_RUN, structureIsAPrior, train } from '../../web/src/app/digits/runs.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

describe('Structure is a prior: images — the lesson\'s claims', () => {
  it('the MLP learns permuted digits as well as the originals; the CNN beats it on the originals and loses that lead when permuted', async () => {
    const split = await loadDigits({ samples: PRIOR_RUN.samples, seed: PRIOR_RUN.seed, size: PRIOR_RUN.size });
    const r = structureIsAPrior(core, split, PRIOR_RUN);
    const note = JSON.stringify(r);
    expect(Math.abs(r.mlp.original - r.mlp.permuted), note).toBeLessThanOrEqual(0.015);
    expect(r.mlp.original, note).toBeGreaterThan(0.88);
    // The CNN's lead on the originals (3.8 points measured) ...
    expect(r.cnn.original - r.mlp.original, note).toBeGreaterThan(0.015);
    // ... is gone when the pixels are permuted (it falls behind the MLP: 6.5 points measured).
    expect(r.cnn.permuted, note).toBeLessThan(r.mlp.permuted);
    expect(r.cnn.original - r.cnn.permuted, note).toBeGreaterThan(0.05);
  }, 180_000);

  it('data decide: training accuracy near 100 % each time, test accuracy climbs with the data', async () => {
    const split = await loadDigits({ samples: DATA_RUN.samples, seed: DATA_RUN.seed, size: DATA_RUN.size });
    const runs = dataDecide(core, split, DATA_COUNTS, DATA_RUN);
    const note = JSON.stringify(runs.map((d) => [d.trainDigits, d.trainAccuracy.toFixed(3), d.testAccuracy.toFixed(3)]));
    expect(runs.map((d) => d.trainDigits)).toEqual([100, 1000, 8000]);
    for (const d of runs) expect(d.trainAccuracy, note).toBeGreaterThan(0.95);
    expect(runs[1]!.testAccuracy - runs[0]!.testAccuracy, note).toBeGreaterThan(0.06);
    expect(runs[2]!.testAccuracy - runs[1]!.testAccuracy, note).toBeGreaterThan(0.02);
    // The gap between training and test shrinks as the data grow.
    const gap = runs.map((d) => d.trainAccuracy - d.testAccuracy);
    expect(gap[0]!, note).toBeGreaterThan(gap[2]! + 0.1);
  }, 180_000);

  it('FGSM with ε ≤ 0.2 flips most of the test digits the MLP answers right', async () => {
    const split = await loadDigits({ samples: 3000, seed: 1, size: 14 });
    const t = train(core, architecture('mlp', 14, 1), split, 4);
    const f = foolingRate(t.net, split.test, 200, EPSILONS.filter((e) => e <= 0.2));
    t.net.dispose();
    expect(f.tried).toBeGreaterThan(150);
    expect(f.flipped / f.tried).toBeGreaterThan(0.8);
  }, 120_000);
});
