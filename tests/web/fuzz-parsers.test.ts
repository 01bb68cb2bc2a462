// Property-based tests (fast-check) of the page's parsers of untrusted text: the URL hash
// (parseHash / serializeHash), the element's setting attributes (as the element combines
// them with its config), CSV files (parseCsv / toCsv) and the playground's network file
// (unwrapNetwork). For any input: a valid result or the parser's own error, never another
// exception, never a polluted prototype; a result written back reads back the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skipProblem } from '../../web/src/app/skips.js';
import { attributePatch, overlay, SETTING_ATTRIBUTES } from '../../web/src/app/attributes.js';
import { unwrapNetwork, wrapNetwork } from '../../web/src/app/files.js';
import { CsvError, MAX_CSV_POINTS, parseCsv, toCsv } from '../../web/src/app/io/csv.js';
import { lossesFor, shapeOf } from '../../web/src/app/problem.js';
import { CHALLENGE_IDS } from '../../web/src/app/challenges/list.js';
import { SETTINGS, SPEEDS, THEMES } from '../../web/src/app/settings.js';
import { defaultState, HASH_KEYS, parseHash, type PlaygroundState, reconcile, serializeHash } from '../../web/src/app/state.js';
import type { Dataset } from '../../web/src/core/types.js';
import { catalog } from './support/catalog.js';
import { anyValue, awkwardNumber, check, expectNoPollution, hostileKey, reportCases } from './support/fuzz.js';

reportCases('fuzz-parsers');

// The vocabulary is the core's (through the element's catalog), the ranges the settings table's.
const S = SETTINGS;
const DATASETS = catalog.datasets;
const FEATURES = catalog.features;
const FEATURES_1D = catalog.features1D;
const HIDDEN_ACTIVATIONS = catalog.hiddenActivations;
const OPTIMIZERS = catalog.optimizers;
const REGULARIZATIONS = catalog.regularizations;
const INITS = catalog.inits;
const LEARNING_RATES = S.learningRate.suggested!;
const CLIP_NORMS = S.clipNorm.suggested!;
const range = (r: { min?: number; max?: number }): [number, number] => [r.min!, r.max!];
const LIMITS = {
  noise: range(S.noise), trainPercent: range(S.trainPercent), samples: range(S.samples), classes: range(S.classes),
  dataSeed: S.dataSeed.max!, seed: S.seed.max!, hiddenLayers: S.hidden.maxItems!, units: S.hidden.max!,
  learningRate: range(S.learningRate), batchSize: S.batchSize.max!, regRate: range(S.regRate), clipNorm: range(S.clipNorm),
  zoom: range(S.zoom), stopEpoch: range(S.stopEpoch),
};

const isInt = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;

