// The core's dataset vocabulary as the library hands it out (web/src/core/dataset.ts ↔
// cpp/src/dataset/ ↔ tests/cpp/test_dataset.cpp): the dataset and feature catalogs, built
// by the core as plain frozen objects, and the feature map itself (computeFeatures,
// featureGrid), checked against the documented formulas restated here.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Feature, loadCore, type MlpCore, MlpError } from '../../web/src/core/index.js';

// The documented formulas (README, mlp/dataset.h), restated independently of the core.
const formula: Record<Feature, (x1: number, x2: number) => number> = {
  x1: (a) => a,
  x2: (_a, b) => b,
  x1sq: (a) => a * a,
  x2sq: (_a, b) => b * b,
  x1x2: (a, b) => a * b,
  sinx1: (a) => Math.sin(a),
  sinx2: (_a, b) => Math.sin(b),
};

describe.each([
  ['simd', true],
  ['scalar', false],
])('%s build', (_name, simd) => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore({ simd });
  });

  it('lists every dataset with what the UI needs, typed and frozen', () => {
    expect(mlp.datasets).toHaveLength(15);
    expect(Object.isFrozen(mlp.datasets)).toBe(true);
    for (const d of mlp.datasets) {
      expect(Object.keys(d).sort()).toEqual(['defaultSamples', 'description', 'dims', 'domain', 'multiclass', 'name', 'problem']);
      expect(['classification', 'regression']).toContain(d.problem);
      expect([1, 2]).toContain(d.dims);
      expect(Number.isInteger(d.defaultSamples) && d.defaultSamples > 0).toBe(true);
      expect(typeof d.multiclass).toBe('boolean');
      expect(d.domain).toHaveLength(2);
      expect(d.domain[0]).toBeLessThan(d.domain[1]);
      expect(d.description.length).toBeGreaterThan(20);
      expect(Object.isFrozen(d) && Object.isFrozen(d.domain)).toBe(true);
      // The catalog describes what the generator makes.
      const s = mlp.generateDataset({ name: d.name, trainRatio: 1 });
      expect(s.train.size).toBe(d.defaultSamples);
      expect(s.train.dims).toBe(d.dims);
      expect(s.train.problem).toBe(d.problem);
    }
    expect(mlp.datasets.filter((d) => d.multiclass).map((d) => d.name)).toEqual(['spiral-k', 'blobs-k']);
    expect(mlp.datasets.find((d) => d.name === 'sin')!.domain).toEqual([Math.fround(-Math.PI), Math.fround(Math.PI)]);
  });

  it('describes every feature: name, label and the dims it needs', () => {
    expect(mlp.featureCatalog.map((f) => f.name)).toEqual(mlp.features);
    expect(mlp.featureCatalog.map((f) => f.label)).toEqual(['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin x₁', 'sin x₂']);
    expect(mlp.featureCatalog.filter((f) => f.dims === 1).map((f) => f.name)).toEqual(['x1', 'x1sq', 'sinx1']);
    expect(Object.isFrozen(mlp.featureCatalog[0])).toBe(true);
  });

  it('computes the feature map of points as documented', () => {
    const x = new Float32Array([0.5, -2, 3, 1.25, -1, 0]);
    const f = mlp.computeFeatures(x, 2, mlp.features);
    expect(f).toHaveLength(3 * 7);
    for (let i = 0; i < 3; i++)
      mlp.features.forEach((name, k) => expect(f[i * 7 + k]).toBeCloseTo(formula[name](x[2 * i]!, x[2 * i + 1]!), 6));
    expect(Array.from(mlp.computeFeatures([2, -3], 1, ['x1sq', 'x1']))).toEqual([4, 2, 9, -3]);
    expect(() => mlp.computeFeatures([1], 1, ['x2'])).toThrow(/"x2" needs 2-D data/);
    expect(() => mlp.computeFeatures([1, 2], 2, ['x9' as Feature])).toThrow(MlpError);
    expect(() => mlp.computeFeatures([1, 2], 2, ['x1', 'x1'])).toThrow(/listed twice/);
  });

  it('leaves the input planes out of a grid with inputs: false, the units unchanged', () => {
    const grid = { width: 9, height: 6, features: ['x1', 'sinx1', 'x2sq'] as Feature[] };
    const net = mlp.createNetwork({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    const full = net.evaluateGrid(grid);
    const units = net.evaluateGrid(grid, { inputs: false });
    expect(full.layerSizes).toEqual([3, 4, 1]);
    expect(units.layerSizes).toEqual([0, 4, 1]);
    expect(units.data).toHaveLength(5 * 54);
    expect(units.data).toEqual(full.data.subarray(3 * 54));
    expect(units.unit(2, 0)).toEqual(full.unit(2, 0));
    expect(() => units.unit(0, 0)).toThrow(MlpError);
    // The same grid again (its features cached in the core), then another one.
    expect(net.evaluateGrid(grid, { inputs: false, copy: false }).data).toEqual(units.data);
    const moved = { ...grid, xRange: [-1, 2] as [number, number] };
    expect(net.evaluateGrid(moved).data.subarray(0, 54)).toEqual(mlp.featureGrid(moved).data.subarray(0, 54));
    expect(net.evaluateGrid(grid, { units: 'outputs', inputs: false }).layerSizes).toEqual([1]);
  });

  it('evaluates features over a grid exactly as layer 0 of a network grid', () => {
    const grid = { width: 7, height: 5, xRange: [-2, 5] as [number, number], yRange: [-1, 4] as [number, number], features: ['x1x2', 'sinx2', 'x1'] as Feature[] };
    const g = mlp.featureGrid(grid);
    expect(g.layerSizes).toEqual([3]);
    expect(g.data).toHaveLength(3 * 35);
    const net = mlp.createNetwork({ inputs: 3, layers: [{ units: 2, activation: 'tanh' }] });
    expect(g.data).toEqual(net.evaluateGrid(grid).data.subarray(0, 3 * 35));
    // Cell centres, top row first.
    expect(g.unit(0, 2)[0]).toBeCloseTo(-2 + 0.5, 6);
    expect(g.unit(0, 1)[0]).toBeCloseTo(Math.sin(4 - 0.5), 6);
    expect(mlpErrorField(() => mlp.featureGrid({ width: 7, dims: 1, features: ['x2'] }))).toBe('features');
    net.dispose();
  });
});

function mlpErrorField(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MlpError) return e.field;
  }
  return '(no MlpError)';
}
