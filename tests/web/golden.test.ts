// The library follows the golden trajectories (tests/golden/*.json) that PyTorch computed
// (tests/golden/regenerate.py; test_golden.cpp checks the same files in C++): from the
// recorded initial parameters (the core's for the seed) on the recorded batches, the npm
// API gives PyTorch's losses and final parameters to 1e-5, in both wasm builds.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCore, type NetworkConfig } from '../../web/src/core/index.js';
import { agreement, fmt } from './support/exported.js';

const dir = new URL('../golden/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const report: string[] = [];
afterAll(() => console.log(report.join('\n')));

interface Golden {
  config: NetworkConfig;
  samples: number;
  x: number[];
  y: number[];
  batches: number[][];
  initialParameters: number[];
  losses: number[];
  parameters: number[];
}

const close = (got: number, want: number): boolean => Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want));

describe.each([true, false])('golden trajectories (simd %s)', (simd) => {
  it.each(files)('%s', async (file) => {
    const g = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Golden;
    const mlp = await loadCore({ simd });
    const net = mlp.createNetwork(g.config);
    // The flat parameters of the file (weights then bias of each layer that has them).
    const split = (flat: ArrayLike<number>, start: number): { weights: Float32Array[]; biases: Float32Array[] } => {
      const weights: Float32Array[] = [], biases: Float32Array[] = [];
      let at = start;
      for (const l of net.layers) {
        if (!l.weightShape) continue;
        weights.push(Float32Array.from(Array.prototype.slice.call(flat, at, (at += l.weightShape.reduce((a, b) => a * b, 1)))));
        biases.push(Float32Array.from(Array.prototype.slice.call(flat, at, (at += l.weightShape[0]!))));
      }
      return { weights, biases };
    };
    const flat = (): number[] => {
      const p = net.getParameters();
      return p.weights.flatMap((w, l) => [...w, ...p.biases[l]!]);
    };
    flat().forEach((v, i) => expect(close(v, g.initialParameters[i]!), `initial parameter ${i}`).toBe(true));
    net.setParameters(split(g.initialParameters, 0));
    const inputs = net.inputs, outputs = net.outputs;
    const losses = g.batches.map((batch) => {
      const x = Float32Array.from(batch.flatMap((i) => g.x.slice(i * inputs, (i + 1) * inputs)));
      const y = Float32Array.from(batch.flatMap((i) => g.y.slice(i * outputs, (i + 1) * outputs)));
      return net.trainBatch(x, y);
    });
    losses.forEach((loss, step) => expect(close(loss, g.losses[step]!), `step ${step}: ${loss} vs ${g.losses[step]}`).toBe(true));
    const params = flat();
    expect(params).toHaveLength(g.parameters.length);
    params.forEach((v, i) => expect(close(v, g.parameters[i]!), `parameter ${i}: ${v} vs ${g.parameters[i]}`).toBe(true));
    report.push(`[agreement] golden ${file} (simd ${simd}) vs PyTorch: losses ${fmt(agreement(losses, g.losses))}; parameters ${fmt(agreement(params, g.parameters))}`);
    net.dispose();
  });
});
