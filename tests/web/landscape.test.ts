// The learning panels' pure pieces and the worker's numbers behind them: contour lines
// (marching squares) against the analytic level sets of known functions; the landscape's
// path against a least-squares projection computed here in double precision from the
// snapshots' parameters and the core's directions; the plane's centre against the network's
// own training loss; the presets' gradient flow (8 sigmoid layers with classic init: the
// first layers' gradients far smaller than the last's) and dead ReLU units.
import { beforeAll, describe, expect, it } from 'vitest';
import { setupOf } from '../../web/src/app/setup.js';
import { parseHash } from '../../web/src/app/state.js';
import { type Dataset, loadCore, type MlpCore, type Parameters, type TrainingData } from '../../web/src/core/index.js';
import { PRESETS } from '../../web/src/lesson-presets/presets.js';
import { contourLevels, contourSegments } from '../../web/src/view/contours.js';
import { planeToPixel, valueRange } from '../../web/src/view/landscape.js';
import { flatten, thinIndices } from '../../web/src/worker/landscape.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { catalog } from './support/catalog.js';

let core: MlpCore;
beforeAll(async () => {
  core = await loadCore();
});

/** f sampled on an n × n grid over [−1, 1]², row-major (y then x), with the coordinates of grid index i. */
function grid(n: number, f: (x: number, y: number) => number): { values: Float64Array; at: (i: number) => number } {
  const at = (i: number): number => -1 + (2 * i) / (n - 1);
  const values = new Float64Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) values[y * n + x] = f(at(x), at(y));
  return { values, at };
}

describe('contour lines (marching squares)', () => {
  it("a paraboloid's level sets are circles: every segment end lies on the circle, and they go all round it", () => {
    const n = 61;
    const { values, at } = grid(n, (x, y) => x * x + y * y);
    for (const level of [0.1, 0.3, 0.6]) {
      const s = contourSegments(values, n, n, level);
      expect(s.length % 4).toBe(0);
      const r = Math.sqrt(level);
      let length = 0;
      for (let i = 0; i < s.length; i += 4) {
        const [x0, y0, x1, y1] = [at(s[i]!), at(s[i + 1]!), at(s[i + 2]!), at(s[i + 3]!)];
        // Linear interpolation on an edge of a cell of side h errs by O(h²) from the true circle.
        expect(Math.abs(Math.hypot(x0, y0) - r)).toBeLessThan(2e-3);
        expect(Math.abs(Math.hypot(x1, y1) - r)).toBeLessThan(2e-3);
        length += Math.hypot(x1 - x0, y1 - y0);
      }
      expect(length).toBeGreaterThan(2 * Math.PI * r * 0.995);
      expect(length).toBeLessThan(2 * Math.PI * r * 1.001);
    }
  });

  it('a plane gives one straight line at the right place; levels outside the range give none', () => {
    const n = 21;
    const { values, at } = grid(n, (x, y) => 2 * x + y);
    const s = contourSegments(values, n, n, 0.5);
    expect(s.length).toBeGreaterThan(0);
    for (let i = 0; i < s.length; i += 2) expect(2 * at(s[i]!) + at(s[i + 1]!)).toBeCloseTo(0.5, 9);
    expect(contourSegments(values, n, n, 10)).toEqual([]);
    expect(contourSegments(values, n, n, -10)).toEqual([]);
  });

  it('a saddle (x·y) at level 0 gives the two axes, not a cut-off corner', () => {
    const n = 20;  // even: the saddle's centre falls inside a cell
    const { values, at } = grid(n, (x, y) => x * y);
    const s = contourSegments(values, n, n, 1e-9);
    for (let i = 0; i < s.length; i += 2) expect(Math.min(Math.abs(at(s[i]!)), Math.abs(at(s[i + 1]!)))).toBeLessThan(1e-6);
  });

  it('skips cells with a non-finite corner', () => {
    const values = [0, 1, 0, NaN, 1, 0, 0, 1, 0];
    const s = contourSegments(values, 3, 3, 0.5);
    // Only the two cells without the NaN (row 1, the corner (0, 1) is NaN: cells (0,0) and (0,1) touch it).
    for (let i = 0; i < s.length; i += 4) expect(Math.max(s[i + 1]!, s[i + 3]!)).toBeGreaterThanOrEqual(0);
    expect(s.length / 4).toBe(2);
  });

  it('levels are evenly spaced in value, or in log value', () => {
    expect(contourLevels(0, 10, 4, false)).toEqual([2, 4, 6, 8]);
    const log = contourLevels(0.01, 100, 3, true);
    log.forEach((v, i) => expect(Math.log10(v)).toBeCloseTo(-1 + i, 12));
    expect(contourLevels(1, 1, 3, false)).toEqual([]);
  });
});

