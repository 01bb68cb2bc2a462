// The main view's grid for a tick: its size bounded (every unit's plane for a focused hidden
// unit) and, while training, shrunk to the time budget the last grids' cost per point gives.
import type { Network } from '../core/index.js';
import type { GridPlanes, MainViewRequest, Setup, UnitRef } from './protocol.js';

/** Grid points of the main view we allow for a per-unit ("all") evaluation, to bound memory. */
const MAX_ALL_FLOATS = 4_000_000;
/**
 * Milliseconds we aim to spend evaluating the main view while training: a third of the
 * tick's training budget (12 ms), so a large network's tick still fits in a frame (with 8,
 * the largest network's ticks took more than a frame and trained half as much).
 */
const MAIN_BUDGET_MS = 4;

export class MainViewGrid {
  /** Milliseconds per grid point of the recent output-only grids (0: none yet). */
  #msPerPoint = 0;

  evaluate(net: Network, dims: 1 | 2, features: Setup['features'], m: MainViewRequest, full: boolean): GridPlanes & { focus: UnitRef | null; full: boolean } {
    const sizes = [net.inputs, ...net.layerSizes];
    const focus = m.focus && m.focus.layer >= 0 && m.focus.layer < sizes.length && m.focus.unit >= 0 && m.focus.unit < sizes[m.focus.layer]! ? m.focus : null;
    const outputLayer = sizes.length - 1;
    const perUnit = focus !== null && focus.layer !== outputLayer;
    let w = Math.max(1, Math.floor(m.width));
    let h = dims === 1 ? 1 : Math.max(1, Math.floor(m.height));
    if (perUnit) {
      // 'all' returns every unit's plane: keep the total bounded.
      const total = sizes.reduce((a, b) => a + b, 0);
      const maxPoints = Math.floor(MAX_ALL_FLOATS / total);
      if (w * h > maxPoints) {
        const s = Math.sqrt(maxPoints / (w * h));
        w = Math.max(1, Math.floor(w * s));
        h = dims === 1 ? 1 : Math.max(1, Math.floor(h * s));
      }
    }
    let isFull = true;
    if (!full && this.#msPerPoint > 0 && dims === 2) {
      const maxPoints = MAIN_BUDGET_MS / this.#msPerPoint;
      if (w * h > maxPoints) {
        const s = Math.sqrt(maxPoints / (w * h));
        w = Math.max(32, Math.floor(w * s));
        h = Math.max(32, Math.floor(h * s));
        isFull = false;
      }
    }
    const t0 = performance.now();
    // With a focus only its plane is copied out (below); the whole grid only without one.
    const g = net.evaluateGrid(
      { width: w, height: h, xRange: m.xRange, yRange: m.yRange, dims, features },
      { units: perUnit ? 'all' : 'outputs', copy: focus === null },
    );
    const ms = performance.now() - t0;
    if (!perUnit) {
      const per = ms / (w * h);
      this.#msPerPoint = this.#msPerPoint > 0 ? 0.7 * this.#msPerPoint + 0.3 * per : per;
    }
    if (!focus) return { width: w, height: h, planes: g.layerSizes[0]!, data: g.data, focus: null, full: isFull };
    const plane = perUnit ? g.unit(focus.layer, focus.unit).slice() : g.unit(0, focus.unit).slice();
    return { width: w, height: h, planes: 1, data: plane, focus, full: isFull };
  }
}
