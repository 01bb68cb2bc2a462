// The lessons' live playgrounds, trained exactly as the element trains them (their config →
// setupOf → the worker's Trainer, to the preset's stop epoch), and each lesson's claim
// checked on the result, together with the lesson views' own computations (the JS forward
// pass, the collapsed matrix, the transformed space, the units' contributions, the regions).
import { beforeAll, describe, expect, it } from 'vitest';
import { shapeOf } from '../../web/src/app/problem.js';
import { viewDomain } from '../../web/src/app/scales.js';
import { setupOf } from '../../web/src/app/setup.js';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { collapseLinear, contributions, linearRegions, lossGradient, rmse, transformedSpace } from '../../web/src/lesson-presets/analysis.js';
import { forward, forwardGrid } from '../../web/src/lesson-presets/forward.js';
import { APPROXIMATION_UNITS, WRONG_BIAS } from '../../web/src/lesson-presets/presets.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { catalog, featureMap } from './support/catalog.js';
import { run } from './support/lesson-run.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

describe('lesson 1: one linear layer draws one straight line', () => {
  it.each(['linearXor', 'linearCircle'] as const)('%s stays at or below 75 percent training accuracy', (name) => {
    expect(run(name).snap.trainAccuracy).toBeLessThanOrEqual(0.75);
  });
});

