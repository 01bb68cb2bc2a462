// The playground's URL-hash state: every field round-trips, each kind of bad value falls
// back to its default with a message naming the field, hostile text never survives, and the
// element's dataset catalog is the core's.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { shapeOf } from '../../web/src/app/problem.js';
import { defaultState, parseHash, type PlaygroundState, serializeHash } from '../../web/src/app/state.js';
import { patchState } from '../../web/src/app/setup.js';
import { catalog } from './support/catalog.js';

function nonDefault(): PlaygroundState {
  return {
    ...defaultState(),
    dataset: 'moons',
    noise: 25,
    trainPercent: 70,
    samples: 800,
    classes: 5,
    dataSeed: 42,
    features: ['x1', 'x2', 'x1sq', 'sinx2'],
    hidden: [8, 8, 3],
    activations: ['relu', 'sin', 'gelu'],
    skips: [2],
    loss: 'bce',
    optimizer: 'adam',
    learningRate: 0.003,
    batchSize: 25,
    regularization: 'l2',
    regRate: 0.01,
    clipNorm: 1,
    schedule: 'cosine-annealing-lr',
    schedStepSize: 30,
    schedGamma: 0.5,
    schedTMax: 200,
    schedEtaMin: 0.001,
    schedStartFactor: 0.25,
    schedEndFactor: 0.5,
    schedTotalIters: 10,
    patience: 20,
    stopLoss: 0.01,
    init: 'he',
    seed: 7,
    showTest: true,
    discretize: true,
    logLoss: true,
    flow: true,
    landscape: true,
    landscapeDirs: 'pca',
    landscapeLog: true,
    speed: 'max',
    theme: 'dark',
    zoom: 10,
    stopEpoch: 300,
    challenge: 'spiral-8',
    compare: [{ optimizer: 'sgd', learningRate: 0.1 }, { hidden: [5, 5], activations: ['tanh', 'relu'] }],
  };
}

