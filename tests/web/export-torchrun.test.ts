// The exported script scaled out: torchrun with 2 processes on the CPU (gloo,
// DistributedDataParallel, a DistributedSampler) on a 100,000-row CSV made here from the
// core's spiral. The loss falls from epoch to epoch, both ranks end with the same weights
// (each prints the SHA-256 of its parameters; the saved file's hash must be that too), and
// the saved file loads back into the library, whose predictions then equal PyTorch's.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { toCsv } from '../../web/src/app/io/csv.js';
import { loadCore } from '../../web/src/core/index.js';
import type { ExportCase } from './support/export-cases.js';
import { agreement, coreOutputs, fmt, gridPoints, schemaErrors, scratch } from './support/exported.js';
import { python, torchrun } from './support/pytorch.js';

const { dir, report } = scratch('mlp-torchrun-');

it('trains on 100,000 points in 2 processes; the ranks agree and the weights load back', async () => {
  const mlp = await loadCore();
  const c: ExportCase = {
    name: 'spiral',
    config: { inputs: 4, features: ['x1', 'x2', 'sinx1', 'sinx2'], layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'adam', learningRate: 0.01 }, init: 'xavier', seed: 4 },
    dims: 2,
    problem: 'classification',
    classes: 2,
  };
  const data = mlp.generateDataset({ name: 'spiral', samples: 100_000, noise: 0.1, trainRatio: 1, seed: 9 }).train;
  expect(data.size).toBe(100_000);
  const csv = join(dir, 'spiral.csv');
  writeFileSync(csv, toCsv(data));
  const net = mlp.createNetwork(c.config);
  const script = join(dir, 'spiral.py');
  writeFileSync(script, net.toPyTorch({ problem: 'classification', classes: 2, dims: 2 }));
  const out = join(dir, 'weights.json');

  const started = performance.now();
  const run = torchrun(2, join(dir, 'logs'), script, ['--data', csv, '--epochs', '3', '--batch-size', '100', '--device', 'cpu', '--out', out]);
  report.push(`[timing] torchrun, 2 processes, 100,000 rows, 3 epochs: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  expect(run.status, run.stderr.slice(-3000)).toBe(0);

  const losses = [...run.stdout.matchAll(/^\[default0\]:epoch (\d)\/3: loss ([\d.]+) \(100000 points, 2 processes/gm)].map((m) => Number(m[2]));
  expect(losses, run.stdout).toHaveLength(3);
  expect(losses[1]!).toBeLessThan(losses[0]!);
  expect(losses[2]!).toBeLessThan(losses[1]!);

  const digests = [0, 1].map((r) => new RegExp(`^\\[default${r}\\]:rank ${r} of 2: parameters sha256 ([0-9a-f]{64})$`, 'm').exec(run.stdout)?.[1]);
  expect(digests[0], run.stdout).toBeDefined();
  expect(digests[1]).toBe(digests[0]);

  const text = readFileSync(out, 'utf8');
  const doc = JSON.parse(text) as { parameters: { weights: number[][]; biases: number[][] } };
  expect(schemaErrors(doc)).toBe('');
  const flat = Float32Array.from(doc.parameters.weights.flatMap((w, l) => [...w, ...doc.parameters.biases[l]!]));
  expect(createHash('sha256').update(new Uint8Array(flat.buffer)).digest('hex')).toBe(digests[0]);

  const back = mlp.loadNetwork(text);
  const points = gridPoints(2, 25);
  const want = JSON.parse(python([fileURLToPath(new URL('./fixtures/pytorch_driver.py', import.meta.url))], { input: JSON.stringify([{ script, op: 'load', file: out, points }]) }))[0] as number[][];
  const got = coreOutputs(back, c, points);
  const a = agreement(got.flat(), want.flat());
  report.push(`[agreement] torchrun weights in the library vs PyTorch: ${fmt(a)} (${points.length} points); losses ${losses.join(', ')}`);
  expect(a.maxAbs).toBeLessThanOrEqual(1e-5);
  // The trained network separates the spiral better than the untrained one did.
  const prepared = net.prepare(data, c.config.features!);
  expect(back.evaluate(prepared).accuracy).toBeGreaterThan(net.evaluate(prepared).accuracy);
  prepared.dispose();
  net.dispose();
  back.dispose();
});
