// What the export tests share: the grid of raw points (or, for a network of image inputs,
// a set of images), the core's outputs on it (the features of each point, then predict()),
// network-ready rows and targets for trainBatch with the CSV of the same data, an agreement
// measure, and the JSON Schema check of network files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll } from 'vitest';
import type { Dataset, DenseLayerConfig, Feature, Network } from '../../../web/src/core/index.js';
import type { ExportCase } from './export-cases.js';

/**
 * A temporary folder for a test file and the "[agreement]" lines it prints when done
 * (the measured differences, for the record); both are cleaned up after the file.
 */
export function scratch(prefix: string): { dir: string; report: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const report: string[] = [];
  afterAll(() => {
    if (report.length) console.log(report.join('\n'));
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, report };
}

/** Points on a grid over the plane (2-D) or the line (1-D), row-major [n, dims]. */
export function gridPoints(dims: 1 | 2, side = 13, span = 6): number[][] {
  const at = (i: number, n: number): number => Math.fround(-span + (2 * span * (i + 0.5)) / n);
  if (dims === 1) return Array.from({ length: 4 * side }, (_, i) => [at(i, 4 * side)]);
  const out: number[][] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) out.push([at(c, side), at(side - 1 - r, side)]);
  return out;
}

/** The exporter options of a case: the raw coordinates of points (image networks take none). */
export function exportOptions(c: ExportCase): { dims?: 1 | 2 } {
  return c.config.inputShape ? {} : { dims: c.dims };
}

/**
 * Deterministic images [n, C·H·W] with values in [0, 1]: smooth stripes at an angle and a
 * phase of their own, so that conv and pool outputs vary (and ties of a max are unlikely).
 */
export function images(shape: readonly number[], n: number, seed = 0): number[][] {
  const [C, H, W] = shape as [number, number, number];
  return Array.from({ length: n }, (_, k) => {
    const a = 0.7 * (k + seed) + 0.3, p = 1.9 * (k + seed);
    const img: number[] = [];
    for (let c = 0; c < C; c++) for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) img.push(Math.fround(0.5 + 0.5 * Math.sin(Math.cos(a) * i + Math.sin(a) * j + p + 1.3 * c + 0.05 * i * j)));
    return img;
  });
}

/** What the network is run on: grid points (gridPoints), or images for image inputs. */
export function samplesOf(c: ExportCase, side = 13): number[][] {
  return c.config.inputShape ? images(c.config.inputShape, Math.ceil(side / 2)) : gridPoints(c.dims, side);
}

export function featuresOf(c: ExportCase): Feature[] {
  return c.config.features ?? (['x1', 'x2'] as Feature[]).slice(0, c.config.inputs);
}

const FEATURE_VALUE: Record<Feature, (x1: number, x2: number) => number> = {
  x1: (a) => a,
  x2: (_, b) => b,
  x1sq: (a) => a * a,
  x2sq: (_, b) => b * b,
  x1x2: (a, b) => a * b,
  sinx1: (a) => Math.sin(a),
  sinx2: (_, b) => Math.sin(b),
};

/** The network's inputs for raw points [n, dims]: its features, float32, sample-major (images as they are). */
export function inputsOf(points: number[][], c: ExportCase): Float32Array {
  if (c.config.inputShape) return Float32Array.from(points.flat());
  const features = featuresOf(c);
  const x = new Float32Array(points.length * features.length);
  points.forEach(([x1, x2], i) => features.forEach((f, k) => (x[i * features.length + k] = FEATURE_VALUE[f](x1!, x2 ?? 0))));
  return x;
}

/** predict() at raw points, one row per point. */
export function coreOutputs(net: Network, c: ExportCase, points: number[][]): number[][] {
  const y = net.predict(inputsOf(points, c));
  const k = net.outputs;
  return points.map((_, i) => Array.from(y.subarray(i * k, (i + 1) * k)));
}

/** A target row from a label, as prepare() makes it: one output (class 1 -> 1, else 0 or -1), one-hot, or the value. */
function target(y: Float32Array, i: number, label: number, regression: boolean, last: DenseLayerConfig): void {
  if (regression) y[i] = label;
  else if (last.units === 1) y[i] = label === 1 ? 1 : last.activation === 'sigmoid' ? 0 : -1;
  else y[i * last.units + label] = 1;
}

/**
 * Training data of a case: network-ready inputs and targets (as trainingArrays) and the same
 * points as the CSV the exported script reads. Points come from `d`; a network of image
 * inputs gets `n` images (images()) with labels k mod classes (values for regression: each
 * image's mean), written as C·H·W pixel columns then the label.
 */
export function trainingData(d: Dataset, c: ExportCase, n: number, seed: number): { x: Float32Array; y: Float32Array; csv: string | null } {
  if (!c.config.inputShape) return { ...trainingArrays(d, c), csv: null };
  const last = c.config.layers[c.config.layers.length - 1] as DenseLayerConfig;
  const pixels = images(c.config.inputShape, n, seed);
  const regression = c.problem === 'regression';
  const labels = pixels.map((p, k) => (regression ? Math.fround(p.reduce((a, b) => a + b, 0) / p.length) : k % c.classes));
  const y = new Float32Array(n * last.units);
  labels.forEach((label, i) => target(y, i, label, regression, last));
  const header = [...pixels[0]!.map((_, i) => `p${i}`), regression ? 'value' : 'label'].join(',');
  const csv = [header, ...pixels.map((p, k) => [...p, labels[k]].join(','))].join('\n') + '\n';
  return { x: Float32Array.from(pixels.flat()), y, csv };
}

/** Network-ready inputs [n, features] (float32) and targets [n, outputs], as prepare() makes them. */
export function trainingArrays(d: Dataset, c: ExportCase): { x: Float32Array; y: Float32Array } {
  const features = featuresOf(c);
  const last = c.config.layers[c.config.layers.length - 1] as DenseLayerConfig;  // the output layer is dense
  const x = new Float32Array(d.size * features.length);
  const y = new Float32Array(d.size * last.units);
  for (let i = 0; i < d.size; i++) {
    const x1 = d.x[i * d.dims]!, x2 = d.dims === 2 ? d.x[i * d.dims + 1]! : 0;
    features.forEach((f, k) => (x[i * features.length + k] = FEATURE_VALUE[f](x1, x2)));
    target(y, i, d.y[i]!, d.problem === 'regression', last);
  }
  return { x, y };
}

export interface Agreement {
  maxAbs: number;
  maxRel: number;
}

/** Largest absolute and relative (to |want|, where |want| > 1e-3) differences. */
export function agreement(got: ArrayLike<number>, want: ArrayLike<number>): Agreement {
  if (got.length !== want.length) throw new Error(`lengths differ: ${got.length} vs ${want.length}`);
  let maxAbs = 0, maxRel = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    if (!(d <= maxAbs)) maxAbs = d; // NaN sticks
    if (Math.abs(want[i]!) > 1e-3) maxRel = Math.max(maxRel, d / Math.abs(want[i]!));
  }
  return { maxAbs, maxRel };
}

export const fmt = (a: Agreement): string => `max abs ${a.maxAbs.toExponential(1)}, max rel ${a.maxRel.toExponential(1)}`;

const schema = JSON.parse(readFileSync(new URL('../../../web/src/core/network.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

/** The errors of a network file against network.schema.json ("" when it is valid). */
export function schemaErrors(doc: unknown): string {
  return validate(doc) ? '' : JSON.stringify(validate.errors);
}
