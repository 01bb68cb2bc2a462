// The library reproduces the C++ suite's recorded trajectories (tests/golden/*.json,
// checked by tests/cpp/test_golden.cpp): same config, seed and batch through the npm API
// give the same losses and parameters to 1e-5, in both wasm builds.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCore, type NetworkConfig } from '../../web/src/core/index.js';

const dir = new URL('../golden/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

interface Golden {
  config: NetworkConfig;
  samples: number;
  steps: number;
  x: number[];
  y: number[];
  losses: number[];
  parameters: number[];
}

describe.each([true, false])('golden trajectories (simd %s)', (simd) => {
  it.each(files)('%s', async (file) => {
    const g = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Golden;
    const mlp = await loadCore({ simd });
    const net = mlp.createNetwork(g.config);
    const x = Float32Array.from(g.x), y = Float32Array.from(g.y);
    g.losses.forEach((want, step) => {
      const loss = net.trainBatch(x, y);
      expect(Math.abs(loss - want), `step ${step}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
    });
    const p = net.getParameters();
    const flat = p.weights.flatMap((w, l) => [...w, ...p.biases[l]!]);
    expect(flat).toHaveLength(g.parameters.length);
    flat.forEach((v, i) => expect(Math.abs(v - g.parameters[i]!), `parameter ${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(g.parameters[i]!))));
    net.dispose();
  });
});