/** Every field of a state inside its domain, and the state consistent with its data. */
function expectValidState(s: PlaygroundState): void {
  expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  expect(Object.keys(s).sort()).toEqual(Object.keys(defaultState()).sort());
  const names = DATASETS.map((d) => d.name);
  if (s.dataset === 'custom') {
    expect(s.data).not.toBeNull();
    expect(s.data!.x.length).toBe(s.data!.size * s.data!.dims);
    expect(s.data!.y.length).toBe(s.data!.size);
  } else {
    expect(names).toContain(s.dataset);
  }
  const shape = shapeOf(s, catalog);
  const checks: [string, boolean][] = [
    ['noise', isInt(s.noise, ...LIMITS.noise)],
    ['trainPercent', isInt(s.trainPercent, ...LIMITS.trainPercent)],
    ['samples', isInt(s.samples, ...LIMITS.samples)],
    ['classes', isInt(s.classes, ...LIMITS.classes)],
    ['dataSeed', isInt(s.dataSeed, 0, LIMITS.dataSeed)],
    ['features', s.features.length > 0 && new Set(s.features).size === s.features.length &&
      s.features.every((f) => (shape.dims === 1 ? FEATURES_1D : FEATURES).includes(f)) &&
      s.features.join() === FEATURES.filter((f) => s.features.includes(f)).join()],
    ['hidden', s.hidden.length <= LIMITS.hiddenLayers && s.hidden.every((u) => isInt(u, 1, LIMITS.units))],
    ['activations', s.activations.length === s.hidden.length && s.activations.every((a) => HIDDEN_ACTIVATIONS.includes(a))],
    ['skips', new Set(s.skips).size === s.skips.length && s.skips.every((l) => skipProblem(s.hidden, l) === null)],
    ['loss', lossesFor(shape).includes(s.loss)],
    ['optimizer', OPTIMIZERS.includes(s.optimizer)],
    ['learningRate', Number.isFinite(s.learningRate) && s.learningRate >= LIMITS.learningRate[0] && s.learningRate <= LIMITS.learningRate[1]],
    ['batchSize', isInt(s.batchSize, 1, LIMITS.batchSize)],
    ['regularization', REGULARIZATIONS.includes(s.regularization)],
    ['regRate', Number.isFinite(s.regRate) && s.regRate >= LIMITS.regRate[0] && s.regRate <= LIMITS.regRate[1]],
    ['clipNorm', Number.isFinite(s.clipNorm) && s.clipNorm >= LIMITS.clipNorm[0] && s.clipNorm <= LIMITS.clipNorm[1]],
    ['schedule', catalog.schedules.includes(s.schedule)],
    ...(['schedStepSize', 'schedTMax', 'schedTotalIters', 'patience'] as const).map((k): [string, boolean] => [k, isInt(s[k], S[k].min!, S[k].max!)]),
    ...(['schedGamma', 'schedEtaMin', 'schedStartFactor', 'schedEndFactor', 'stopLoss'] as const).map((k): [string, boolean] => [k, Number.isFinite(s[k]) && s[k] >= S[k].min! && s[k] <= S[k].max! && !(S[k].openLow && s[k] === S[k].min)]),
    ['init', INITS.includes(s.init)],
    ['seed', isInt(s.seed, 0, LIMITS.seed)],
    ['flags', [s.showTest, s.discretize, s.logLoss].every((b) => typeof b === 'boolean')],
    ['speed', (SPEEDS as readonly string[]).includes(s.speed)],
    ['theme', (THEMES as readonly string[]).includes(s.theme)],
    ['zoom', Number.isFinite(s.zoom) && s.zoom >= LIMITS.zoom[0] && s.zoom <= LIMITS.zoom[1]],
    ['stopEpoch', isInt(s.stopEpoch, ...LIMITS.stopEpoch)],
  ];
  expect(checks.filter(([, ok]) => !ok).map(([name]) => `${name}: ${JSON.stringify((s as unknown as Record<string, unknown>)[name])}`)).toEqual([]);
}

/** What parseHash made of a hash is a fixed point: written and read again, nothing changes. */
function expectStable(s: PlaygroundState): void {
  const once = serializeHash(s);
  const again = parseHash(once, catalog);
  expect(again.problems).toEqual([]);
  expect(serializeHash(again.state)).toBe(once);
}

// ---- hash arbitraries --------------------------------------------------------------------

