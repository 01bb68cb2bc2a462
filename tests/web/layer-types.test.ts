// The layer types through the npm API on the real wasm module: net.layers (what a diagram
// needs: each layer's type, activation and shapes), parameters of conv2d layers in PyTorch
// layout, residual and image networks' configs and their errors by field, the grid refused
// for image inputs, and a small CNN that learns the 14×14 digits. Gradients and trajectories
// are checked in C++ (finite differences in double, PyTorch golden files) and by the exporters'
// tables (export-pytorch, export-onnx).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../../web/src/core/digits.js';
import { loadCore, type LayerConfig, MlpError, type MlpCore, type NetworkConfig } from '../../web/src/core/index.js';

let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

const CNN: NetworkConfig = {
  inputs: 784,
  inputShape: [1, 28, 28],
  layers: [
    { type: 'conv2d', channels: 8, kernel: 5, padding: 'same', activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'conv2d', channels: 16, kernel: 3, stride: 2, activation: 'tanh' },
    { units: 10, activation: 'softmax' },
  ],
  loss: 'softmax-ce',
};

function fails(config: NetworkConfig, field: string, message: string): void {
  let error: unknown = null;
  try {
    mlp.createNetwork(config).dispose();
  } catch (e) {
    error = e;
  }
  expect(error, `${field}: ${message}`).toBeInstanceOf(MlpError);
  expect((error as MlpError).field).toBe(field);
  expect((error as MlpError).message).toContain(message);
}

describe('net.layers', () => {
  it('describes each layer: type, activation, input and output shapes, where its parameters are', () => {
    const net = mlp.createNetwork(CNN);
    expect(net.layers).toEqual([
      { type: 'conv2d', activation: 'relu', residual: false, inputShape: [1, 28, 28], outputShape: [8, 28, 28], parameterIndex: 0, weightShape: [8, 1, 5, 5] },
      { type: 'maxpool', activation: null, residual: false, inputShape: [8, 28, 28], outputShape: [8, 14, 14], parameterIndex: null, weightShape: null },
      // valid 3×3 at stride 2: (14 - 3) / 2 + 1 = 6
      { type: 'conv2d', activation: 'tanh', residual: false, inputShape: [8, 14, 14], outputShape: [16, 6, 6], parameterIndex: 1, weightShape: [16, 8, 3, 3] },
      { type: 'dense', activation: 'softmax', residual: false, inputShape: [16, 6, 6], outputShape: [10], parameterIndex: 2, weightShape: [10, 576] },
    ]);
    expect(Object.isFrozen(net.layers) && Object.isFrozen(net.layers[0])).toBe(true);
    expect(net.layerSizes).toEqual([8 * 28 * 28, 8 * 14 * 14, 16 * 36, 10]);
    expect(net.parameterCount).toBe(8 * 25 + 8 + 16 * 72 + 16 + 10 * 576 + 10);
    expect(net.config.inputShape).toEqual([1, 28, 28]);
    // Every field filled in, as the core resolved it.
    expect(net.config.layers[2]).toEqual({ type: 'conv2d', channels: 16, kernel: 3, stride: 2, padding: 'valid', activation: 'tanh' });
    net.dispose();
    expect(() => net.layers).toThrow(MlpError);

    const res = mlp.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 4, activation: 'relu', residual: true }, { units: 1, activation: 'tanh' }] });
    expect(res.layers.map((l) => [l.type, l.residual, l.inputShape, l.outputShape])).toEqual([['dense', false, [2], [4]], ['dense', true, [4], [4]], ['dense', false, [4], [1]]]);
    expect(res.config.layers[1]).toEqual({ units: 4, activation: 'relu', residual: true });
    expect(res.config.layers[0]).toEqual({ units: 4, activation: 'tanh' });
    res.dispose();
  });
});

describe('parameters of image networks', () => {
  it('lists the layers that have them in PyTorch layout, and names a wrong size', () => {
    const net = mlp.createNetwork(CNN);
    const p = net.getParameters();
    expect(p.weights.map((w) => w.length)).toEqual([200, 1152, 5760]);
    expect(p.biases.map((b) => b.length)).toEqual([8, 16, 10]);
    // A conv2d weight is [out, in, k, k] row-major: getWeight(layer, out channel, (c·k + i)·k + j).
    const w = p.weights[1]!;
    expect(net.getWeight(2, 3, (5 * 3 + 1) * 3 + 2)).toBe(w[3 * 72 + (5 * 3 + 1) * 3 + 2]);
    expect(() => net.getWeight(1, 0, 0)).toThrow(MlpError);
    const q = { weights: p.weights.map((x) => x.map((v, i) => v + i * 1e-3)), biases: p.biases.map((b) => b.map(() => 0.25)) };
    net.setParameters(q);
    expect(net.getParameters()).toEqual(q);
    expect(() => net.setParameters({ weights: q.weights.slice(0, 2), biases: q.biases })).toThrow('weights: must be an array of 3 layers (those with parameters)');
    expect(() => net.setParameters({ weights: [q.weights[0]!, new Float32Array(10), q.weights[2]!], biases: q.biases })).toThrow('weights[1]: needs 1152 values ([16, 8, 3, 3] row-major)');
    expect(net.getParameters()).toEqual(q); // unchanged by the refused calls
    net.dispose();
  });

  it('a network file keeps the layers: serialize and loadNetwork round trip', () => {
    const net = mlp.createNetwork(CNN);
    const x = new Float32Array(2 * 784).map((_, i) => (i % 29) / 28);
    const y = new Float32Array(20).map((_, i) => (i % 10 === i / 10 ? 1 : 0));
    net.trainBatch(x, y);
    const back = mlp.loadNetwork(net.serialize());
    expect(back.config).toEqual(net.config);
    expect(back.layers).toEqual(net.layers);
    expect(back.predict(x)).toEqual(net.predict(x));
    expect(back.trainBatch(x, y)).toBe(net.trainBatch(x, y));
    back.dispose();
    net.dispose();
  });
});

