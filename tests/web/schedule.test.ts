// Learning-rate schedules and stopping rules against real PyTorch: the rate of every epoch
// a network trains (net.learningRate before each trainEpoch) equals what
// torch.optim.lr_scheduler's StepLR, CosineAnnealingLR and LinearLR give for the same
// parameters (fixtures/introspect_driver.py: the optimizer's lr before each epoch, then
// scheduler.step()); and the exported script stops where the core stops (the training-loss
// threshold; early stopping on --test with a patience). The schedules in the script's
// training are checked in export-pytorch.test.ts (one row per schedule).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../web/src/app/io/csv.js';
import { loadCore, type MlpCore, type ScheduleConfig } from '../../web/src/core/index.js';
import { scratch } from './support/exported.js';
import { python } from './support/pytorch.js';

const DRIVER = fileURLToPath(new URL('./fixtures/introspect_driver.py', import.meta.url));
const PYTORCH_DRIVER = fileURLToPath(new URL('./fixtures/pytorch_driver.py', import.meta.url));
const { dir, report } = scratch('mlp-schedule-');
let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

const SCHEDULES: [number, ScheduleConfig][] = [
  [0.1, { type: 'step-lr', stepSize: 3, gamma: 0.5 }],
  [0.05, { type: 'step-lr', stepSize: 1, gamma: 0.9 }],
  [0.3, { type: 'step-lr', stepSize: 7, gamma: 0.1 }],
  [0.1, { type: 'cosine-annealing-lr', tMax: 10 }],
  [0.03, { type: 'cosine-annealing-lr', tMax: 7, etaMin: 0.001 }],  // past tMax it rises again, as PyTorch's
  [1, { type: 'cosine-annealing-lr', tMax: 1, etaMin: 0.25 }],
  [0.1, { type: 'linear-lr' }],  // PyTorch's defaults: 1/3 to 1 over 5 epochs
  [0.02, { type: 'linear-lr', startFactor: 0.1, endFactor: 1, totalIters: 8 }],
  [0.5, { type: 'linear-lr', startFactor: 1, endFactor: 0.2, totalIters: 4 }],
];
const EPOCHS = 25;

describe('the learning rate of every epoch equals PyTorch\'s scheduler', () => {
  let torch: number[][];
  beforeAll(() => {
    // PyTorch's defaults for the parameters left out are the core's (the config's resolved),
    // and every number is the float32 the core holds (config numbers are float32, as the
    // learning rate is): 0.9 as a float32 is 0.9 - 2.4e-8, which after 25 steps of StepLR
    // would alone make 6.6e-7 of relative difference.
    const tasks = SCHEDULES.map(([lr, schedule]) => {
      const net = mlp.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], optimizer: { learningRate: lr }, schedule });
      const resolved = Object.fromEntries(Object.entries(net.config.schedule!).map(([k, v]) => [k, typeof v === 'number' ? Math.fround(v) : v]));
      net.dispose();
      return { op: 'schedule', lr: Math.fround(lr), schedule: resolved, epochs: EPOCHS };
    });
    torch = JSON.parse(python([DRIVER], { input: JSON.stringify(tasks) })) as number[][];
  });

  it.each(SCHEDULES.map(([lr, s], i) => [`${s.type} ${JSON.stringify(s)} from ${lr}`, i] as const))('%s', (_, i) => {
    const [lr, schedule] = SCHEDULES[i]!;
    const net = mlp.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'linear' }], optimizer: { learningRate: lr }, schedule });
    const x = new Float32Array([0.5, -1, 2]), y = new Float32Array([1, 0, -1]);
    const rates: number[] = [];
    for (let e = 0; e < EPOCHS; e++) {
      rates.push(net.learningRate);
      net.trainEpoch({ x, y }, { batchSize: 3 });
    }
    const want = torch[i]!;
    let worst = 0;
    // Relative to the rate, or to the base rate where the schedule reaches 0 (cosine, etaMin 0).
    rates.forEach((r, e) => (worst = Math.max(worst, Math.abs(r - want[e]!) / Math.max(want[e]!, 2 ** -24 * lr))));
    report.push(`[agreement] lr per epoch vs torch.optim.lr_scheduler, ${schedule.type} ${JSON.stringify(schedule)}: max relative ${worst.toExponential(1)} over ${EPOCHS} epochs`);
    // The core's rate is a float32 (the optimizer's arithmetic is): within its rounding.
    expect(worst).toBeLessThanOrEqual(2 ** -23);
    net.dispose();
  });
});