const goodValue: Record<string, fc.Arbitrary<string>> = {
  dataset: fc.constantFrom(...DATASETS.map((d) => d.name)),
  noise: fc.integer({ min: -5, max: 60 }).map(String),
  train: fc.integer({ min: 0, max: 100 }).map(String),
  n: fc.integer({ min: 0, max: 4000 }).map(String),
  classes: fc.integer({ min: 0, max: 8 }).map(String),
  dseed: fc.oneof(fc.nat().map(String), fc.constant('4294967296')),
  features: fc.subarray([...FEATURES]).map((f) => f.join(',')),
  layers: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).map((u) => u.join(',')),
  act: fc.array(fc.constantFrom(...HIDDEN_ACTIVATIONS, 'softmax'), { maxLength: 4 }).map((a) => a.join(',')),
  skip: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }).map((a) => a.join(',')),
  loss: fc.constantFrom('mse', 'bce', 'softmax-ce'),
  opt: fc.constantFrom(...OPTIMIZERS),
  lr: fc.oneof(fc.constantFrom(...LEARNING_RATES).map(String), fc.double({ min: 0, max: 200, noNaN: true }).map(String)),
  batch: fc.integer({ min: 0, max: 1200 }).map(String),
  reg: fc.constantFrom(...REGULARIZATIONS),
  regrate: fc.double({ min: -1, max: 200 }).map(String),
  clip: fc.oneof(fc.constantFrom(...CLIP_NORMS).map(String), fc.double({ min: -1, max: 1200 }).map(String)),
  sched: fc.constantFrom(...catalog.schedules, 'exponential-lr'),
  'sched-step': fc.integer({ min: -1, max: 2_000_000 }).map(String),
  'sched-gamma': fc.double({ min: -1, max: 200 }).map(String),
  'sched-tmax': fc.integer({ min: -1, max: 2_000_000 }).map(String),
  'sched-etamin': fc.double({ min: -1, max: 200 }).map(String),
  'sched-start': fc.double({ min: -0.5, max: 1.5 }).map(String),
  'sched-end': fc.double({ min: -0.5, max: 1.5 }).map(String),
  'sched-iters': fc.integer({ min: -1, max: 2_000_000 }).map(String),
  patience: fc.integer({ min: -1, max: 200_000 }).map(String),
  stoploss: fc.double({ min: -1, max: 2000 }).map(String),
  init: fc.constantFrom(...INITS),
  seed: fc.nat().map(String),
  test: fc.constantFrom('0', '1', 'true', 'false', ''),
  discretize: fc.constantFrom('0', '1', 'yes'),
  logloss: fc.constantFrom('0', '1'),
  speed: fc.constantFrom(...SPEEDS, '0'),
  theme: fc.constantFrom('auto', 'light', 'dark', 'blue'),
  zoom: fc.double({ min: 0, max: 120 }).map(String),
  stop: fc.integer({ min: -1, max: 200_000_000 }).map(String),
  challenge: fc.constantFrom(...CHALLENGE_IDS, 'no-such-challenge'),
  compare: fc.constantFrom('opt:adam', 'act:relu|act:linear', 'layers:8;8,lr:0.1', 'opt:adam|opt:momentum|opt:sgd|lr:1'),
  flow: fc.constantFrom('0', '1', 'true', ''),
  landscape: fc.constantFrom('0', '1', 'yes'),
  'landscape-dirs': fc.constantFrom('random', 'pca', 'filter'),
  'landscape-log': fc.constantFrom('0', '1'),
  conv: fc.constantFrom('', 'pool', 'conv8k3', 'conv8k5s2valid-tanh,pool', 'conv40k3', 'conv8k4', 'dense'),
  data: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 80 }),
};

const junk = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('%', '%E0%A4%A', '%00', '<script>alert(1)</script>', '&&&', '==', 'NaN', 'Infinity', '1e999', '-0', '0x10', '1_0', ' 1'),
  awkwardNumber.map(String),
);

const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HASH_KEYS) }, { weight: 1, arbitrary: hostileKey }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

