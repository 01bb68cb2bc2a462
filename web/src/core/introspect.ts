// The introspection calls of a Network (trace, gradients, previewStep, layerStats,
// lossSurface): each runs one core call, which fills
// the network's result buffer in wasm memory (layouts in cpp/bindings/wasm_api.h), and
// copies the arrays out here. Nothing is computed in TypeScript: the numbers are the core's.
import type { Context } from './context.js';
import { MlpError } from './errors.js';
import type { RawNetwork, RawTrainingData } from './raw.js';
import type {
  Parameters,
} from './types.js';
import type { Gradients, LayerStats, LossSurface, LossSurfaceOptions, StepPreview, Trace } from './introspect-types.js';
import { type FloatInput, isPlainObject, object, rows, sameRows } from './validate.js';

/** What a Network hands its introspection calls: the core, its handle and its shape. */
export interface Shape {
  ctx: Context;
  raw: RawNetwork;
  inputs: number;
  outputs: number;
  /** Values per sample each layer outputs (units; a conv2d or maxpool layer's C x H x W). */
  layerSizes: readonly number[];
  /** [weights, biases] counts of each layer that has parameters (net.layers with a weightShape). */
  parameterShapes: readonly (readonly [number, number])[];
  /** Their weightShapes, for error messages. */
  weightShapes: readonly (readonly number[])[];
}

/** Samples as TrainingData (read in place) or `{ x, y }` arrays (copied in for the call). */
export type Samples = { raw: RawTrainingData; size: number } | { x: FloatInput; y: FloatInput };

/**
 * Runs fn with the addresses of n samples' inputs and targets. TrainingData is read where it
 * lives; arrays are checked (their width names `x` or `y`) and copied in, freed afterwards.
 */
export function withSamples<T>(s: Shape, data: Samples, field: string, fn: (x: number, y: number, n: number) => T): T {
  if ('raw' in data) {
    const d = data.raw;
    if (d.inputs() !== s.inputs || d.outputs() !== s.outputs)
      throw new MlpError(`${field}: was prepared for ${d.inputs()} inputs and ${d.outputs()} outputs; this network has ${s.inputs} and ${s.outputs}`, field);
    return fn(d.xAddress(), d.yAddress(), data.size);
  }
  if (!isPlainObject(data)) throw new MlpError(`${field}: must be TrainingData or { x, y }`, field);
  const n = rows(data.x, 'x', s.inputs);
  sameRows(n, rows(data.y, 'y', s.outputs), 'x', 'y');
  return s.ctx.withArrays([data.x, data.y], (x, y) => fn(x!, y!, n));
}

/** Reads consecutive float arrays of the given lengths from address on (copies). */
function reader(ctx: Context, address: number): (length: number) => Float32Array {
  let at = address;
  return (length) => {
    const a = ctx.copyOut(at, length);
    at += length * 4;
    return a;
  };
}

/**
 * A flat parameter vector (the core's layout) as Parameters: each layer that has parameters,
 * its weight, then its bias.
 */
function parametersOf(s: Shape, take: (length: number) => Float32Array): Parameters {
  const weights: Float32Array[] = [], biases: Float32Array[] = [];
  for (const [nw, nb] of s.parameterShapes) {
    weights.push(take(nw));
    biases.push(take(nb));
  }
  return { weights, biases };
}

function parameterCount(s: Shape): number {
  return s.parameterShapes.reduce((sum, [nw, nb]) => sum + nw + nb, 0);
}

/**
 * Parameters (checked against the layers' shapes) as one flat array in the core's layout;
 * a flat Float32Array of parameterCount values is taken as it is. Errors name `field`'s
 * members ("directions[0].weights[1]"); with field '' they are bare ("weights[1]").
 */
export function flatParameters(s: Shape, p: unknown, field: string): Float32Array {
  const out = new Float32Array(parameterCount(s));
  const name = (member: string): string => (field ? `${field}.${member}` : member);
  if (p instanceof Float32Array) {
    if (p.length !== out.length) throw new MlpError(`${field}: needs ${out.length} values (parameterCount), got ${p.length}`, field);
    out.set(p);
    return out;
  }
  const q = object(p, field || 'parameters', ['weights', 'biases']);
  const L = s.parameterShapes.length;
  const which = L === s.layerSizes.length ? '' : ' (those with parameters)';
  if (!Array.isArray(q.weights) || q.weights.length !== L) throw new MlpError(`${name('weights')}: must be an array of ${L} layers${which}`, name('weights'));
  if (!Array.isArray(q.biases) || q.biases.length !== L) throw new MlpError(`${name('biases')}: must be an array of ${L} layers${which}`, name('biases'));
  let offset = 0;
  s.parameterShapes.forEach(([nw, nb], l) => {
    const w = q.weights as unknown[], b = q.biases as unknown[];
    const wf = name(`weights[${l}]`), bf = name(`biases[${l}]`);
    if (rows(w[l], wf, 1) !== nw) throw new MlpError(`${wf}: needs ${nw} values ([${s.weightShapes[l]!.join(', ')}] row-major)`, wf);
    if (rows(b[l], bf, 1) !== nb) throw new MlpError(`${bf}: needs ${nb} values`, bf);
    out.set(w[l] as ArrayLike<number>, offset);
    offset += nw;
    out.set(b[l] as ArrayLike<number>, offset);
    offset += nb;
  });
  return out;
}