describe('the exported script stops where the core stops', () => {
  const drive = (tasks: object[]): { code: number; stdout: string; error: string | null }[] => JSON.parse(python([PYTORCH_DRIVER], { input: JSON.stringify(tasks) }));

  it('at the training-loss threshold, and after `patience` epochs without a lower test loss', () => {
    const split = mlp.generateDataset({ name: 'circle', samples: 200, noise: 0.1, trainRatio: 0.5, seed: 4 });
    const csv = join(dir, 'train.csv'), testCsv = join(dir, 'test.csv');
    writeFileSync(csv, toCsv(split.train));
    writeFileSync(testCsv, toCsv(split.test));
    const features = ['x1', 'x2', 'x1sq', 'x2sq'] as const;
    const layers = [{ units: 4, activation: 'tanh' as const }, { units: 1, activation: 'tanh' as const }];
    const cases = [
      { name: 'train loss', stopping: { trainLoss: 0.6 }, learningRate: 0.1 },
      // A rising learning rate overshoots: the test loss stops improving after a few epochs.
      { name: 'patience', stopping: { patience: 3 }, learningRate: 1.5 },
    ];
    const tasks: object[] = [];
    const core: { epochs: number; stopped: string | null; net: ReturnType<MlpCore['createNetwork']> }[] = [];
    cases.forEach((c, i) => {
      const net = mlp.createNetwork({ inputs: 4, features: [...features], layers, optimizer: { type: 'sgd', learningRate: c.learningRate }, stopping: c.stopping, seed: 2 });
      const script = join(dir, `stop${i}.py`);
      writeFileSync(script, net.toPyTorch({ problem: 'classification' }));
      tasks.push({ script, op: 'main', argv: ['--data', csv, '--test', testCsv, '--epochs', '60', '--batch-size', String(split.train.size), '--no-shuffle', '--device', 'cpu', '--out', join(dir, `stop${i}.json`)] });
      const train = net.prepare(split.train, [...features]), test = net.prepare(split.test, [...features]);
      // Full batches: the order of the points does not matter, the core's shuffle neither.
      const r = net.trainEpoch(train, { batchSize: split.train.size, epochs: 60, test });
      core.push({ epochs: r.epochs, stopped: r.stopped, net });
      train.dispose();
      test.dispose();
    });
    const results = drive(tasks);
    cases.forEach((c, i) => {
      const r = results[i]!;
      expect(r.error, r.stdout).toBeNull();
      const epochs = [...r.stdout.matchAll(/^epoch (\d+)\/60: /gm)].length;
      const stop = /^stopped after epoch (\d+): (.*)$/m.exec(r.stdout);
      report.push(`[agreement] stopping (${c.name}): core ${core[i]!.epochs} epochs (${core[i]!.stopped}), script ${epochs} (${stop?.[2]})`);
      expect(core[i]!.stopped).toBe(c.name === 'patience' ? 'patience' : 'train-loss');
      expect(core[i]!.epochs).toBeLessThan(60);
      expect(stop, r.stdout).not.toBeNull();
      expect(Number(stop![1])).toBe(core[i]!.epochs);
      expect(epochs).toBe(core[i]!.epochs);
      const doc = JSON.parse(readFileSync(join(dir, `stop${i}.json`), 'utf8')) as { epochs: number; earlyStopping?: { bestEpoch: number } };
      expect(doc.epochs).toBe(core[i]!.net.epochs);
      if (c.name === 'patience') expect(doc.earlyStopping!.bestEpoch).toBe(JSON.parse(core[i]!.net.serialize()).earlyStopping.bestEpoch);
      core[i]!.net.dispose();
    });
  });
});