describe('errors name the field', () => {
  const image = (layers: LayerConfig[], shape: [number, number, number] = [1, 6, 6]): NetworkConfig => ({ inputs: shape[0] * shape[1] * shape[2], inputShape: shape, layers: [...layers, { units: 2, activation: 'softmax' }], loss: 'softmax-ce' });
  const conv = (extra: object = {}): LayerConfig => ({ type: 'conv2d', channels: 2, kernel: 3, activation: 'relu', ...extra }) as LayerConfig;

  it('invalid conv2d and maxpool configs', () => {
    fails(image([conv({ kernel: 4 })]), 'layers[0].kernel', 'must be 3 or 5 (a 3 x 3 or 5 x 5 kernel), got 4');
    fails(image([conv({ channels: 0 })]), 'layers[0].channels', 'must be an integer in [1, 32], got 0');
    fails(image([conv({ stride: 3 })]), 'layers[0].stride', 'must be 1 or 2, got 3');
    fails(image([conv({ padding: 'full' })]), 'layers[0].padding', 'unknown value "full"');
    fails({ ...image([conv()]), inputs: 35 }, 'inputShape', '[1, 6, 6] is 36 values, but inputs is 35');
    fails({ ...image([conv()]), inputShape: undefined }, 'inputShape', 'is required: layers[0] is a conv2d layer');
    fails({ inputs: 36, inputShape: [1, 6, 6], layers: [{ units: 4, activation: 'relu' }, conv(), { units: 2, activation: 'softmax' }] }, 'layers[1].type', 'must come before every dense layer');
    fails(image([{ type: 'maxpool' }, { type: 'maxpool' }, { type: 'maxpool' }]), 'layers[2].size', 'a 2 x 2 window does not fit the 1 x 1 image it reads');
    fails(image([conv({ kernel: 5 })], [1, 3, 3]), 'layers[0].kernel', 'a 5 x 5 kernel does not fit the 3 x 3 image it reads');
    fails(image([{ type: 'maxpool', size: 3 } as unknown as LayerConfig]), 'layers[0].size', 'must be 2');
    fails({ inputs: 36, inputShape: [1, 6, 6], layers: [conv()] }, 'layers[0].type', 'the output (last) layer must be dense');
  });

  it('residual layers: equal widths, hidden only', () => {
    fails({ inputs: 2, layers: [{ units: 4, activation: 'tanh', residual: true }, { units: 1, activation: 'tanh' }] }, 'layers[0].residual', "its units must equal its input's width (2), got 4");
    fails({ inputs: 2, layers: [{ units: 2, activation: 'tanh' }, { units: 2, activation: 'tanh', residual: true }] }, 'layers[1].residual', 'the output (last) layer cannot be residual');
  });

  it('no grid for image inputs', () => {
    const net = mlp.createNetwork(CNN);
    expect(() => net.evaluateGrid({ width: 4, features: ['x1', 'x2'] })).toThrow(MlpError);
    try {
      net.evaluateGrid({ width: 4, features: ['x1', 'x2'] });
    } catch (e) {
      expect((e as MlpError).field).toBe('grid');
    }
    net.dispose();
  });
});

describe('a small CNN learns the digits', () => {
  it('14×14 → conv 8@3×3 same ReLU → maxpool → conv 16@3×3 same ReLU → maxpool → 10 softmax, Adam, 3 epochs on 2,000 digits: test accuracy ≥ 87 % (89.4 % measured)', async () => {
    const { train, test } = await loadDigits({ samples: 2500, seed: 1, size: 14 });
    const oneHot = (y: Float32Array) => {
      const t = new Float32Array(y.length * 10);
      y.forEach((v, i) => (t[i * 10 + v] = 1));
      return t;
    };
    const net = mlp.createNetwork({
      inputs: 196,
      inputShape: [1, 14, 14],
      layers: [
        { type: 'conv2d', channels: 8, kernel: 3, padding: 'same', activation: 'relu' },
        { type: 'maxpool' },
        { type: 'conv2d', channels: 16, kernel: 3, padding: 'same', activation: 'relu' },
        { type: 'maxpool' },
        { units: 10, activation: 'softmax' },
      ],
      loss: 'softmax-ce',
      optimizer: { type: 'adam', learningRate: 0.003 },
      init: 'he',
      seed: 1,
    });
    const r = net.trainEpoch({ x: train.x, y: oneHot(train.y) }, { batchSize: 32, epochs: 3 });
    expect(r.diverged).toBe(false);
    expect(net.evaluate({ x: test.x, y: oneHot(test.y) }).accuracy).toBeGreaterThanOrEqual(0.87);
    net.dispose();
  });
});