describe('the landscape drawing', () => {
  it('maps the plane onto the square with β up, and ranges log values over positive losses', () => {
    expect(planeToPixel(-2, -2, 2, 100)).toEqual([0, 100]);
    expect(planeToPixel(2, 2, 2, 100)).toEqual([100, 0]);
    expect(planeToPixel(0, 0, 2, 100)).toEqual([50, 50]);
    const r = valueRange(new Float32Array([0, 0.01, 1, NaN, 100]), true);
    expect(r.lo).toBeCloseTo(-2, 6);
    expect(r.hi).toBeCloseTo(2, 6);
    expect(r.values[0]).toBe(r.lo);  // 0 counts as the smallest positive loss
    expect(Number.isNaN(r.values[3])).toBe(true);
  });

  it('thins a long path evenly, keeping its ends', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const t = thinIndices(300, 150);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBe(299);
    expect(t.length).toBe(150);
  });
});

/** Least-squares (α, β) of x − θ on span(d1, d2), in double. */
function project(x: Float32Array, theta: Float32Array, d1: Float32Array, d2: Float32Array): [number, number] {
  let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! - theta[i]!;
    a11 += d1[i]! * d1[i]!;
    a12 += d1[i]! * d2[i]!;
    a22 += d2[i]! * d2[i]!;
    b1 += d1[i]! * v;
    b2 += d2[i]! * v;
  }
  const det = a11 * a22 - a12 * a12;
  return [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
}

/** A trainer of a hash's settings, trained to `epochs`, with a copy of its training data prepared for the core directly. */
function trained(hash: string, epochs: number): Trainer & { data: () => TrainingData; points: () => Dataset } {
  const { state, problems } = parseHash(hash, catalog);
  expect(problems).toEqual([]);
  const t = new Trainer(core);
  const setup = setupOf(state, catalog);
  const built = t.configure(setup, false);
  t.tick({ train: 'play', maxEpochs: Infinity, budgetMs: Infinity, until: epochs, full: true, main: null, thumbs: 0, params: false });
  return Object.assign(t, { data: () => t.network!.prepare(built.train, setup.features), points: () => built.train });
}

describe('the worker: loss landscape with the path', () => {
  it.each(['random', 'pca'] as const)('%s directions: the path is the snapshots projected, ending at the current point; the centre is the training loss', (directions) => {
    const t = trained('dataset=circle&layers=4,2&act=tanh&opt=adam&lr=0.03&seed=3', 30);
    const net = t.network!;
    const before = net.getParameters();
    const land = t.landscape({ directions, steps: 41, seed: 1 });
    // The network is unchanged by the call.
    expect(net.getParameters()).toEqual(before);
    expect(land.epoch).toBe(30);
    expect(land.loss.length).toBe(41 * 41);
    const k = land.path.length / 2;
    const info = t.history();
    expect(k).toBe(info.snapshots.filter((s) => s.epoch < 30).length + 1);
    expect(Array.from(land.pathEpochs)).toEqual([...info.snapshots.filter((s) => s.epoch < 30).map((s) => s.epoch), 30]);
    // The same plane from the core directly (same directions, range and trajectory) gives the directions to project on.
    const theta = flatten(before);
    const trajectory = [...info.snapshots.filter((s) => s.epoch < 30).map((_, i) => flatten(t.snapshot(i).params)), theta];
    const data = t.data();
    const plane = net.lossSurface(data, { directions, steps: 41, seed: 1, range: land.range, trajectory });
    data.dispose();
    const [d1, d2] = plane.directions.map((d: Parameters) => flatten(d)) as [Float32Array, Float32Array];
    for (let i = 0; i < k; i++) {
      const [a, b] = project(trajectory[i]!, theta, d1, d2);
      const scale = Math.max(1e-3, Math.abs(a), Math.abs(b));
      expect(Math.abs(land.path[2 * i]! - a) / scale, `point ${i} α`).toBeLessThan(1e-3);
      expect(Math.abs(land.path[2 * i + 1]! - b) / scale, `point ${i} β`).toBeLessThan(1e-3);
    }
    // The path ends at the current parameters: (0, 0) on the plane through them.
    expect(Math.abs(land.path[2 * k - 2]!)).toBeLessThan(1e-5 * land.range);
    expect(Math.abs(land.path[2 * k - 1]!)).toBeLessThan(1e-5 * land.range);
    // The centre of the grid (α = β = 0) is the network's training loss now.
    const centre = land.loss[20 * 41 + 20]!;
    const now = t.tick({ train: 'none', maxEpochs: 0, budgetMs: 0, full: true, main: null, thumbs: 0, params: false }).trainLoss;
    expect(Math.abs(centre - now) / now).toBeLessThan(1e-4);
    if (directions === 'pca') {
      // PCA's range covers the path (unit directions: |α|, |β| ≤ the distance from θ).
      for (let i = 0; i < land.path.length; i++) expect(Math.abs(land.path[i]!)).toBeLessThanOrEqual(land.range);
      expect(land.explained![0]).toBeGreaterThan(0.5);
    } else expect(land.range).toBe(1);
    t.dispose();
  });

  it('PCA before training says it needs a path', () => {
    const t = trained('dataset=circle&layers=4,2&seed=3', 0);
    expect(() => t.landscape({ directions: 'pca', steps: 41, seed: 1 })).toThrow(/directions: "pca" needs a trajectory of at least 3 points/);
    expect(t.landscape({ directions: 'random', steps: 11, seed: 1 }).path.length).toBe(2);
    t.dispose();
  });
});

