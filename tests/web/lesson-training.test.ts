// Lessons 10 and 11, how networks learn: their presets trained exactly as the element trains
// them (support/lesson-run), and the pages' own computations (lesson-presets/descent.ts and
// depth.ts, through the library) checked against the claims the text makes, with margins
// from the measured values (printed).
import { describe, expect, it } from 'vitest';
import type { DenseLayerConfig } from '../../web/src/core/index.js';
import { DepthRun, ordersLost, playgroundNorms } from '../../web/src/lesson-presets/depth.js';
import { flatten, handStep, landscapeOf, type LessonNetwork, networkOf } from '../../web/src/lesson-presets/descent.js';
import { presetNumber } from '../../web/src/lesson-presets/presets.js';
import { core } from './support/catalog.js';
import { run, type Run } from './support/lesson-run.js';

const shapeOf = (r: Run): LessonNetwork => ({ features: r.net.features, layers: r.net.layers as DenseLayerConfig[], loss: r.state.loss });

describe('lesson 10: learning is walking downhill', () => {
  it('the step by hand is the core step: z, the chain rule, w − lr·g = previewStep, and the loss on the point falls', () => {
    for (const epochs of [1, 5]) {
      const r = run('handStep', `&stop=${epochs}`);
      const lr = presetNumber('handStep', 'lr');
      const net = networkOf(core, shapeOf(r), { learningRate: lr }, r.params);
      const t = r.built.train;
      const x = core.computeFeatures(t.x.subarray(0, 1), 1, r.net.features), y = t.y.subarray(0, 1);
      const s = handStep(net, x, y, lr);
      expect(s.params).toHaveLength(7);
      for (const u of s.layers.flat()) expect(u.zByHand).toBeCloseTo(u.z, 5);
      for (const u of s.layers[0]!) expect(u.dzByHand).toBeCloseTo(u.dz, 6);
      for (const p of s.params) {
        expect(p.gradByHand, `layer ${p.layer} unit ${p.unit} input ${p.input}`).toBeCloseTo(p.grad, 6);
        expect(p.after).toBeCloseTo(p.preview, 6);
      }
      // Squared error of a linear output: L = (ŷ − y)², ∂L/∂ŷ = 2(ŷ − y).
      expect(s.loss).toBeCloseTo((s.output - s.target) ** 2, 6);
      expect(s.layers.at(-1)![0]!.dz).toBeCloseTo(2 * (s.output - s.target), 5);
      console.log(`lesson 10: hand step at epoch ${epochs}: loss ${s.loss} → ${s.lossAfter}`);
      expect(s.lossAfter).toBeLessThan(s.loss);
      net.dispose();
    }
  });

  it('too small a rate crawls, a middling one descends, too large diverges', () => {
    const small = run('lrSmall', '', 20), good = run('lrGood', '', 20), large = run('lrLarge', '', 20);
    const curve = (r: Run) => r.ticks.map((s) => `${s.epoch}:${s.trainLoss.toPrecision(3)}`).join(' ');
    console.log(`lesson 10: lr 0.001 ${curve(small)}\n  lr 0.05 ${curve(good)}\n  lr 1 ${curve(large)}`);
    const stop = small.state.stopEpoch;
    // The small rate is still falling, slowly: after 200 epochs it is above half its start,
    // and far above the middling rate's.
    expect(small.snap.epoch).toBe(stop);
    expect(small.ticks[0]!.epoch).toBe(20);
    expect(small.snap.trainLoss).toBeLessThan(small.ticks[0]!.trainLoss * 0.8);
    expect(small.snap.trainLoss).toBeGreaterThan(small.ticks[0]!.trainLoss * 0.5);
    expect(good.snap.epoch).toBe(stop);
    expect(good.snap.trainLoss).toBeLessThan(small.snap.trainLoss / 5);
    // The large rate blows up within the first few epochs: the element stops and says so.
    expect(large.snap.diverged).toBe(true);
    expect(large.snap.epoch).toBeLessThanOrEqual(5);
  });

  it("the landscape's path is the optimizer's: it ends at the current point and descends", () => {
    const r = run('lrGood', '', 1);
    const net = networkOf(core, shapeOf(r), { learningRate: 0 }, r.params);
    const data = net.prepare(r.built.train, [...r.net.features]);
    const start = networkOf(core, shapeOf(r), { learningRate: 0, init: 'xavier', seed: 1 });
    const trajectory = [start.getParameters(), ...r.ticks.map((s) => s.params!)];
    // The path starts at the preset's initial weights, and ends at the trained ones.
    expect(flatten(trajectory.at(-1)!)).toEqual(flatten(r.params));
    const land = landscapeOf(net, data, trajectory);
    const path = land.path!, k = trajectory.length;
    expect(path).toHaveLength(2 * k);
    expect(Math.hypot(path[2 * k - 2]!, path[2 * k - 1]!)).toBeLessThan(1e-4 * land.range);
    const explained = land.explained![0] + land.explained![1];
    const at = (a: number, b: number) => {
      const i = Math.round(((a + land.range) / (2 * land.range)) * (land.steps - 1)), j = Math.round(((b + land.range) / (2 * land.range)) * (land.steps - 1));
      return land.loss[j * land.steps + i]!;
    };
    const centre = land.loss[((land.steps - 1) / 2) * land.steps + (land.steps - 1) / 2]!;
    console.log(`lesson 10: landscape range ${land.range}, explained ${explained}, loss at the path's start ${at(path[0]!, path[1]!)}, at θ ${centre} (trained ${r.snap.trainLoss})`);
    expect(flatten(r.params)).toHaveLength(25);
    expect(explained).toBeGreaterThan(0.9);
    expect(centre).toBeCloseTo(r.snap.trainLoss, 4);
    expect(at(path[0]!, path[1]!)).toBeGreaterThan(centre * 3);
    // Most of the descent is over in the first tenth of the epochs.
    const l0 = start.evaluate(data).loss, tenth = r.ticks[r.state.stopEpoch / 10 - 1]!;
    expect(tenth.epoch).toBe(r.state.stopEpoch / 10);
    console.log(`lesson 10: loss at the start ${l0}, after ${tenth.epoch} epochs ${tenth.trainLoss}, at the end ${r.snap.trainLoss}`);
    expect(l0 - tenth.trainLoss).toBeGreaterThan(0.7 * (l0 - r.snap.trainLoss));
    for (const n of [net, start]) n.dispose();
    data.dispose();
  });
});

