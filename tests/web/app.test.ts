// The element's pure helpers: which worker call a settings change needs, the network a
// state builds (output layer by problem and loss), the diagram geometry, feature planes,
// the view's domain and colour scales, and the playground's network file.
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../web/src/core/types.js';
import { unwrapNetwork, wrapNetwork } from '../../web/src/app/files.js';
import { shapeOf } from '../../web/src/app/problem.js';
import { outputScale, unitScale, viewDomain } from '../../web/src/app/scales.js';
import { changeKind, networkConfig, patchState, setupOf } from '../../web/src/app/setup.js';
import { defaultState, type PlaygroundState } from '../../web/src/app/state.js';
import { layoutDiagram } from '../../web/src/view/diagram.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { catalog, core } from './support/catalog.js';

/** A feature over a grid as the element gets it: the core's feature map, through the worker. */
const featurePlane = (feature: Feature, width: number, height: number, xRange: [number, number], yRange: [number, number]): Float32Array =>
  new Trainer(core).featurePlanes({ width, height, dims: 2, xRange, yRange, features: [feature] }).data;

const with_ = (patch: Partial<PlaygroundState>): PlaygroundState => ({ ...defaultState(), ...patch });

describe('changeKind', () => {
  const base = defaultState();
  it.each([
    [{ learningRate: 0.1 }, 'hyper'],
    [{ optimizer: 'adam' as const }, 'hyper'],
    [{ batchSize: 30 }, 'hyper'],
    [{ regularization: 'l2' as const, regRate: 0.01 }, 'hyper'],
    [{ clipNorm: 1 }, 'hyper'],
    [{ schedule: 'step-lr' as const, schedStepSize: 20, schedGamma: 0.5 }, 'hyper'],
    [{ patience: 10 }, 'hyper'],
    [{ stopLoss: 0.05 }, 'hyper'],
    [{ hidden: [4], activations: ['tanh' as const] }, 'rebuild'],
    [{ activations: ['relu' as const, 'tanh' as const] }, 'rebuild'],
    [{ features: ['x1' as const] }, 'rebuild'],
    [{ seed: 9 }, 'rebuild'],
    [{ init: 'he' as const }, 'rebuild'],
    [{ loss: 'bce' as const }, 'rebuild'],
    [{ noise: 10 }, 'rebuild'],
    [{ dataSeed: 3 }, 'rebuild'],
    [{ showTest: true }, 'view'],
    [{ discretize: true, theme: 'dark' as const, speed: 'max' as const }, 'view'],
  ])('%o → %s', (patch, kind) => {
    expect(changeKind(base, with_(patch), catalog)).toBe(kind);
  });

  it('gives the core the schedule and stopping settings under its names', () => {
    const c = networkConfig(with_({ schedule: 'linear-lr', schedStartFactor: 0.25, schedTotalIters: 8, patience: 5, stopLoss: 0.02 }), catalog);
    expect(c.schedule).toMatchObject({ type: 'linear-lr', startFactor: 0.25, endFactor: 1, totalIters: 8 });
    expect(c.stopping).toEqual({ patience: 5, trainLoss: 0.02 });
    const net = core.createNetwork(c);
    expect(net.config.schedule).toMatchObject({ type: 'linear-lr', totalIters: 8 });
    net.dispose();
  });

  it('treats new points of the same custom data as a data change', () => {
    const pts = { problem: 'classification' as const, dims: 2 as const, classes: 2, size: 2, x: new Float32Array([1, 1, -1, -1]), y: new Float32Array([0, 1]) };
    const a = with_({ dataset: 'custom', data: pts });
    const b = with_({ dataset: 'custom', data: { ...pts, size: 3, x: new Float32Array([1, 1, -1, -1, 2, 2]), y: new Float32Array([0, 1, 1]) } });
    expect(changeKind(a, b, catalog)).toBe('data');
    expect(setupOf(b, catalog).data.kind).toBe('custom');
  });
});

