// Property-based tests (fast-check) of the npm API on the real wasm module: createNetwork
// configs, every Network method with typed arrays of wrong length, NaN, ±Infinity,
// subnormals and −0, network JSON (loadNetwork: __proto__ / constructor keys, deep nesting,
// huge arrays, wrong types, NaN as strings), dataset specs and user points. The invariant
// for any input: a valid result, or an MlpError naming a field; never a RuntimeError,
// `unreachable` or abort from wasm; an object that refused a call is unchanged; no polluted
// prototype; and once everything is disposed the wasm heap is back where it started.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore, MlpError, type DenseLayerConfig, type Network, type NetworkConfig } from '../../web/src/core/index.js';
import { anyValue, awkwardNumber, check, expectNoPollution, hostileKey, reportCases } from './support/fuzz.js';

reportCases('fuzz-api');

let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
  // Warm up what the runtime creates once (the dataset catalog, Embind's tables, the grid buffer).
  const warm = mlp.createNetwork({ inputs: 2, layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
  const split = mlp.generateDataset({ name: 'circle', samples: 20 });
  warm.prepare(split.train, ['x1', 'x2']).dispose();
  warm.evaluateGrid({ width: 4, features: ['x1', 'x2'] });
  mlp.loadNetwork(warm.serialize()).dispose();
  warm.dispose();
});

type Outcome<T> = { ok: true; value: T } | { ok: false; error: MlpError };

