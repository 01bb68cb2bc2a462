// No leak across the boundary: creating, training and disposing 10,000 networks (with
// prepared data and grid evaluations) leaves the wasm heap where it started, and so does
// every call of every binding, rejected or not, repeated 1,000 times (both builds: the
// scalar one unwinds C++ exceptions through JavaScript, the SIMD one with wasm's own).
import { describe, expect, it } from 'vitest';
import { type Feature, loadCore, type MlpCore, MlpError, type NetworkConfig } from '../../web/src/core/index.js';

describe('wasm heap', () => {
  it('returns to its starting size after 10,000 networks', async () => {
    const mlp = await loadCore();
    const data = mlp.generateDataset({ name: 'xor', samples: 40, seed: 1 });
    // Warm up once so lazily created runtime structures are not counted as a leak.
    const warm = mlp.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const warmData = warm.prepare(data.train, ['x1', 'x2']);
    warm.trainEpoch(warmData);
    warmData.dispose();
    warm.dispose();
    const start = mlp.heapBytesInUse();
    for (let i = 0; i < 10_000; i++) {
      const net = mlp.createNetwork({
        inputs: 2,
        layers: [{ units: 1 + (i % 7), activation: 'tanh' }, { units: 1, activation: 'tanh' }],
        optimizer: { type: i % 2 ? 'adam' : 'momentum', learningRate: 0.01 },
        seed: i,
      });
      const train = net.prepare(data.train, ['x1', 'x2']);
      net.trainEpoch(train, { batchSize: 5 });
      net.trainBatch(new Float32Array([1, 2]), new Float32Array([1]));
      if (i % 100 === 0) {
        net.evaluateGrid({ width: 16, features: ['x1', 'x2'] });
        mlp.loadNetwork(net.serialize()).dispose();
      }
      train.dispose();
      net.dispose();
    }
    expect(mlp.heapBytesInUse()).toBe(start);
  });
});

// Each case is one call into the core. `rejected` ones must throw an MlpError raised by the
// core itself (a message the TypeScript layer does not write), the others must succeed.
type Case = [name: string, kind: 'rejected' | 'ok', call: () => unknown];

