// No leak across the boundary: creating, training and disposing 10,000 networks (with
// prepared data and grid evaluations) leaves the wasm heap where it started.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';

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