describe('the worker: gradient flow of the presets', () => {
  it('8 sigmoid layers with classic init: the first layer gets a gradient orders of magnitude smaller than the last', () => {
    const t = trained(PRESETS.deepSigmoid, 50);
    const { curve } = t.history();
    const L = curve.layers;
    expect(L).toBe(9);
    const last = curve.epochs.length - 1;
    const g = Array.from(curve.gradNorm.subarray(last * L, (last + 1) * L));
    expect(g[0]! * 100).toBeLessThan(g[L - 1]!);
    // And smaller layer by layer towards the input, over the hidden layers.
    for (let l = 1; l < L - 1; l++) expect(g[l - 1]!).toBeLessThan(g[l]!);
    // Saturated units against the pre-activations (net.trace): |z| > 3 on at least 95 % of the training points.
    const stats = t.flowStats().stats;
    const trace = t.network!.trace(t.points().x).layers;
    const n = t.points().size;
    trace.slice(0, -1).forEach((layer, l) => {
      const units = stats[l]!.units;
      let count = 0;
      for (let u = 0; u < units; u++) {
        let over = 0;
        for (let i = 0; i < n; i++) if (Math.abs(layer.z[i * units + u]!) > 3) over++;
        if (over >= 0.95 * n) count++;
      }
      expect(stats[l]!.saturated, `layer ${l}`).toBe(count);
    });
    t.dispose();
  });

  it('ReLU with He init: gradients of the same order in every layer, and the dead units counted', () => {
    const t = trained(PRESETS.deepReluHe, 50);
    const { curve } = t.history();
    const L = curve.layers, last = curve.epochs.length - 1;
    const g = Array.from(curve.gradNorm.subarray(last * L, (last + 1) * L));
    expect(g[0]! * 10).toBeGreaterThan(g[L - 1]!);
    const stats = t.flowStats();
    expect(stats.epoch).toBe(50);
    expect(stats.stats.length).toBe(L);
    // Against the layers' activations on the training points (net.trace): a dead unit is 0 on every one.
    const trace = t.network!.trace(t.points().x).layers;
    const n = t.points().size;
    const dead = trace.slice(0, -1).map((layer, l) => {
      const units = stats.stats[l]!.units;
      let count = 0;
      for (let u = 0; u < units; u++) {
        let zero = true;
        for (let i = 0; i < n && zero; i++) zero = layer.a[i * units + u] === 0;
        if (zero) count++;
      }
      return count;
    });
    expect(stats.stats.slice(0, -1).map((s) => s.dead)).toEqual(dead);
    // This preset has some (4 of 64 at epoch 50 when measured).
    expect(dead.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    t.dispose();
  });
});