describe('URL hash state', () => {
  it('has defaults that survive a round trip', () => {
    const { state, problems } = parseHash(serializeHash(defaultState()), catalog);
    expect(problems).toEqual([]);
    expect(state).toEqual(defaultState());
  });

  it('round-trips every field', () => {
    const s = nonDefault();
    const hash = serializeHash(s);
    const { state, problems } = parseHash('#' + hash, catalog);
    expect(problems).toEqual([]);
    expect(state).toEqual(s);
    // Each field really differs from its default, so the round trip proves something.
    const d = defaultState();
    for (const key of Object.keys(d) as (keyof PlaygroundState)[]) {
      // conv: image layers need the digits (tests/web/image-layers.test.ts round-trips them).
      if (key === 'data' || key === 'conv') continue;
      expect(state[key], key).not.toEqual(d[key]);
    }
  });

  it('round-trips custom data and zero hidden layers', () => {
    const s: PlaygroundState = {
      ...defaultState(),
      dataset: 'custom',
      hidden: [],
      activations: [],
      data: {
        problem: 'classification', dims: 2, classes: 3, size: 3,
        x: new Float32Array([1, 2, -3, 4.5, 0, -6]), y: new Float32Array([0, 2, 1]),
      },
      loss: 'softmax-ce',
    };
    const { state, problems } = parseHash(serializeHash(s), catalog);
    expect(problems).toEqual([]);
    expect(state.hidden).toEqual([]);
    expect(state.dataset).toBe('custom');
    expect(state.data!.size).toBe(3);
    expect(Array.from(state.data!.y)).toEqual([0, 2, 1]);
    for (let i = 0; i < 6; i++) expect(state.data!.x[i]).toBeCloseTo(s.data!.x[i]!, 2);
    expect(shapeOf(state, catalog)).toEqual({ problem: 'classification', dims: 2, classes: 3 });
  });

  it.each([
    ['dataset', 'nope', 'dataset'],
    ['noise', '51', 'noise'],
    ['noise', '1e400', 'noise'],
    ['train', '0', 'train'],
    ['n', '-5', 'n'],
    ['classes', '9', 'classes'],
    ['dseed', '1.5', 'dseed'],
    ['features', 'x1,x9', 'features'],
    ['features', 'x1,x1', 'features'],
    ['features', '', 'features'],
    ['layers', '4,0', 'layers'],
    ['layers', '4,33', 'layers'],
    ['layers', '1,1,1,1,1,1,1,1,1,1,1', 'layers'],
    ['act', 'softmax', 'act'],
    ['act', 'tanh,relu,relu', 'act'],
    ['loss', 'bogus', 'loss'],
    ['opt', 'rmsprop', 'opt'],
    ['lr', 'NaN', 'lr'],
    ['lr', 'Infinity', 'lr'],
    ['lr', '0', 'lr'],
    ['lr', '1000', 'lr'],
    ['batch', '0', 'batch'],
    ['reg', 'l3', 'reg'],
    ['regrate', '-1', 'regrate'],
    ['clip', '-0.5', 'clip'],
    ['clip', 'Infinity', 'clip'],
    ['init', 'random', 'init'],
    ['seed', '99999999999', 'seed'],
    ['test', 'maybe', 'test'],
    ['discretize', '2', 'discretize'],
    ['logloss', 'yes', 'logloss'],
    ['speed', 'warp', 'speed'],
    ['theme', 'neon', 'theme'],
  ])('%s=%s falls back to the default with a message', (key, value, named) => {
    const good = serializeHash(defaultState());
    const { state, problems } = parseHash(`${good}&${key}=${encodeURIComponent(value)}`, catalog);
    expect(problems.length).toBe(1);
    expect(problems[0]).toContain(named);
    // Everything else is still the defaults.
    expect(serializeHash(state)).toBe(good);
  });

  it('keeps valid fields when others are bad', () => {
    const { state, problems } = parseHash('dataset=xor&lr=abc&layers=3&act=relu&noise=999', catalog);
    expect(state.dataset).toBe('xor');
    expect(state.hidden).toEqual([3]);
    expect(state.activations).toEqual(['relu']);
    expect(state.learningRate).toBe(0.03);
    expect(state.noise).toBe(0);
    expect(problems).toHaveLength(2);
  });

  it('reports unknown keys, undecodable text and absurd lengths without throwing', () => {
    const hostile = [
      '#<script>alert(1)</script>',
      '#dataset=<img src=x onerror=alert(1)>',
      '#%E0%A4%A',
      '#lr=%',
      `#features=${'x1,'.repeat(5000)}`,
      `#${'a'.repeat(300_000)}`,
      '#&&&===&',
      '#__proto__=1&constructor=2',
      '#data=!!!&dataset=custom',
      '#dataset=custom',
      '#dataset=custom&data=AAAA',
    ];
    for (const h of hostile) {
      const { state, problems } = parseHash(h, catalog);
      expect(problems.length, h.slice(0, 40)).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.length).toBeLessThan(400);
        // Untrusted text appears only quoted (the UI renders messages as text, never markup).
        if (p.includes('<')) expect(p).toMatch(/"[^"]*</);
      }
      expect(state.dataset === 'custom' ? state.data : null).toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('drops x2 features for 1-D data and picks the loss of the problem', () => {
    const { state, problems } = parseHash('dataset=sin&features=x1,x2,sinx1&loss=bce', catalog);
    expect(state.features).toEqual(['x1', 'sinx1']);
    expect(state.loss).toBe('mse');
    expect(problems.join(' ')).toContain('features');
    expect(problems.join(' ')).toContain('loss');
  });

  it('names the fallback features of 1-D data in the notice', () => {
    const { state, problems } = parseHash('dataset=sin&features=x9', catalog);
    expect(state.features).toEqual(['x1']);
    expect(problems).toEqual(['features: "x9" must be one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2; using x1']);
  });

  it('sets every layer from one activation', () => {
    const { state } = parseHash('layers=3,3,3&act=relu', catalog);
    expect(state.activations).toEqual(['relu', 'relu', 'relu']);
  });
});

describe('catalog', () => {
  it("is the core's dataset catalog exactly", async () => {
    const core = await loadCore();
    expect(catalog.datasets.map((d) => ({ ...d }))).toEqual(core.datasets.map((d) => ({ ...d })));
    for (const a of catalog.hiddenActivations) expect(core.activations).toContain(a);
  });
});

describe('hidden units on the digits', () => {
  it('allow up to 256 units a layer for the digits and still 32 for 2-D data', () => {
    const wide = parseHash('dataset=digits&layers=64,256&act=relu', catalog);
    expect(wide.problems).toEqual([]);
    expect(wide.state.hidden).toEqual([64, 256]);
    expect(parseHash(serializeHash(wide.state), catalog).state.hidden).toEqual([64, 256]);
    const tooWide = parseHash('dataset=digits&layers=257', catalog);
    expect(tooWide.problems.join(' ')).toMatch(/layers.*256/);
    expect(tooWide.state.hidden).toEqual(defaultState().hidden);
    const plane = parseHash('dataset=xor&layers=64', catalog);
    expect(plane.problems.join(' ')).toMatch(/layers.*32/);
    expect(plane.state.hidden).toEqual(defaultState().hidden);
  });

  it('leaving the digits narrows wider layers to 32, with a note', () => {
    const digits = parseHash('dataset=digits&layers=64,8&act=relu', catalog).state;
    const { state, notes } = patchState(digits, { dataset: 'xor' }, false, catalog);
    expect(state.hidden).toEqual([32, 8]);
    expect(notes).toEqual(['layers: at most 32 units a layer for this data']);
  });
});