export function trace(s: Shape, x: FloatInput): Trace {
  const n = rows(x, 'x', s.inputs);
  const address = s.ctx.call(() => s.ctx.withArrays([x], (xa) => s.raw.trace(xa!, n)));
  const take = reader(s.ctx, address);
  return { layers: s.layerSizes.map((units) => ({ z: take(n * units), a: take(n * units) })) };
}

export function gradients(s: Shape, x: FloatInput, y: FloatInput, options: { layers?: boolean } = {}): Gradients {
  const o = object(options, 'options', ['layers']);
  const perLayer = o.layers === undefined ? false : Boolean(o.layers);
  const n = rows(x, 'x', s.inputs);
  sameRows(n, rows(y, 'y', s.outputs), 'x', 'y');
  const loss = s.ctx.call(() => s.ctx.withArrays([x, y], (xa, ya) => s.raw.gradients(xa!, ya!, n, perLayer)));
  const take = reader(s.ctx, s.raw.resultAddress());
  const { weights, biases } = parametersOf(s, take);
  const out: Gradients = { loss, weights, biases, inputs: take(n * s.inputs) };
  if (perLayer) out.layers = s.layerSizes.map((units) => ({ z: take(n * units), a: take(n * units), dz: take(n * units), da: take(n * units) }));
  return out;
}

export function previewStep(s: Shape, x: FloatInput, y: FloatInput): StepPreview {
  const n = rows(x, 'x', s.inputs);
  sameRows(n, rows(y, 'y', s.outputs), 'x', 'y');
  const r = s.ctx.call(() => s.ctx.withArrays([x, y], (xa, ya) => s.raw.previewStep(xa!, ya!, n)));
  const take = reader(s.ctx, s.raw.resultAddress());
  const p = (): Parameters => parametersOf(s, take);
  const out: StepPreview = {
    loss: r.loss, diverged: r.diverged, learningRate: r.learningRate, step: r.step, clipScale: r.clipScale,
    gradient: p(), before: p(), after: p(), delta: p(),
  };
  const before = Array.from({ length: r.slots }, p);
  const after = Array.from({ length: r.slots }, p);
  if (r.slots === 1) out.velocity = { before: before[0]!, after: after[0]! };
  if (r.slots === 2) {
    out.m = { before: before[0]!, after: after[0]! };
    out.v = { before: before[1]!, after: after[1]! };
    if (!r.diverged) {
      out.mHat = p();
      out.vHat = p();
    }
  }
  return out;
}

export function layerStats(s: Shape, data: Samples): LayerStats[] {
  const address = s.ctx.call(() => withSamples(s, data, 'data', (x, y, n) => s.raw.layerStats(x, y, n)));
  const f64 = s.ctx.mod.HEAPF64;
  return s.layerSizes.map((_, l) => {
    const at = (address >>> 3) + 7 * l;
    return {
      units: f64[at]!, weightNorm: f64[at + 1]!, gradNorm: f64[at + 2]!, epochGradNorm: f64[at + 3]!,
      updateRatio: f64[at + 4]!, dead: f64[at + 5]!, saturated: f64[at + 6]!,
    };
  });
}

export function lossSurface(s: Shape, data: Samples, options: LossSurfaceOptions = {}): LossSurface {
  const o = object(options, 'options', ['directions', 'range', 'steps', 'seed', 'trajectory']);
  const d = o.directions;
  let kind: 'random' | 'pca' | 'given';
  const arrays: Float32Array[] = [];
  if (d === undefined || d === 'random' || d === 'pca') kind = d ?? 'random';
  else if (Array.isArray(d) && d.length === 2) {
    kind = 'given';
    arrays.push(flatParameters(s, d[0], 'directions[0]'), flatParameters(s, d[1], 'directions[1]'));
  } else {
    throw new MlpError('directions: must be "random", "pca" or [Parameters, Parameters]', 'directions');
  }
  const P = parameterCount(s);
  let k = 0;
  if (o.trajectory !== undefined) {
    if (!Array.isArray(o.trajectory)) throw new MlpError('trajectory: must be an array of Parameters (or flat Float32Arrays)', 'trajectory');
    k = o.trajectory.length;
    const flat = new Float32Array(P * k);
    o.trajectory.forEach((t, i) => flat.set(flatParameters(s, t, `trajectory[${i}]`), i * P));
    arrays.push(flat);
  }
  // The core reads and checks range, steps and seed (their names are its fields).
  const spec = { directions: kind, range: o.range, steps: o.steps, seed: o.seed };
  const steps = s.ctx.call(() =>
    withSamples(s, data, 'data', (x, y, n) =>
      s.ctx.withArrays(arrays, (...a) => {
        const [d1, d2] = kind === 'given' ? [a[0]!, a[1]!] : [0, 0];
        const traj = k > 0 ? a[a.length - 1]! : 0;
        return s.raw.lossSurface(x, y, n, spec, d1, d2, traj, k);
      }),
    ),
  );
  const take = reader(s.ctx, s.raw.resultAddress());
  const out: LossSurface = {
    alphas: take(steps),
    betas: take(steps),
    loss: take(steps * steps),
    directions: [parametersOf(s, take), parametersOf(s, take)],
  };
  const path = take(2 * k);
  const explained = take(2);
  if (k > 0) out.path = path;
  if (kind === 'pca') out.explained = [explained[0]!, explained[1]!];
  return out;
}