describe('patchState', () => {
  it("gives a new kind of problem its own loss, keeps a chosen one, and reconciles the rest", () => {
    const k = patchState(defaultState(), { dataset: 'spiral-k' }, false, catalog);
    expect(k.state.loss).toBe('softmax-ce');
    expect(k.kind).toBe('rebuild');
    expect(patchState(defaultState(), { dataset: 'spiral-k', loss: 'mse' }, false, catalog).state.loss).toBe('mse');
    const oneD = patchState(defaultState(), { dataset: 'sin' }, false, catalog);
    expect(oneD.state.features).toEqual(['x1']);
    expect(oneD.notes).toEqual(['features: x2 features are not available for 1-D data']);
    expect(patchState(defaultState(), { hidden: [4, 2, 2] }, false, catalog).state.activations).toEqual(['tanh', 'tanh', 'tanh']);
    expect(patchState(defaultState(), { learningRate: 0.1 }, false, catalog).kind).toBe('hyper');
    expect(patchState(defaultState(), { learningRate: 0.1 }, true, catalog).kind).toBe('rebuild');
  });
});

describe('networkConfig', () => {
  it('ends in the output layer the problem and loss call for', () => {
    const out = (s: PlaygroundState) => networkConfig(s, catalog).layers.at(-1);
    expect(out(defaultState())).toEqual({ units: 1, activation: 'tanh' });
    expect(out(with_({ loss: 'bce' }))).toEqual({ units: 1, activation: 'sigmoid' });
    expect(out(with_({ loss: 'softmax-ce' }))).toEqual({ units: 2, activation: 'softmax' });
    expect(out(with_({ dataset: 'spiral-k', classes: 5, loss: 'softmax-ce' }))).toEqual({ units: 5, activation: 'softmax' });
    expect(out(with_({ dataset: 'sin', features: ['x1'] }))).toEqual({ units: 1, activation: 'linear' });
    const c = networkConfig(with_({ hidden: [8, 3], activations: ['relu', 'gelu'], features: ['x1', 'x2', 'sinx1'] }), catalog);
    expect(c.inputs).toBe(3);
    expect(c.layers.slice(0, 2)).toEqual([{ units: 8, activation: 'relu' }, { units: 3, activation: 'gelu' }]);
  });
});

