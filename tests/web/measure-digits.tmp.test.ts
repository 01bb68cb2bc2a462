import { it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { loadDigits } from '../../web/src/core/digits.js';
import { dataDecide, foolingRate, structureIsAPrior, train, architecture } from '../../web/src/app/digits/runs.js';

it('measure', async () => {
  const core = await loadCore();
  for (const [samples, epochs] of [[3000, 4], [5000, 4]] as const) {
    const split = await loadDigits({ samples, seed: 1, size: 14 });
    const t0 = performance.now();
    const p = structureIsAPrior(core, split, { size: 14, samples, epochs, seed: 1 });
    console.log(samples, epochs, JSON.stringify(p), ((performance.now() - t0) / 1000).toFixed(1), 's');
  }
  const split = await loadDigits({ samples: 3000, seed: 1, size: 14 });
  let t0 = performance.now();
  console.log(JSON.stringify(dataDecide(core, split, [100, 1000, 2400], { size: 14, samples: 3000, epochs: 10, seed: 1 }).map((d) => [d.trainDigits, d.trainAccuracy, d.testAccuracy])), ((performance.now() - t0) / 1000).toFixed(1));
  t0 = performance.now();
  const t = train(core, architecture('mlp', 14, 1), split, 4);
  const f = foolingRate(t.net, split.test, 200);
  console.log(JSON.stringify({ tried: f.tried, flipped: f.flipped, med: f.epsilons.sort()[f.epsilons.length >> 1] }), ((performance.now() - t0) / 1000).toFixed(1));
}, 600_000);
