// What the views show, derived from the settings and the built data: the plane (or
// interval) on screen, and how each layer's values read as colour. Pure functions, shared
// by the painter and the panels.
import type { Built } from '../worker/protocol.js';
import type { ValueScale } from '../view/heatmap.js';
import type { Catalog } from './catalog.js';
import { outputLayer, type ProblemShape } from './problem.js';
import type { PlaygroundState } from './settings.js';

export interface Domain {
  xRange: [number, number];
  yRange: [number, number];
}

/**
 * The dataset's domain; user data widens it to fit; 1-D: y fits the values. `zoom` widens
 * the plane (or the x interval) about its centre, far beyond the data if asked.
 */
export function viewDomain(s: PlaygroundState, shape: ProblemShape, built: Built | null, catalog: Catalog): Domain {
  const d = dataDomain(s, shape, built, catalog);
  const z = s.zoom > 0 && Number.isFinite(s.zoom) ? s.zoom : 1;
  if (z === 1) return d;
  const widen = ([a, b]: [number, number]): [number, number] => {
    const c = (a + b) / 2, r = ((b - a) / 2) * z;
    return [c - r, c + r];
  };
  return { xRange: widen(d.xRange), yRange: shape.dims === 1 ? d.yRange : widen(d.yRange) };
}

function dataDomain(s: PlaygroundState, shape: ProblemShape, built: Built | null, catalog: Catalog): Domain {
  const pts = s.dataset === 'custom' && s.data ? s.data : null;
  if (shape.dims === 1) {
    const info = catalog.dataset(s.dataset);
    let x: [number, number] = info ? [info.domain[0], info.domain[1]] : [-Math.PI, Math.PI];
    let lo = -1.2, hi = 1.2;
    const ys: Float32Array[] = [];
    if (pts) ys.push(pts.y);
    if (built) ys.push(built.train.y, built.test.y);
    for (const y of ys) {
      for (const v of y) {
        if (!Number.isFinite(v)) continue;
        lo = Math.min(lo, v - 0.2);
        hi = Math.max(hi, v + 0.2);
      }
    }
    if (pts && pts.size > 0) {
      let a = Infinity, b = -Infinity;
      for (const v of pts.x) {
        a = Math.min(a, v);
        b = Math.max(b, v);
      }
      if (a < x[0] || b > x[1]) {
        const pad = (b - a) * 0.1 || 1;
        x = [Math.min(x[0], a - pad), Math.max(x[1], b + pad)];
      }
    }
    return { xRange: x, yRange: [lo, hi] };
  }
  if (pts && pts.size > 0) {
    let m = 6;
    for (const v of pts.x) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v) * 1.05);
    return { xRange: [-m, m], yRange: [-m, m] };
  }
  return { xRange: [-6, 6], yRange: [-6, 6] };
}

/** Regression: the value that gets full colour (the data's largest magnitude). */
export function valueScale(built: Built | null): number {
  let m = 1e-6;
  if (built) for (const d of [built.train, built.test]) for (const v of d.y) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** How the output layer's values read as colour. */
export function outputScale(shape: ProblemShape, s: PlaygroundState, built: Built | null): ValueScale {
  const out = outputLayer(shape, s.loss);
  if (shape.problem === 'regression') {
    const v = valueScale(built);
    return { kind: 'diverging', lo: -v, hi: v };
  }
  if (out.activation === 'softmax') return { kind: 'classes' };
  if (out.activation === 'sigmoid') return { kind: 'diverging', lo: 0, hi: 1 };
  return { kind: 'diverging', lo: -1, hi: 1 };
}

/**
 * One unit's colours: bounded activations by their range, unbounded ones (ReLU, features)
 * scaled to the plane's largest magnitude. `layer` 0 is the features, the last the outputs.
 */
export function unitScale(layer: number, shape: ProblemShape, s: PlaygroundState, built: Built | null): ValueScale {
  const last = s.hidden.length + 1;
  if (layer === last) {
    const o = outputScale(shape, s, built);
    return o.kind === 'classes' ? { kind: 'diverging', lo: 0, hi: 1 } : o;
  }
  if (layer === 0) return { kind: 'auto' };
  const act = s.activations[layer - 1];
  if (act === 'tanh' || act === 'sin') return { kind: 'diverging', lo: -1, hi: 1 };
  if (act === 'sigmoid') return { kind: 'diverging', lo: 0, hi: 1 };
  return { kind: 'auto' };
}