describe('lesson 11: why depth is hard to train', () => {
  it('8 sigmoid layers with classic init: the first layer gets orders of magnitude less gradient; ReLU with He init does not, and trains', () => {
    const norms = (r: Run, params = r.params) => playgroundNorms(core, shapeOf(r), params, r.built.train);
    const sigmoid = run('deepSigmoid', '&stop=1'), relu = run('deepReluHe', '&stop=1');
    // At the start (the preset's initial weights) and after training.
    const init = (r: Run, i: 'classic' | 'he') => networkOf(core, shapeOf(r), { learningRate: 0, init: i, seed: 1 });
    const [s0, r0] = [init(sigmoid, 'classic'), init(relu, 'he')];
    const sigmoidStart = norms(sigmoid, s0.getParameters()), reluStart = norms(relu, r0.getParameters());
    s0.dispose();
    r0.dispose();
    const sigmoidEnd = run('deepSigmoid'), reluEnd = run('deepReluHe');
    const fmt = (n: number[]) => n.map((v) => v.toExponential(1)).join(' ');
    console.log(`lesson 11: sigmoid at start ${fmt(sigmoidStart)}; relu ${fmt(reluStart)}\n  after ${sigmoidEnd.state.stopEpoch}: sigmoid ${fmt(norms(sigmoidEnd))}, loss ${sigmoidEnd.snap.trainLoss}; relu ${fmt(norms(reluEnd))}, loss ${reluEnd.snap.trainLoss}`);
    expect(sigmoidStart).toHaveLength(9);
    expect(ordersLost(sigmoidStart)).toBeGreaterThan(5);
    expect(ordersLost(norms(sigmoidEnd))).toBeGreaterThan(4);
    expect(Math.log10(Math.max(...reluStart) / Math.min(...reluStart))).toBeLessThan(1.3);
    expect(sigmoidEnd.snap.trainLoss).toBeGreaterThan(0.9);
    expect(sigmoidEnd.snap.trainAccuracy).toBeLessThan(0.6);
    expect(reluEnd.snap.trainLoss).toBeLessThan(1e-3);
    expect(reluEnd.snap.trainAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('10 tanh layers barely train on the spiral; the same network with skips does', () => {
    const r = run('deepTanh');
    const o = { learningRate: presetNumber('deepTanh', 'lr'), init: 'classic' as const, seed: presetNumber('deepTanh', 'seed'), batchSize: presetNumber('deepTanh', 'batch') };
    const plain = new DepthRun(core, shapeOf(r), o, r.built.train, r.built.test);
    const skips = new DepthRun(core, shapeOf(r), { ...o, residual: true }, r.built.train, r.built.test);
    const stop = r.state.stopEpoch;
    plain.advance(stop);
    skips.advance(stop);
    const last = (d: DepthRun) => d.curve.at(-1)!;
    // The page's plain run is the live playground's.
    expect(last(plain).train).toBeCloseTo(r.snap.trainLoss, 5);
    console.log(`lesson 11: after ${stop} epochs, plain train ${last(plain).train} test ${last(plain).test}, skips train ${last(skips).train} test ${last(skips).test}; ` +
      `first/last layer gradient at the start: plain ${plain.initialNorms[0]}/${plain.initialNorms.at(-1)}, skips ${skips.initialNorms[0]}/${skips.initialNorms.at(-1)}`);
    expect(last(plain).epoch).toBe(stop);
    expect(last(skips).epoch).toBe(stop);
    expect(last(plain).train).toBeGreaterThan(0.5);
    expect(last(skips).train).toBeLessThan(0.1);
    expect(last(skips).test).toBeLessThan(last(plain).test / 5);
    // At the start: plain, the first layer gets about a sixth of the last's; skips give it some seventy times more.
    const sixth = plain.initialNorms.at(-1)! / plain.initialNorms[0]!;
    expect(sixth).toBeGreaterThan(4);
    expect(sixth).toBeLessThan(8);
    expect(skips.initialNorms[0]! / plain.initialNorms[0]!).toBeGreaterThan(50);
    expect(last(skips).train).toBeLessThan(last(plain).train / 10);
    plain.dispose();
    skips.dispose();
  });
});