describe('layoutDiagram', () => {
  it('puts columns left to right and centres them vertically', () => {
    const l = layoutDiagram([7, 4, 2, 1], 600);
    expect(l.columns.map((c) => c.length)).toEqual([7, 4, 2, 1]);
    const xs = l.columns.map((c) => c[0]!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(l.width).toBeGreaterThanOrEqual(600);
    const mid = (c: { y: number }[]) => (c[0]!.y + c.at(-1)!.y) / 2;
    expect(mid(l.columns[3]!)).toBeCloseTo(mid(l.columns[0]!), 6);
    // 32 neurons shrink the nodes; too many columns for the width scroll rather than squash.
    expect(layoutDiagram([7, 32, 1], 600).node).toBeLessThan(l.node);
    expect(layoutDiagram(Array(12).fill(4), 300).width).toBeGreaterThan(300);
  });
});

describe('featurePlane and the view', () => {
  it('samples features at cell centres, top row first', () => {
    const p = featurePlane('x2', 2, 2, [-1, 1], [-1, 1]);
    expect(Array.from(p)).toEqual([0.5, 0.5, -0.5, -0.5]);
    expect(Array.from(featurePlane('x1x2', 2, 2, [-1, 1], [-1, 1]))).toEqual([-0.25, 0.25, 0.25, -0.25]);
  });

  it('shows the dataset domain, widened for user data, and colours by output activation', () => {
    const s = defaultState();
    expect(viewDomain(s, shapeOf(s, catalog), null, catalog)).toEqual({ xRange: [-6, 6], yRange: [-6, 6] });
    const far = with_({ dataset: 'custom', data: { problem: 'classification', dims: 2, classes: 2, size: 1, x: new Float32Array([10, 0]), y: new Float32Array([1]) } });
    expect(viewDomain(far, shapeOf(far, catalog), null, catalog).xRange[1]).toBeGreaterThan(10);
    expect(outputScale(shapeOf(s, catalog), s, null)).toEqual({ kind: 'diverging', lo: -1, hi: 1 });
    const bce = with_({ loss: 'bce' });
    expect(outputScale(shapeOf(bce, catalog), bce, null)).toEqual({ kind: 'diverging', lo: 0, hi: 1 });
    const k = with_({ dataset: 'blobs-k', loss: 'softmax-ce' });
    expect(outputScale(shapeOf(k, catalog), k, null)).toEqual({ kind: 'classes' });
    expect(unitScale(3, shapeOf(k, catalog), k, null)).toEqual({ kind: 'diverging', lo: 0, hi: 1 });
    const relu = with_({ activations: ['relu', 'tanh'] });
    expect(unitScale(1, shapeOf(relu, catalog), relu, null)).toEqual({ kind: 'auto' });
    expect(unitScale(2, shapeOf(relu, catalog), relu, null)).toEqual({ kind: 'diverging', lo: -1, hi: 1 });
  });
});

describe('network file', () => {
  it('wraps the settings with the network and reads them back', () => {
    const s = with_({ hidden: [3], activations: ['relu'], learningRate: 0.1 });
    const text = wrapNetwork(s, '{"format":"mlp-playground/network","config":{}}');
    const back = unwrapNetwork(text, defaultState(), catalog);
    expect(back.state.hidden).toEqual([3]);
    expect(back.state.learningRate).toBe(0.1);
    expect(JSON.parse(back.network).format).toBe('mlp-playground/network');
  });

  it.each([
    ['not json', 'not JSON'],
    ['[]', 'JSON object'],
    ['{"format":"other"}', '"format"'],
    ['{"format":"mlp-playground/playground","version":2}', 'version'],
    ['{"format":"mlp-playground/playground","version":1,"network":{}}', '"hash"'],
    ['{"format":"mlp-playground/playground","version":1,"hash":""}', '"network"'],
  ])('refuses %s', (text, fragment) => {
    expect(() => unwrapNetwork(text, defaultState(), catalog)).toThrow(fragment);
  });

  it("takes a bare network file's gradient clipping", () => {
    const config = { inputs: 2, features: ['x1', 'x2'], layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }], clipNorm: 0.5 };
    const back = unwrapNetwork(JSON.stringify({ format: 'mlp-playground/network', version: 2, config }), defaultState(), catalog);
    expect(back.state.clipNorm).toBe(0.5);
    expect(back.problems).toEqual([]);
  });

  it("takes a bare network file's schedule and stopping rules (version 3)", () => {
    const net = core.createNetwork({ inputs: 2, features: ['x1', 'x2'], layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }], schedule: { type: 'step-lr', stepSize: 7, gamma: 0.5 }, stopping: { patience: 4, trainLoss: 0.01 } });
    const back = unwrapNetwork(net.serialize(), defaultState(), catalog);
    net.dispose();
    expect(back.state).toMatchObject({ schedule: 'step-lr', schedStepSize: 7, schedGamma: 0.5, patience: 4, stopLoss: 0.01 });
    expect(back.problems).toEqual([]);
  });

  it("reads a bare network file (the PyTorch script's --out) with the page's data settings", () => {
    const current = with_({ dataset: 'spiral', noise: 20, features: ['x1', 'x2'] });
    const config = {
      inputs: 3,
      features: ['x1', 'x2', 'sinx1'],
      layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'elu' }, { units: 1, activation: 'tanh' }],
      loss: 'mse',
      optimizer: { type: 'adam', learningRate: 0.005 },
      regularization: { type: 'l2', rate: 0.001 },
      init: 'xavier',
      seed: 4,
    };
    const text = JSON.stringify({ format: 'mlp-playground/network', version: 2, config, parameters: {}, optimizerState: {} });
    const back = unwrapNetwork(text, current, catalog);
    expect(back.network).toBe(text);
    expect(back.state).toMatchObject({ dataset: 'spiral', noise: 20, features: ['x1', 'x2', 'sinx1'], hidden: [5, 2], activations: ['relu', 'elu'], loss: 'mse', optimizer: 'adam', learningRate: 0.005, regularization: 'l2', regRate: 0.001, init: 'xavier', seed: 4 });
    expect(back.problems).toEqual([]);
    const plain = unwrapNetwork(JSON.stringify({ format: 'mlp-playground/network', version: 2, config: { ...config, inputs: 2, features: undefined } }), current, catalog);
    expect(plain.state.features).toEqual(['x1', 'x2']);
    expect(plain.problems[0]).toContain('does not say which features');
    expect(() => unwrapNetwork('{"format":"mlp-playground/network","version":2}', current, catalog)).toThrow('"config" is missing');
  });
});