describe('lesson 2: stacked linear layers are one matrix', () => {
  it('fails on the circle, and tanh(W x + b) with W = W4 W3 W2 W1 is the network', () => {
    const r = run('deepLinear', '', 0, 40);
    expect(r.snap.trainAccuracy).toBeLessThanOrEqual(0.75);
    const m = collapseLinear(r.params, 2);
    expect([m.outputs, m.inputs]).toEqual([1, 2]);
    // The collapsed map reproduces the network's output over the whole plane (the core's grid).
    const main = r.snap.main!;
    let worst = 0;
    for (let row = 0; row < main.height; row++)
      for (let c = 0; c < main.width; c++) {
        const x = -6 + ((c + 0.5) / main.width) * 12, y = 6 - ((row + 0.5) / main.height) * 12;
        worst = Math.max(worst, Math.abs(Math.tanh(m.weight[0]! * x + m.weight[1]! * y + m.bias[0]!) - main.data[row * main.width + c]!));
      }
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('lesson 3: a nonlinearity bends the boundary', () => {
  it.each(['tanhXor', 'tanhCircle'] as const)('%s: ≥ 98 percent train and ≥ 95 percent test accuracy', (name) => {
    const { snap } = run(name);
    expect(snap.trainAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(snap.testAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('lesson 4: each layer straightens the data for the next', () => {
  it("the 2-unit layer's space is cut by the output's line, as the view draws it", () => {
    const r = run('composition');
    expect(r.snap.trainAccuracy).toBeGreaterThanOrEqual(0.97);
    const t = r.built.train;
    const space = transformedSpace(featureMap, r.net, r.params, 2, { xRange: [-6, 6], yRange: [-6, 6] }, t.x);
    expect(space.lines).toHaveLength(26);
    expect(space.separator).not.toBeNull();
    const { w, b } = space.separator!;
    // The side of the drawn line is the class the network predicts: the transformed points
    // are linearly separable (the raw ones are not: lesson 1).
    let right = 0;
    for (let i = 0; i < t.size; i++) {
      const side = w[0] * space.points[2 * i]! + w[1] * space.points[2 * i + 1]! + b > 0 ? 1 : 0;
      right += Number(side === t.y[i]);
    }
    expect(right / t.size).toBeGreaterThanOrEqual(0.97);
    expect(Math.abs(right / t.size - r.snap.trainAccuracy)).toBeLessThan(0.005);
  });
});

describe('lesson 5: universal approximation in 1-D', () => {
  const fit = (dataset: string, units: number) => {
    const r = run('approximation', `&dataset=${dataset}&layers=${units}`);
    const t = r.built.train;
    const c = contributions(featureMap, r.net, r.params, t.x);
    // The page's curve (bias + Σ w_i h_i) is the network's output.
    const out = forward(featureMap, r.net, r.params, t.x, 1).at(-1)!;
    for (let i = 0; i < t.size; i += 17) expect(c.sum[i]).toBeCloseTo(out[i]!, 9);
    expect(Math.abs(rmse(c.sum, t.y) ** 2 - r.snap.trainLoss)).toBeLessThan(1e-4);
    return rmse(c.sum, t.y);
  };
  it('32 hidden units fit |x|, x sin x and the step better than 4', () => {
    for (const name of ['abs', 'x-sin-x', 'step']) {
      const [few, many] = [fit(name, 4), fit(name, APPROXIMATION_UNITS.max)];
      expect(many, `${name}: 32 units ${many} vs 4 units ${few}`).toBeLessThan(few * 0.6);
    }
  });
  it('one unit cannot draw a sine; four can', () => {
    expect(fit('sin', 1)).toBeGreaterThan(0.2);
    expect(fit('sin', 4)).toBeLessThan(0.05);
  });
});

describe('lesson 6: ReLU networks are piecewise linear', () => {
  const regions = (name: 'reluWide' | 'reluDeep') => {
    const r = run(name);
    const g = forwardGrid(featureMap, r.net, r.params, { width: 200, height: 200, xRange: [-6, 6], yRange: [-6, 6] });
    const params = r.params.weights.reduce((a, w) => a + w.length, 0) + r.params.biases.reduce((a, b) => a + b.length, 0);
    return { count: linearRegions(g, r.net.layers.map((l) => l.activation)).count, params, r };
  };
  it('the JS grid the page colours matches the core', () => {
    const { r } = regions('reluDeep');
    const t = new Trainer(core);
    t.configure(setupOf(r.state, catalog), false);
    const mine = forwardGrid(featureMap, r.net, r.params, { width: 50, height: 50, xRange: [-6, 6], yRange: [-6, 6] });
    const n = core.createNetwork(setupOf(r.state, catalog).network);
    n.setParameters(r.params);
    const theirs = n.evaluateGrid({ width: 50, height: 50, features: r.net.features as never });
    let worst = 0;
    for (let i = 0; i < theirs.data.length; i++) worst = Math.max(worst, Math.abs(theirs.data[i]! - mine.data[i]!));
    expect(worst).toBeLessThan(1e-4);
    n.dispose();
    t.dispose();
  });
  it('equal size, both many regions; the trained wide net has more than the deep one', () => {
    const wide = regions('reluWide'), deep = regions('reluDeep');
    console.log(`lesson 6: wide ${wide.count} regions (${wide.params} parameters), deep ${deep.count} regions (${deep.params} parameters)`);
    expect(deep.params).toBe(wide.params);
    expect(deep.count).toBeGreaterThan(1);
    // k = 31 lines cut the plane into at most 1 + k + k(k − 1)/2 pieces.
    expect(wide.count).toBeLessThanOrEqual(1 + 31 + (31 * 30) / 2);
    expect(wide.count).toBeGreaterThan(deep.count);
  });
});

describe('lesson 7: structure is a prior', () => {
  it('x1² and x2² make the circle linearly separable', () => {
    expect(run('squares').snap.testAccuracy).toBeGreaterThanOrEqual(0.98);
  });
  it('the spiral needs depth or sin features', () => {
    expect(run('spiralFlat').snap.trainAccuracy).toBeLessThanOrEqual(0.7);
    expect(run('spiralDeep').snap.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(run('spiralSin').snap.trainAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('lesson 8: data and loss decide what is learned', () => {
  it('few noisy points overfit; L2 or fewer units rein it in', () => {
    const plain = run('overfit', '', 20);
    const best = Math.min(...plain.testLosses);
    console.log(`lesson 8: train ${plain.snap.trainLoss}, test ${plain.snap.testLoss} (best ${best})`);
    expect(plain.snap.trainLoss).toBeLessThan(plain.snap.testLoss / 3);
    expect(plain.snap.testLoss).toBeGreaterThan(best * 1.5);
    const l2 = run('overfitL2').snap.testLoss, small = run('overfitSmall').snap.testLoss;
    console.log(`lesson 8: L2 test ${l2}, small test ${small}`);
    expect(l2).toBeLessThan(plain.snap.testLoss * 0.8);
    expect(small).toBeLessThan(plain.snap.testLoss * 0.8);
  });
});

describe('lesson 8: cross-entropy against squared error', () => {
  it('from a confidently wrong start, cross-entropy recovers and squared error stays stuck (plain SGD)', () => {
    const wrong = (t: Trainer) => t.setBias(1, 0, WRONG_BIAS);
    const mse = run('lossMse', '', 0, 0, wrong).snap.trainAccuracy;
    const bce = run('lossBce', '', 0, 0, wrong).snap.trainAccuracy;
    console.log(`lesson 8: from output bias ${WRONG_BIAS}, mse ${mse}, bce ${bce}`);
    expect(bce).toBeGreaterThanOrEqual(0.95);
    expect(mse).toBeLessThanOrEqual(0.6);
  });
  it("the page's gradient curves are the core's gradients", () => {
    for (const [loss, activation, kind, target] of [['bce', 'sigmoid', 'bce-sigmoid', 1], ['mse', 'sigmoid', 'mse-sigmoid', 1], ['mse', 'tanh', 'mse-tanh', -1]] as const) {
      const n = core.createNetwork({ inputs: 1, layers: [{ units: 1, activation }], loss, optimizer: { type: 'sgd', learningRate: 0 } });
      for (const z of [-9, -3, -0.5, 0, 0.7, 4]) {
        n.setParameters({ weights: [new Float32Array([z])], biases: [new Float32Array([0])] });
        n.trainBatch(new Float32Array([1]), new Float32Array([target]));
        expect(n.getGradients().biases[0]![0], `${kind} at z = ${z}`).toBeCloseTo(lossGradient(kind, z, target), 5);
      }
      n.dispose();
    }
  });
});

describe('lesson 9: the network only knows where it saw data', () => {
  it('three seeds that all solve XOR disagree far outside the data (the ×10 view)', () => {
    const grids = (['farSeed1', 'farSeed2', 'farSeed3'] as const).map((name) => {
      const r = run(name, '', 0, 120);
      expect(r.snap.testAccuracy, name).toBeGreaterThanOrEqual(0.95);
      expect(viewDomain(r.state, shapeOf(r.state, catalog), r.built, catalog).xRange).toEqual([-60, 60]);
      return r.snap.main!.data;
    });
    let near = 0, nearDiffer = 0, far = 0, farDiffer = 0;
    for (let row = 0; row < 120; row++)
      for (let c = 0; c < 120; c++) {
        const x = -60 + c + 0.5, y = 60 - row - 0.5, i = row * 120 + c;
        const s = grids.map((g) => Math.sign(g[i]!));
        const differ = s[0] !== s[1] || s[1] !== s[2];
        if (Math.abs(x) < 5 && Math.abs(y) < 5) (near++, (nearDiffer += Number(differ)));
        else if (Math.hypot(x, y) > 20) (far++, (farDiffer += Number(differ)));
      }
    expect(nearDiffer / near).toBeLessThan(0.1);
    expect(farDiffer / far).toBeGreaterThan(0.2);
  });
});
