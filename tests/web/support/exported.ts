// What the export tests share: the grid of raw points, the core's outputs on it (the
// features of each point, then predict()), network-ready rows and targets for
// trainBatch, an agreement measure, and the JSON Schema check of network files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll } from 'vitest';
import type { Dataset, Feature, Network } from '../../../web/src/core/index.js';
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

/** The network's inputs for raw points [n, dims]: its features, float32, sample-major. */
export function inputsOf(points: number[][], c: ExportCase): Float32Array {
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

/** Network-ready inputs [n, features] (float32) and targets [n, outputs], as prepare() makes them. */
export function trainingArrays(d: Dataset, c: ExportCase): { x: Float32Array; y: Float32Array } {
  const features = featuresOf(c);
  const last = c.config.layers[c.config.layers.length - 1]!;
  const x = new Float32Array(d.size * features.length);
  const y = new Float32Array(d.size * last.units);
  for (let i = 0; i < d.size; i++) {
    const x1 = d.x[i * d.dims]!, x2 = d.dims === 2 ? d.x[i * d.dims + 1]! : 0;
    features.forEach((f, k) => (x[i * features.length + k] = FEATURE_VALUE[f](x1, x2)));
    const label = d.y[i]!;
    if (d.problem === 'regression') y[i] = label;
    else if (last.units === 1) y[i] = label === 1 ? 1 : last.activation === 'sigmoid' ? 0 : -1;
    else y[i * last.units + label] = 1;
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