/** Runs fn: its value, or the MlpError it threw; any other exception fails the property. */
function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!(e instanceof MlpError)) throw new Error(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, not an MlpError`);
    expect(e.field, `no field named in "${e.message}"`).not.toBe('');
    expect(e.message).not.toMatch(/RuntimeError|unreachable|Aborted|abort\(|memory access out of bounds|internal error/i);
    expect(e.message.startsWith(e.field) || e.message.includes(e.field)).toBe(true);
    return { ok: false, error: e };
  }
}

/** Runs a property and checks the heap is back at its size before it (everything disposed). */
function checkHeap<T>(name: string, property: fc.IPropertyWithHooks<T>, numRuns: number): void {
  const before = mlp.heapBytesInUse();
  check(name, property, numRuns);
  expectNoPollution();
  expect(mlp.heapBytesInUse(), `${name}: wasm heap after every object was disposed`).toBe(before);
}

const ACTIVATIONS = ['linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu', 'sin', 'softmax'];

/** Sometimes the right thing, sometimes an awkward or wrong-typed one. */
const maybe = <T>(good: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<unknown> => fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: anyValue });

/** Configs near the valid ones: small networks (so that the valid ones build quickly), any field possibly wrong. */
const configArb = fc
  .record(
    {
      inputs: maybe(fc.integer({ min: 1, max: 8 })),
      layers: maybe(fc.array(maybe(fc.record({ units: maybe(fc.integer({ min: 1, max: 12 })), activation: maybe(fc.constantFrom(...ACTIVATIONS)) }), 8), { minLength: 1, maxLength: 4 }), 8),
      loss: maybe(fc.constantFrom('mse', 'bce', 'softmax-ce')),
      optimizer: maybe(fc.record({ type: maybe(fc.constantFrom('sgd', 'momentum', 'adam')), learningRate: maybe(fc.double({ min: 0, max: 10, noNaN: true })), momentum: maybe(fc.double({ min: 0, max: 1, noNaN: true })), beta1: maybe(fc.double({ min: 0, max: 0.99, noNaN: true })), beta2: maybe(fc.double({ min: 0, max: 0.999, noNaN: true })), eps: maybe(fc.double({ min: 1e-10, max: 1, noNaN: true })) }, { requiredKeys: ['type'] })),
      regularization: maybe(fc.record({ type: maybe(fc.constantFrom('none', 'l1', 'l2')), rate: maybe(fc.double({ min: 0, max: 1, noNaN: true })) }, { requiredKeys: ['type'] })),
      init: maybe(fc.constantFrom('classic', 'xavier', 'he', 'zero')),
      seed: maybe(fc.nat()),
      clipNorm: maybe(fc.double({ min: 0, max: 10, noNaN: true })),
    },
    { requiredKeys: ['inputs', 'layers'] },
  )
  .chain((c) => fc.option(fc.tuple(hostileKey, anyValue), { freq: 5 }).map((extra) => {
    if (!extra) return c;
    // An own property named like a prototype member (as JSON.parse makes them).
    return { ...c, ...JSON.parse(`{${JSON.stringify(extra[0])}: ${JSON.stringify(extra[1]) ?? 'null'}}`) };
  }));

/** A network that builds: the shapes the API methods are then fuzzed against. */
const validConfigArb: fc.Arbitrary<NetworkConfig> = fc.record({
  inputs: fc.integer({ min: 1, max: 4 }),
  hidden: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
  out: fc.constantFrom(['mse', 'tanh', 1], ['bce', 'sigmoid', 1], ['softmax-ce', 'softmax', 3], ['mse', 'linear', 2]),
  optimizer: fc.constantFrom('sgd', 'momentum', 'adam'),
  seed: fc.nat(),
}).map(({ inputs, hidden, out, optimizer, seed }) => ({
  inputs,
  layers: [...hidden.map((units) => ({ units, activation: 'tanh' as const })), { units: out[2] as number, activation: out[1] as 'tanh' }],
  loss: out[0] as 'mse',
  optimizer: { type: optimizer as 'sgd', learningRate: 0.01 },
  seed,
}));

/** Arrays as callers pass them: typed or plain, of about the right length, with awkward values. */
function floats(wanted: number): fc.Arbitrary<unknown> {
  // The right length is only defined for a sane shape; otherwise any short array.
  const length = Number.isSafeInteger(wanted) && wanted >= 0 && wanted <= 1000 ? wanted : 2;
  const len = fc.oneof({ weight: 4, arbitrary: fc.constant(length) }, { weight: 1, arbitrary: fc.constantFrom(0, Math.max(0, length - 1), length + 1, 2 * length) });
  const value = fc.oneof({ weight: 3, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }, { weight: 1, arbitrary: awkwardNumber });
  return fc.oneof(
    { weight: 4, arbitrary: len.chain((n) => fc.array(value, { minLength: n, maxLength: n })).chain((a) => fc.constantFrom(Float32Array.from(a), Float64Array.from(a), a)) },
    { weight: 1, arbitrary: fc.oneof(anyValue, fc.constant(new Int32Array(length)), fc.constant(new Float32Array(0)), fc.array(fc.oneof(fc.string(), fc.constant(null)), { maxLength: 3 })) },
  );
}

describe('createNetwork', () => {
  it('any config: a network with exactly that config, or an MlpError naming the field', () => {
    checkHeap('createNetwork(config)', fc.property(configArb, (config) => {
      const r = attempt(() => mlp.createNetwork(config as NetworkConfig));
      if (!r.ok) return;
      const net = r.value;
      const c = config as NetworkConfig;
      const layers = c.layers as DenseLayerConfig[]; // configArb draws dense layers only
      expect(net.inputs).toBe(c.inputs);
      expect(net.layerSizes).toEqual(layers.map((l) => l.units));
      expect(net.config.layers).toEqual(layers.map((l) => ({ units: l.units, activation: l.activation })));
      expect(Object.getPrototypeOf(net.config)).toBe(Object.prototype);
      net.dispose();
    }), 1500);
  });
});

describe('Network methods', () => {
  /** One call on a network with arguments drawn for its shape. */
  const call = (inputs: number, outputs: number, sizes: number[]) =>
    fc.oneof(
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(floats(n * inputs), floats(n * outputs))).map(([x, y]) => ['trainBatch', (net: Network) => net.trainBatch(x as Float32Array, y as Float32Array)] as const),
      fc.integer({ min: 1, max: 5 }).chain((n) => floats(n * inputs)).map((x) => ['predict', (net: Network) => net.predict(x as Float32Array)] as const),
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(floats(n * inputs), floats(n * outputs), maybe(fc.record({ batchSize: maybe(fc.integer({ min: 1, max: 8 })), epochs: maybe(fc.integer({ min: 1, max: 3 })) }, { requiredKeys: [] })))).map(([x, y, o]) => ['trainEpoch', (net: Network) => net.trainEpoch({ x: x as Float32Array, y: y as Float32Array }, o as object)] as const),
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(floats(n * inputs), floats(n * outputs))).map(([x, y]) => ['evaluate', (net: Network) => net.evaluate({ x: x as Float32Array, y: y as Float32Array })] as const),
      fc.tuple(...sizes.map((units, l) => floats(units * (l === 0 ? inputs : sizes[l - 1]!))), ...sizes.map((units) => floats(units)))
        .map((arrays) => ['setParameters', (net: Network) => net.setParameters({ weights: arrays.slice(0, sizes.length) as Float32Array[], biases: arrays.slice(sizes.length) as Float32Array[] })] as const),
      fc.tuple(maybe(fc.integer({ min: 0, max: sizes.length })), maybe(fc.integer({ min: 0, max: 6 })), maybe(fc.integer({ min: 0, max: 6 })), awkwardNumber).map(([l, u, i, v]) => ['setWeight', (net: Network) => net.setWeight(l as number, u as number, i as number, v)] as const),
      fc.tuple(maybe(fc.integer({ min: 0, max: sizes.length })), maybe(fc.integer({ min: 0, max: 6 })), awkwardNumber).map(([l, u, v]) => ['setBias', (net: Network) => net.setBias(l as number, u as number, v)] as const),
      fc.tuple(maybe(fc.integer({ min: -1, max: sizes.length })), maybe(fc.integer({ min: -1, max: 6 })), maybe(fc.integer({ min: -1, max: 6 }))).map(([l, u, i]) => ['getWeight', (net: Network) => net.getWeight(l as number, u as number, i as number)] as const),
      awkwardNumber.map((v) => ['setLearningRate', (net: Network) => net.setLearningRate(v)] as const),
      awkwardNumber.map((v) => ['setClipNorm', (net: Network) => net.setClipNorm(v)] as const),
      maybe(fc.record({ type: maybe(fc.constantFrom('sgd', 'momentum', 'adam')), learningRate: maybe(fc.double()), beta1: maybe(fc.double()) }, { requiredKeys: ['type'] }), 2).map((o) => ['setOptimizer', (net: Network) => net.setOptimizer(o as never)] as const),
      maybe(fc.record({ type: maybe(fc.constantFrom('none', 'l1', 'l2')), rate: maybe(fc.double()) }, { requiredKeys: ['type'] }), 2).map((r) => ['setRegularization', (net: Network) => net.setRegularization(r as never)] as const),
      maybe(fc.nat(), 2).map((s) => ['reset', (net: Network) => net.reset(s as number)] as const),
      fc.record({
        width: maybe(fc.integer({ min: 1, max: 12 })), height: maybe(fc.integer({ min: 1, max: 12 })),
        xRange: maybe(fc.tuple(awkwardNumber, awkwardNumber)), dims: maybe(fc.constantFrom(1, 2)),
        features: maybe(fc.shuffledSubarray(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'], { minLength: inputs, maxLength: inputs })),
      }, { requiredKeys: ['width', 'features'] }).map((g) => ['evaluateGrid', (net: Network) => net.evaluateGrid(g as never)] as const),
    );

  it('any call with any arguments: a well-formed result, or an MlpError and the network unchanged', () => {
    const scenario = validConfigArb.chain((config) => {
      const sizes = (config.layers as DenseLayerConfig[]).map((l) => l.units);
      return fc.tuple(fc.constant(config), fc.array(call(config.inputs, sizes[sizes.length - 1]!, sizes), { minLength: 1, maxLength: 8 }));
    });
    checkHeap('Network methods', fc.property(scenario, ([config, calls]) => {
      const net = mlp.createNetwork(config);
      try {
        for (const [name, run] of calls) {
          const before = net.serialize();
          const r = attempt(() => run(net));
          if (!r.ok) {
            expect(net.serialize(), `${name} refused (${r.error.message}) but changed the network`).toBe(before);
            continue;
          }
          const v = r.value as unknown;
          if (name === 'predict') expect((v as Float32Array).length % net.outputs).toBe(0);
          if (name === 'trainBatch') expect(typeof v).toBe('number');
          if (name === 'evaluateGrid') expect((v as { data: Float32Array }).data.every((d) => typeof d === 'number')).toBe(true);
          // What the network holds stays finite whatever it was fed (a non-finite step is skipped).
          const p = net.getParameters();
          expect([...p.weights, ...p.biases].every((a) => a.every(Number.isFinite)), `${name} left non-finite parameters`).toBe(true);
        }
        // It still works after whatever happened.
        expect(net.predict(new Float32Array(net.inputs)).every(Number.isFinite)).toBe(true);
      } finally {
        net.dispose();
      }
    }), 600);
  });
});

// ---- loadNetwork --------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Replaces the value at a path (indices into the object's keys or array) of a JSON document. */
function mutate(doc: Json, path: number[], replacement: (old: Json) => Json): Json {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return replacement(doc);
  const [head, ...rest] = path;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return replacement(doc);
    const i = head! % doc.length;
    return doc.map((v, j) => (j === i ? mutate(v, rest, replacement) : v));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return replacement(doc);
  const k = keys[head! % keys.length]!;
  const out: { [k: string]: Json } = {};
  for (const key of keys) out[key] = key === k ? mutate(doc[key]!, rest, replacement) : doc[key]!;
  return out;
}

const nest = (depth: number, inner: string): string => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('loadNetwork', () => {
  it('any mutation of a saved network: a network that saves back the same, or an MlpError naming the field', () => {
    const replacement: fc.Arbitrary<(old: Json) => Json> = fc.oneof(
      fc.jsonValue().map((v) => () => v as Json),
      fc.constantFrom<(old: Json) => Json>(
        () => 'NaN', () => 'Infinity', () => '-0', () => -0, () => 1e-45, () => 3.5e38, () => null, () => ({}), () => [],
        () => ({ __proto__: { polluted: true } }) as unknown as Json,
        (old) => (Array.isArray(old) ? [...old, ...old] : old),
        (old) => (Array.isArray(old) ? old.slice(1) : old),
        (old) => (Array.isArray(old) ? old.map(String) : old),
        (old) => (Array.isArray(old) ? Array.from({ length: 100_000 }, (_, i) => i * 1e-3) : old),
        (old) => (old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, constructor: { prototype: { polluted: true } } } : old),
      ),
    );
    const base = fc.constantFrom<NetworkConfig>(
      { inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'tanh' }] },
      { inputs: 1, layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-ce', optimizer: { type: 'adam' } },
      { inputs: 3, layers: [{ units: 2, activation: 'gelu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce', optimizer: { type: 'momentum' } },
    );
    const text = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(base, fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), replacement), { minLength: 1, maxLength: 3 })).map(([config, edits]) => {
        const net = mlp.createNetwork(config);
        let doc = JSON.parse(net.serialize()) as Json;
        net.dispose();
        for (const [path, r] of edits) doc = mutate(doc, path, r);
        return JSON.stringify(doc);
      }) },
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), fc.json(), fc.integer({ min: 1, max: 20_000 }).map((d) => nest(d, '1')), fc.integer({ min: 1, max: 5000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)), fc.constantFrom('{"x":1e400}', '{"format":"mlp-playground/network","version":1e400}', '"json"', 'null', '[]', '{"":1}')) },
    );
    checkHeap('loadNetwork(text)', fc.property(text, (t) => {
      const r = attempt(() => mlp.loadNetwork(t));
      if (!r.ok) return;
      const saved = r.value.serialize();
      r.value.dispose();
      const again = mlp.loadNetwork(saved);
      expect(again.serialize()).toBe(saved);
      again.dispose();
    }), 1500);
  });

  it('any object: an MlpError for what JSON cannot hold (cycles, BigInt, deep nesting), never a TypeError or RangeError', () => {
    const cyclic: Record<string, unknown> = { format: 'mlp-playground/network' };
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const values = fc.oneof(fc.object(), fc.anything(), fc.constantFrom<unknown>(cyclic, { a: 1n }, { deep }, Object.create(null), new Map(), [1, 2], new Float32Array(2), () => 1, Symbol('s')));
    checkHeap('loadNetwork(object)', fc.property(values, (v) => {
      attempt(() => mlp.loadNetwork(v as object));
    }), 500);
  });
});

describe('loadONNX', () => {
  it('any bytes (mutated exports, random bytes, not bytes at all): a network that predicts as the file says, or an MlpError naming the field', () => {
    const sources = [
      { inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'tanh' }] },
      { inputs: 3, features: ['x1', 'x2', 'x1x2'], layers: [{ units: 2, activation: 'gelu' }, { units: 4, activation: 'swish' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' },
      { inputs: 1, features: ['x1'], layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'linear' }] },
    ] as NetworkConfig[];
    const models = sources.map((c) => {
      const net = mlp.createNetwork(c);
      const bytes = net.toONNX();
      net.dispose();
      return bytes;
    });
    const mutated = fc.tuple(fc.constantFrom(...models.keys()), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { freq: 3 }))
      .map(([m, edits, cut]) => {
        const b = Uint8Array.from(models[m]!);
        for (const [at, v] of edits) b[at % b.length] = v;
        return cut === null ? b : b.subarray(0, cut % (b.length + 1));
      });
    const input = fc.oneof(
      { weight: 6, arbitrary: mutated },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(new Uint8Array(0), new ArrayBuffer(8), null, undefined, 'onnx', [8, 7], {}, new Float32Array(4)) },
    );
    checkHeap('loadONNX(bytes)', fc.property(input, (bytes) => {
      const r = attempt(() => mlp.loadONNX(bytes as Uint8Array));
      if (!r.ok) return;
      const net = r.value;
      // What it read writes back to a model that reads back to the same network.
      const again = mlp.loadONNX(net.toONNX());
      expect(again.serialize()).toBe(net.serialize());
      again.dispose();
      net.dispose();
    }), 1000);
  });
});

// ---- datasets ------------------------------------------------------------------------------

describe('datasets', () => {
  const names = (): string[] => mlp.datasets.map((d) => d.name);

  it('generateDataset: any spec gives a consistent split, or an MlpError naming the field', () => {
    const spec = fc.record({
      name: maybe(fc.constantFrom(...names())),
      samples: maybe(fc.integer({ min: 0, max: 2000 })),
      noise: maybe(fc.double({ min: 0, max: 0.5, noNaN: true })),
      classes: maybe(fc.integer({ min: 2, max: 6 })),
      trainRatio: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      seed: maybe(fc.nat()),
    }, { requiredKeys: ['name'] });
    checkHeap('generateDataset(spec)', fc.property(spec, (s) => {
      const r = attempt(() => mlp.generateDataset(s as never));
      if (!r.ok) return;
      for (const d of [r.value.train, r.value.test]) {
        expect(d.x.length).toBe(d.size * d.dims);
        expect(d.y.length).toBe(d.size);
        expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
        if (d.problem === 'classification') expect(d.y.every((v) => Number.isInteger(v) && v >= 0 && v < d.classes)).toBe(true);
      }
      // samples 0 asks for the dataset's default number of points.
      if (typeof s.samples === 'number' && s.samples > 0) expect(r.value.train.size + r.value.test.size).toBe(s.samples);
    }), 800);
  });

  it('makeDataset, splitDataset and prepare: any points give a dataset, or an MlpError naming the field', () => {
    const points = fc.record({
      problem: maybe(fc.constantFrom('classification', 'regression')),
      dims: maybe(fc.constantFrom(1, 2)),
      classes: maybe(fc.integer({ min: 0, max: 7 })),
      n: fc.integer({ min: 0, max: 12 }),
    }).chain((p) => fc.tuple(fc.constant(p), floats(p.n * (typeof p.dims === 'number' ? p.dims : 2)), fc.oneof(floats(p.n), fc.array(fc.integer({ min: -1, max: 7 }), { minLength: p.n, maxLength: p.n })), fc.double({ min: -0.5, max: 1.5 })));
    checkHeap('makeDataset(points)', fc.property(points, ([p, x, y, ratio]) => {
      const r = attempt(() => mlp.makeDataset({ problem: p.problem, dims: p.dims, classes: p.classes, x, y } as never));
      if (!r.ok) return;
      const d = r.value;
      expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
      const split = attempt(() => mlp.splitDataset(d, ratio, 3));
      if (split.ok) expect(split.value.train.size + split.value.test.size).toBe(d.size);
      const net = mlp.createNetwork({ inputs: d.dims, layers: [{ units: 1, activation: 'tanh' }] });
      const prepared = attempt(() => net.prepare(d, d.dims === 1 ? ['x1'] : ['x1', 'x2']));
      if (prepared.ok) prepared.value.dispose();
      net.dispose();
    }), 800);
  });

  it('createTrainingData: any arrays and shape give data of that shape, or an MlpError naming the field', () => {
    const args = fc.record({ inputs: maybe(fc.integer({ min: 1, max: 4 })), outputs: maybe(fc.integer({ min: 1, max: 3 })), n: fc.integer({ min: 0, max: 6 }) })
      .chain((s) => fc.tuple(fc.constant(s), floats(s.n * (typeof s.inputs === 'number' ? s.inputs : 1)), floats(s.n * (typeof s.outputs === 'number' ? s.outputs : 1))));
    checkHeap('createTrainingData(x, y, shape)', fc.property(args, ([s, x, y]) => {
      const r = attempt(() => mlp.createTrainingData(x as Float32Array, y as Float32Array, { inputs: s.inputs as number, outputs: s.outputs as number }));
      if (!r.ok) return;
      expect([r.value.inputs, r.value.outputs, r.value.size]).toEqual([s.inputs, s.outputs, (x as ArrayLike<number>).length / (s.inputs as number)]);
      r.value.dispose();
    }), 800);
  });
});