function cases(mlp: MlpCore): { list: Case[]; cleanup: () => void } {
  const config: NetworkConfig = {
    inputs: 2,
    layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
    optimizer: { type: 'adam', learningRate: 0.01 },
  };
  const net = mlp.createNetwork(config);
  const other = mlp.createNetwork({ inputs: 3, layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-ce' });
  const text = net.serialize();
  const wrongType = text.replace('"inputs":2', '"inputs":"2"');
  const wrongField = text.replace('"activation":"tanh"', '"activation":"tanhh"');
  const xor = mlp.generateDataset({ name: 'xor', samples: 40 });
  const sin = mlp.generateDataset({ name: 'sin', samples: 20 });
  const data = net.prepare(xor.train, ['x1', 'x2']);
  const otherData = other.prepare(mlp.generateDataset({ name: 'blobs-k', classes: 2, samples: 20 }).train, ['x1', 'x2', 'x1x2']);
  const x = new Float32Array([0.5, -0.5, 1, 2]), y = new Float32Array([1, -1]);
  const bad = new Float32Array([0.5, NaN, 1, 2]);
  const features: Feature[] = ['x1', 'x2'];
  const params = net.getParameters();
  const list: Case[] = [
    ['createNetwork: unknown activation', 'rejected', () => mlp.createNetwork({ ...config, layers: [{ units: 2, activation: 'tanhh' as 'tanh' }] })],
    ['createNetwork: wrong type', 'rejected', () => mlp.createNetwork({ ...config, seed: 'one' as unknown as number })],
    ['createNetwork: out of range', 'rejected', () => mlp.createNetwork({ ...config, optimizer: { type: 'adam', learningRate: -1 } })],
    ['createNetwork: unknown field', 'rejected', () => mlp.createNetwork({ ...config, colour: 'red' } as NetworkConfig)],
    ['createNetwork', 'ok', () => mlp.createNetwork(config).dispose()],
    ['loadNetwork: unparsable', 'rejected', () => mlp.loadNetwork('{nope')],
    ['loadNetwork: wrong type', 'rejected', () => mlp.loadNetwork(wrongType)],
    ['loadNetwork: wrong field', 'rejected', () => mlp.loadNetwork(wrongField)],
    ['loadNetwork: other format', 'rejected', () => mlp.loadNetwork('{"format":"keras"}')],
    ['loadNetwork', 'ok', () => mlp.loadNetwork(text).dispose()],
    ['trainBatch: NaN input', 'rejected', () => net.trainBatch(bad, y)],
    ['trainBatch', 'ok', () => net.trainBatch(x, y)],
    ['trainEpoch: batch size 0', 'rejected', () => net.trainEpoch(data, { batchSize: 0 })],
    ['trainEpoch: data of another network', 'rejected', () => net.trainEpoch(otherData)],
    ['trainEpoch: arrays, 0 epochs', 'rejected', () => net.trainEpoch({ x, y }, { epochs: 0 })],
    ['trainEpoch', 'ok', () => net.trainEpoch(data, { batchSize: 8, epochs: 2 })],
    ['trainEpoch: arrays', 'ok', () => net.trainEpoch({ x, y })],
    ['trainEpoch: a part of 2 epochs', 'rejected', () => net.trainEpoch(data, { part: true, epochs: 2 })],
    ['trainEpoch: a part', 'ok', () => net.trainEpoch(data, { part: true, batchSize: 8 })],
    ['endEpoch: NaN loss', 'rejected', () => net.endEpoch({ loss: NaN })],
    ['endEpoch: test of another network', 'rejected', () => net.endEpoch({ loss: 0.1, test: otherData })],
    ['endEpoch: test arrays', 'ok', () => net.endEpoch({ loss: 0.1, test: { x, y } })],
    ['predict: NaN input', 'rejected', () => net.predict(bad)],
    ['predict', 'ok', () => net.predict(x)],
    ['evaluate: NaN input', 'rejected', () => net.evaluate({ x: bad, y })],
    ['evaluate: data of another network', 'rejected', () => net.evaluate(otherData)],
    ['evaluate', 'ok', () => net.evaluate(data)],
    ['evaluateGrid: unknown feature', 'rejected', () => net.evaluateGrid({ width: 8, features: ['x1', 'x7' as Feature] })],
    ['evaluateGrid: too wide', 'rejected', () => net.evaluateGrid({ width: 5000, features })],
    ['evaluateGrid: feature count', 'rejected', () => net.evaluateGrid({ width: 8, features: ['x1'] })],
    ['evaluateGrid', 'ok', () => net.evaluateGrid({ width: 8, features })],
    ['evaluateGrid: outputs, no copy', 'ok', () => net.evaluateGrid({ width: 8, features }, { units: 'outputs', copy: false })],
    ['setParameters: NaN', 'rejected', () => net.setParameters({ weights: [new Float32Array(8).fill(NaN), params.weights[1]!], biases: params.biases })],
    ['setParameters', 'ok', () => net.setParameters(params)],
    ['getWeight: no such unit', 'rejected', () => net.getWeight(0, 9, 0)],
    ['setWeight: no such layer', 'rejected', () => net.setWeight(7, 0, 0, 1)],
    ['setWeight: NaN', 'rejected', () => net.setWeight(0, 0, 0, NaN)],
    ['getBias: no such unit', 'rejected', () => net.getBias(1, 3)],
    ['setBias: infinite', 'rejected', () => net.setBias(0, 0, Infinity)],
    ['get and set a weight and a bias', 'ok', () => net.setBias(0, 0, net.getBias(0, 0) + 0 * net.getWeight(0, 0, 0))],
    ['setLearningRate: negative', 'rejected', () => net.setLearningRate(-1)],
    ['setLearningRate', 'ok', () => net.setLearningRate(0.01)],
    ['setOptimizer: unknown type', 'rejected', () => net.setOptimizer({ type: 'rmsprop' as 'sgd' })],
    ['setOptimizer: wrong type', 'rejected', () => net.setOptimizer({ type: 'adam', beta1: 'x' as unknown as number })],
    ['setOptimizer', 'ok', () => net.setOptimizer({ type: 'adam', learningRate: 0.01 })],
    ['setRegularization: out of range', 'rejected', () => net.setRegularization({ type: 'l2', rate: -1 })],
    ['setRegularization', 'ok', () => net.setRegularization({ type: 'l2', rate: 0.001 })],
    ['setClipNorm: negative', 'rejected', () => net.setClipNorm(-1)],
    ['setClipNorm', 'ok', () => net.setClipNorm(0)],
    ['reset: seed 1.5', 'rejected', () => net.reset(1.5)],
    ['reset', 'ok', () => net.reset(3)],
    ['prepare: feature count', 'rejected', () => net.prepare(xor.train, ['x1'])],
    ['prepare: x2 of 1-D data', 'rejected', () => net.prepare(sin.train, ['x1', 'x2'])],
    ['prepare: labels the outputs cannot encode', 'rejected', () => other.prepare(sin.train, ['x1', 'x1sq', 'sinx1'])],
    ['prepare', 'ok', () => net.prepare(xor.train, features).dispose()],
    ['serialize and config', 'ok', () => mlp.loadNetwork(JSON.stringify({ ...JSON.parse(net.serialize()), config: net.config })).dispose()],
    ['generateDataset: unknown name', 'rejected', () => mlp.generateDataset({ name: 'moon' })],
    ['generateDataset: wrong type', 'rejected', () => mlp.generateDataset({ name: 'xor', noise: 'x' as unknown as number })],
    ['generateDataset: out of range', 'rejected', () => mlp.generateDataset({ name: 'spiral-k', classes: 9 })],
    ['generateDataset', 'ok', () => mlp.generateDataset({ name: 'spiral', samples: 30 })],
    ['makeDataset: label out of range', 'rejected', () => mlp.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [0, 0], y: [5] })],
    ['makeDataset', 'ok', () => mlp.makeDataset({ problem: 'regression', dims: 1, classes: 0, x: [0, 1], y: [1, 2] })],
    ['splitDataset: ratio 0', 'rejected', () => mlp.splitDataset(xor.train, 0)],
    ['splitDataset: seed -1', 'rejected', () => mlp.splitDataset(xor.train, 0.5, -1)],
    ['splitDataset', 'ok', () => mlp.splitDataset(xor.train, 0.5, 2)],
    ['createTrainingData: too many outputs', 'rejected', () => mlp.createTrainingData(x, new Float32Array(2 * 2000), { inputs: 2, outputs: 2000 })],
    ['createTrainingData', 'ok', () => mlp.createTrainingData(x, y, { inputs: 2, outputs: 1 }).dispose()],
    ['computeFeatures: unknown feature', 'rejected', () => mlp.computeFeatures(x, 2, ['x1', 'y' as Feature])],
    ['computeFeatures', 'ok', () => mlp.computeFeatures(x, 2, mlp.features)],
    ['featureGrid: x2 of 1-D', 'rejected', () => mlp.featureGrid({ width: 8, dims: 1, features: ['sinx2'] })],
    ['featureGrid', 'ok', () => mlp.featureGrid({ width: 8, features: mlp.features as Feature[] })],
  ];
  return {
    list,
    cleanup: () => {
      for (const o of [data, otherData, net, other]) o.dispose();
    },
  };
}

describe.each([
  ['simd', true],
  ['scalar', false],
])('wasm heap, %s build, every binding', (_name, simd) => {
  it('comes back to its baseline after 1,000 of each call, rejected or not', async () => {
    const mlp = await loadCore({ simd });
    const { list, cleanup } = cases(mlp);
    const grown: string[] = [];
    for (const [name, kind, call] of list) {
      const once = (): void => {
        if (kind === 'ok') {
          call();
          return;
        }
        try {
          call();
        } catch (e) {
          if (!(e instanceof MlpError)) throw e;
          return;
        }
        throw new Error(`${name}: was not rejected`);
      };
      once();  // warm-up: lazily created runtime structures are not a leak
      const start = mlp.heapBytesInUse();
      for (let i = 0; i < 1000; i++) once();
      const growth = mlp.heapBytesInUse() - start;
      if (growth !== 0) grown.push(`${name}: +${growth} bytes`);
    }
    cleanup();
    expect(grown).toEqual([]);
  });
});
