// Each conv channel's feature map (app/digits/feature-maps.ts) against a convolution written
// out here in double from the network's own parameters (PyTorch layout), on a real MNIST digit:
// same padding with ReLU, and valid padding at stride 2 with tanh (maps below zero).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import type { Conv2dLayerConfig } from '../../web/src/core/types.js';
import { featureMaps } from '../../web/src/app/digits/feature-maps.js';

const mnistDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
const seven = Float32Array.from((JSON.parse(readFileSync(`${mnistDir}/src/digits/7.json`, 'utf8')).data as number[]).slice(0, 784));

/** The conv layer's activations in double, channel by channel, each scaled to its own [min, max]. */
function expected(x: Float32Array, w: Float32Array, b: Float32Array, l: Conv2dLayerConfig): { side: number; maps: number[][] } {
  const k = l.kernel, s = l.stride ?? 1, pad = l.padding === 'same' ? Math.floor(k / 2) : 0;
  const side = Math.floor((28 + 2 * pad - k) / s) + 1;
  const act = l.activation === 'relu' ? (v: number) => Math.max(0, v) : Math.tanh;
  const maps: number[][] = [];
  for (let c = 0; c < l.channels; c++) {
    const a: number[] = [];
    for (let oy = 0; oy < side; oy++) for (let ox = 0; ox < side; ox++) {
      let z = b[c]!;
      for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) {
        const iy = oy * s + dy - pad, ix = ox * s + dx - pad;
        if (iy >= 0 && iy < 28 && ix >= 0 && ix < 28) z += w[(c * k + dy) * k + dx]! * x[iy * 28 + ix]!;
      }
      a.push(act(z));
    }
    const lo = Math.min(...a), hi = Math.max(...a);
    maps.push(a.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0)));
  }
  return { side, maps };
}

describe('feature maps', () => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore();
  });

  it.each([
    { type: 'conv2d', channels: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { type: 'conv2d', channels: 3, kernel: 5, stride: 2, padding: 'valid', activation: 'tanh' },
  ] as Conv2dLayerConfig[])('are the layer\'s own convolution of the digit, per channel: %o', (conv) => {
    const net = mlp.createNetwork({ inputs: 784, inputShape: [1, 28, 28], layers: [conv, { type: 'maxpool', size: 2 }, { units: 10, activation: 'softmax' }], loss: 'softmax-ce', seed: 3 });
    try {
      const p = net.getParameters();
      const want = expected(seven, p.weights[0]!, p.biases[0]!, conv);
      const [f, ...rest] = featureMaps(net, seven);
      expect(rest).toEqual([]);
      expect(f!.layer).toBe(0);
      expect(f!.channels).toBe(conv.channels);
      expect(f!.side).toBe(want.side);
      const area = want.side * want.side;
      for (let c = 0; c < conv.channels; c++) {
        const got = Array.from(f!.maps.subarray(c * area, (c + 1) * area));
        got.forEach((v, i) => expect(v).toBeCloseTo(want.maps[c]![i]!, 4));
        // Not blank: the digit makes each map vary.
        expect(Math.max(...got) - Math.min(...got)).toBeGreaterThan(0.5);
      }
    } finally {
      net.dispose();
    }
  });

  it('are none for a network without conv layers', () => {
    const net = mlp.createNetwork({ inputs: 784, layers: [{ units: 8, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-ce' });
    try {
      expect(featureMaps(net, seven)).toEqual([]);
    } finally {
      net.dispose();
    }
  });
});