/** A hash of key=value parts: mostly known keys with plausible or junk values, some hostile. */
const hashText = fc
  .array(fc.tuple(key, fc.boolean(), fc.integer({ min: 0, max: 9 })), { maxLength: 14 })
  .chain((parts) =>
    fc.tuple(...parts.map(([k, plausible, raw]) => (plausible && Object.hasOwn(goodValue, k) ? goodValue[k]! : junk).map((v) => [k, v, raw === 0] as const))),
  )
  .chain((pairs) =>
    // Values URI-encoded as serializeHash writes them (commas kept), one in ten left raw.
    fc.constantFrom('#', '').map((lead) => lead + pairs.map(([k, v, raw]) => `${encodeURIComponent(k)}=${raw ? v : encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&')),
  );

describe('the URL hash', () => {
  it('parseHash: any text gives a valid state (and notes), never an exception; the state is a fixed point', () => {
    check('parseHash(any text)', fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), hashText), (h) => {
      const r = parseHash(h, catalog);
      expect(Array.isArray(r.problems) && r.problems.every((p) => typeof p === 'string')).toBe(true);
      expectValidState(r.state);
      expectStable(r.state);
      expectNoPollution();
    }), 3000);
  });

  it('parseHash keeps each valid field and notes each invalid one', () => {
    // Not single fields: a challenge sets several settings up, compare holds whole networks
    // (both have their own property tests: challenges.test.ts, compare.test.ts).
    const scalar = HASH_KEYS.filter((k) => !['data', 'dataset', 'features', 'layers', 'act', 'skip', 'challenge', 'compare'].includes(k));
    check('parseHash(one field)', fc.property(fc.constantFrom(...scalar), fc.oneof(junk, fc.constantFrom(...scalar).chain((k) => goodValue[k]!)), (k, v) => {
      const r = parseHash(`${k}=${encodeURIComponent(v)}`, catalog);
      expectValidState(r.state);
      const written = new URLSearchParams(serializeHash(r.state)).get(k)!;
      if (r.problems.length > 0) {
        // Refused: named in a note, and the setting keeps its default.
        expect(r.problems.length).toBe(1);
        expect(r.problems[0]!.startsWith(`${k}: `)).toBe(true);
        expect(written).toBe(new URLSearchParams(serializeHash(parseHash('', catalog).state)).get(k));
      } else if (v === 'true' || v === 'false') {
        expect(written).toBe(v === 'true' ? '1' : '0');
      } else {
        // Taken: the state holds the value (numbers as written to six significant digits).
        const same = written === v || Math.abs(Number(written) - Number(v)) <= 1e-5 * Math.abs(Number(v));
        expect(same, `${k}=${v} came back as ${written}`).toBe(true);
      }
    }), 3000);
  });

  it('serializeHash then parseHash gives back any valid state exactly', () => {
    const state = fc.record({
      dataset: fc.constantFrom(...DATASETS.map((d) => d.name)),
      noise: fc.integer({ min: LIMITS.noise[0], max: LIMITS.noise[1] }),
      trainPercent: fc.integer({ min: LIMITS.trainPercent[0], max: LIMITS.trainPercent[1] }),
      samples: fc.integer({ min: LIMITS.samples[0], max: LIMITS.samples[1] }),
      classes: fc.integer({ min: LIMITS.classes[0], max: LIMITS.classes[1] }),
      dataSeed: fc.integer({ min: 0, max: LIMITS.dataSeed }),
      features: fc.subarray([...FEATURES], { minLength: 1 }),
      hidden: fc.array(fc.integer({ min: 1, max: LIMITS.units }), { maxLength: LIMITS.hiddenLayers }),
      activations: fc.array(fc.constantFrom(...HIDDEN_ACTIVATIONS), { minLength: LIMITS.hiddenLayers, maxLength: LIMITS.hiddenLayers }),
      loss: fc.constantFrom('mse', 'bce', 'softmax-ce') as fc.Arbitrary<PlaygroundState['loss']>,
      optimizer: fc.constantFrom(...OPTIMIZERS),
      learningRate: fc.constantFrom(...LEARNING_RATES) as fc.Arbitrary<number>,
      batchSize: fc.integer({ min: 1, max: LIMITS.batchSize }),
      regularization: fc.constantFrom(...REGULARIZATIONS),
      regRate: fc.integer({ min: 0, max: 100_000 }).map((v) => v / 1000),
      clipNorm: fc.constantFrom(...CLIP_NORMS),
      init: fc.constantFrom(...INITS),
      seed: fc.integer({ min: 0, max: LIMITS.seed }),
      showTest: fc.boolean(),
      discretize: fc.boolean(),
      logLoss: fc.boolean(),
      speed: fc.constantFrom(...SPEEDS),
      theme: fc.constantFrom(...THEMES),
      zoom: fc.integer({ min: 100, max: 10_000 }).map((v) => v / 100),
      stopEpoch: fc.integer({ min: LIMITS.stopEpoch[0], max: LIMITS.stopEpoch[1] }),
    });
    check('serializeHash → parseHash', fc.property(state, (raw) => {
      const s: PlaygroundState = { ...defaultState(), ...raw, data: null };
      reconcile(s, catalog);
      const back = parseHash(serializeHash(s), catalog);
      expect(back.problems).toEqual([]);
      expect(back.state).toEqual(s);
    }), 2000);
  });
});

// ---- attributes --------------------------------------------------------------------------

describe('the element attributes', () => {
  const attributeNames = Object.keys(SETTING_ATTRIBUTES);
  const attribute = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...attributeNames).chain((name) => fc.tuple(fc.constant(name), fc.oneof(goodValue[SETTING_ATTRIBUTES[name]!]!, junk))) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 10 })), junk) },
  );
  it('any attributes over any config give a valid, stable state; a valid attribute wins over the config', () => {
    check('attributes over config', fc.property(fc.oneof(hashText, fc.string({ maxLength: 100 })), fc.array(attribute, { maxLength: 10 }), (config, attrs) => {
      const merged = overlay(config, attributePatch(attrs as [string, string][]), catalog);
      const r = parseHash(merged, catalog);
      expectValidState(r.state);
      expectStable(r.state);
      expectNoPollution();
      // A valid learning-rate attribute is the learning rate, whatever the config says.
      const lr = [...attrs].reverse().find(([n]) => n === 'learning-rate')?.[1];
      if (lr !== undefined && (LEARNING_RATES as readonly number[]).map(String).includes(lr)) expect(r.state.learningRate).toBe(Number(lr));
    }), 2000);
  });
});

// ---- CSV ---------------------------------------------------------------------------------

/** A dataset parseCsv can represent: 2-D classification (every class present), 2-D or 1-D regression. */
const csvDataset: fc.Arbitrary<Dataset> = fc.oneof(
  fc.integer({ min: 2, max: 6 }).chain((classes) =>
    fc.array(fc.tuple(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: classes - 1 })), { minLength: 1, maxLength: 60 })
      .map((rows) => rows.map(([a, b], i) => [a, b, i < classes ? i : rows[i]![2]] as const))
      .map((rows): Dataset => ({ problem: 'classification', dims: 2, classes, size: rows.length, x: Float32Array.from(rows.flatMap(([a, b]) => [a, b])), y: Float32Array.from(rows.map((r) => r[2])) }))
      .filter((d) => d.size >= classes),
  ),
  fc.array(fc.tuple(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 60 })
    .map((rows): Dataset => ({ problem: 'regression', dims: 2, classes: 0, size: rows.length, x: Float32Array.from(rows.flatMap(([a, b]) => [a, b])), y: Float32Array.from(rows.map((r) => r[2])) })),
  fc.array(fc.tuple(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 60 })
    .map((rows): Dataset => ({ problem: 'regression', dims: 1, classes: 0, size: rows.length, x: Float32Array.from(rows.map((r) => r[0])), y: Float32Array.from(rows.map((r) => r[1])) })),
);

/** The same CSV written another way a user's tool might: BOM, CRLF or CR, quotes, spaces, another separator, comments. */
const csvVariant = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  quote: fc.boolean(),
  pad: fc.constantFrom('', ' ', '  '),
  sep: fc.constantFrom(',', ';', '\t'),
  comments: fc.boolean(),
  trailing: fc.constantFrom('', '\n', '\n\n', '\r\n'),
});

function rewrite(csv: string, v: { bom: boolean; eol: string; quote: boolean; pad: string; sep: string; comments: boolean; trailing: string }): string {
  const pad = v.pad;
  const lines = csv.trimEnd().split('\n').map((line) => line.split(',').map((f) => (v.quote ? `${pad}"${f}"${pad}` : `${pad}${f}${pad}`)).join(v.sep));
  if (v.comments) lines.splice(1, 0, '# a comment', '');
  return (v.bom ? '\uFEFF' : '') + lines.join(v.eol) + v.trailing;
}

function expectValidDataset(d: Dataset): void {
  expect(d.x).toBeInstanceOf(Float32Array);
  expect(d.y).toBeInstanceOf(Float32Array);
  expect(d.x.length).toBe(d.size * d.dims);
  expect(d.y.length).toBe(d.size);
  expect(d.size).toBeGreaterThan(0);
  expect(d.size).toBeLessThanOrEqual(MAX_CSV_POINTS);
  expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
  if (d.problem === 'classification') {
    expect(d.classes).toBeGreaterThanOrEqual(2);
    for (let k = 0; k < d.classes; k++) expect(d.y.includes(k)).toBe(true);
    expect(d.y.every((v) => Number.isInteger(v) && v >= 0 && v < d.classes)).toBe(true);
  } else {
    expect(d.classes).toBe(0);
  }
}

describe('CSV', () => {
  it('parseCsv: any text gives a valid dataset or a CsvError with a line inside the file', () => {
    const cell = fc.oneof(awkwardNumber.map(String), fc.constantFrom('', '"', '""', ' ', '1,5', '-1', '+1', '0', '1', '2', '6', 'label', 'x1', 'value', '"1"', '<b>x</b>'), fc.string({ maxLength: 6 }));
    const row = fc.array(cell, { minLength: 0, maxLength: 4 }).chain((cells) => fc.constantFrom(',', ';', '\t').map((s) => cells.join(s)));
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.boolean(), fc.array(row, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r')).map(([bom, rows, eol]) => (bom ? '\uFEFF' : '') + rows.join(eol)),
    );
    check('parseCsv(any text)', fc.property(text, (t) => {
      let d: Dataset;
      try {
        d = parseCsv(t);
      } catch (e) {
        expect(e).toBeInstanceOf(CsvError);
        const err = e as CsvError;
        expect(err.reason.length).toBeGreaterThan(0);
        if (err.line !== null) expect(err.line >= 1 && err.line <= t.split(/\r\n|\r|\n/).length).toBe(true);
        // A hostile file cannot flood the notice: a message stays short whatever the line held.
        expect(err.message.length).toBeLessThan(400);
        return;
      }
      expectValidDataset(d);
      expectNoPollution();
    }), 5000);
  });

  it('toCsv then parseCsv gives back the dataset exactly, however the file is written (BOM, CRLF, quotes, separators)', () => {
    check('toCsv → parseCsv', fc.property(csvDataset, csvVariant, (d, v) => {
      const back = parseCsv(rewrite(toCsv(d), v));
      expect(back).toEqual(d);
    }), 1500);
  });

  it('refuses 10⁶ lines and a 50 MB file with a CsvError (the point limit), whatever the line ends', () => {
    const million = `x1,x2,label\n${Array.from({ length: 1_000_000 }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\r\n')}`;
    let tooMany: unknown;
    try {
      parseCsv(million);
    } catch (e) {
      tooMany = e;
    }
    expect(tooMany).toBeInstanceOf(CsvError);
    expect((tooMany as CsvError).line).toBe(MAX_CSV_POINTS + 2);
    const row = '0.123456789012345678901234567890,-0.98765432109876543210,1\n';
    const big = `x1,x2,label\n${row.repeat(Math.ceil(50e6 / row.length))}`;
    expect(big.length).toBeGreaterThan(50e6);
    expect(() => parseCsv(big)).toThrow(/too many points/);
    // One 50 MB line: refused as a malformed row, its content cut short in the message.
    let err: unknown;
    try {
      parseCsv(`1,2,${'9'.repeat(50e6)}`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect((err as CsvError).message.length).toBeLessThan(200);
  });
});

// ---- the playground's network file ----------------------------------------------------------

describe('the network file', () => {
  it('unwrapNetwork: any JSON gives settings and a network, or an Error saying what is wrong', () => {
    const valid = wrapNetwork(defaultState(), '{"format":"mlp-playground/network"}');
    const doc = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 100 }),
      fc.record({ format: fc.oneof(fc.constant('mlp-playground/playground'), fc.string()), version: fc.oneof(fc.constant(1), anyValue), hash: fc.oneof(hashText, anyValue), network: fc.oneof(fc.object(), anyValue) }).map((o) => JSON.stringify(o) ?? ''),
      fc.tuple(hostileKey, anyValue).map(([k, v]) => valid.replace('{', `{"${k}":${JSON.stringify(v) ?? 'null'},`)),
      // A bare network file (what the PyTorch script saves): its config decides the layers.
      fc.record({ format: fc.constant('mlp-playground/network'), config: fc.oneof(fc.record({ inputs: anyValue, layers: fc.oneof(fc.array(fc.record({ units: anyValue, activation: anyValue })), anyValue), features: anyValue, loss: anyValue }), anyValue) })
        .map((o) => JSON.stringify(o) ?? ''),
    );
    check('unwrapNetwork(any text)', fc.property(doc, (text) => {
      let r: ReturnType<typeof unwrapNetwork>;
      try {
        r = unwrapNetwork(text, defaultState(), catalog);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).message.length).toBeGreaterThan(0);
        expectNoPollution();
        return;
      }
      expectValidState(r.state);
      expect(typeof JSON.parse(r.network)).toBe('object');
      expectNoPollution();
    }), 2000);
  });
});
