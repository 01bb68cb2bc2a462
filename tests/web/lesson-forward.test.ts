// The lessons' JavaScript forward pass against the core: every hidden activation, softmax
// outputs, every feature, at points and over a grid in the core's layout; and the shapes
// of the lesson measurements built on it (transformed space, contributions).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import type { Feature } from '../../web/src/core/types.js';
import { contributions, transformedSpace } from '../../web/src/lesson-presets/analysis.js';
import { forward, forwardGrid } from '../../web/src/lesson-presets/forward.js';
import { catalog, featureMap } from './support/catalog.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

const FEATURES: Feature[] = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];

describe('forward', () => {
  it.each(catalog.hiddenActivations)('matches the core for %s hidden layers and a softmax output', (activation) => {
    const layers = [{ units: 5, activation }, { units: 4, activation }, { units: 3, activation: 'softmax' as const }];
    const n = core.createNetwork({ inputs: FEATURES.length, layers, loss: 'softmax-ce', init: 'xavier', seed: 3 });
    const p = n.getParameters();
    const spec = { width: 17, height: 13, xRange: [-5, 4] as [number, number], yRange: [-3, 6] as [number, number] };
    const theirs = n.evaluateGrid({ ...spec, features: FEATURES });
    const mine = forwardGrid(featureMap, { features: FEATURES, layers }, p, spec);
    expect(mine.layerSizes).toEqual(theirs.layerSizes);
    let worst = 0;
    for (let i = 0; i < theirs.data.length; i++) worst = Math.max(worst, Math.abs(theirs.data[i]! - mine.data[i]!) / Math.max(1, Math.abs(theirs.data[i]!)));
    expect(worst).toBeLessThan(2e-5);
    expect(Array.from(mine.unit(3, 2))).toEqual(Array.from(mine.data.subarray((7 + 5 + 4 + 2) * 221, (7 + 5 + 4 + 3) * 221)));
    n.dispose();
  });

  it('returns the pre-activation of the last layer when asked, and 1-D inputs', () => {
    const layers = [{ units: 3, activation: 'tanh' as const }, { units: 1, activation: 'linear' as const }];
    const n = core.createNetwork({ inputs: 2, layers, seed: 2 });
    const p = n.getParameters();
    const net = { features: ['x1', 'x1sq'] as Feature[], layers };
    const xs = [-2, 0.5, 3];
    const pre = forward(featureMap, net, p, xs, 1, 1, true)[1]!;
    const post = forward(featureMap, net, p, xs, 1, 1)[1]!;
    for (let i = 0; i < pre.length; i++) expect(post[i]).toBeCloseTo(Math.tanh(pre[i]!), 12);
    const y = n.predict(new Float32Array(xs.flatMap((x) => [x, x * x])));
    const out = forward(featureMap, net, p, xs, 1).at(-1)!;
    for (let i = 0; i < 3; i++) expect(out[i]).toBeCloseTo(y[i]!, 5);
    n.dispose();
  });
});

describe('lesson measurements', () => {
  it("the transformed space of a 2-unit layer: lines, points and the output's line", () => {
    const layers = [{ units: 2, activation: 'tanh' as const }, { units: 1, activation: 'tanh' as const }];
    const n = core.createNetwork({ inputs: 2, layers, seed: 4 });
    const p = n.getParameters();
    const s = transformedSpace(featureMap, { features: ['x1', 'x2'], layers }, p, 1, { xRange: [-6, 6], yRange: [-6, 6] }, [0, 0, 1, 2], { lines: 5, samples: 9 });
    expect(s.lines).toHaveLength(10);
    expect(s.rows).toBe(5);
    for (const l of s.lines) expect(l).toHaveLength(18);
    // tanh keeps the space inside the square (-1, 1)².
    for (const l of s.lines) for (const v of l) expect(Math.abs(v)).toBeLessThan(1);
    expect(s.points[0]).toBeCloseTo(Math.tanh(p.biases[0]![0]!), 6);
    expect(s.separator).toEqual({ w: [p.weights[1]![0], p.weights[1]![1]], b: p.biases[1]![0] });
    expect(() => transformedSpace(featureMap, { features: ['x1', 'x2'], layers: [{ units: 3, activation: 'tanh' }, layers[1]!] }, p, 1, { xRange: [-6, 6], yRange: [-6, 6] }, [])).toThrow(/2 units/);
    n.dispose();
  });

  it('contributions add up to the output', () => {
    const layers = [{ units: 6, activation: 'tanh' as const }, { units: 1, activation: 'linear' as const }];
    const n = core.createNetwork({ inputs: 1, layers, seed: 5, init: 'xavier' });
    const p = n.getParameters();
    const xs = Float32Array.from({ length: 50 }, (_, i) => -3 + (6 * i) / 49);
    const c = contributions(featureMap, { features: ['x1'], layers }, p, xs);
    expect(c.parts).toHaveLength(6);
    const y = n.predict(xs);
    for (let i = 0; i < 50; i++) expect(c.sum[i]).toBeCloseTo(y[i]!, 5);
    n.dispose();
  });
});
