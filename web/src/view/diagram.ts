// The network diagram's geometry and its weights: where each node sits (columns of
// features, hidden layers, outputs), the weights drawn as lines on a canvas behind the
// nodes (width ∝ |w|, blue positive, orange negative), and hit-testing a line under the
// pointer. The nodes themselves are DOM (focusable, labelled) and positioned from here.
import { css, type Palette } from './colors.js';

export interface NodePos {
  x: number;
  y: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Node side in CSS pixels. */
  node: number;
  /** Column 0: every feature; then each hidden layer; last: the outputs. Node top-left corners. */
  columns: NodePos[][];
}

/** Lays the columns out evenly across `width` (at least a readable spacing). */
export function layoutDiagram(units: number[], width: number, top = 8): DiagramLayout {
  const most = Math.max(...units);
  const node = most <= 6 ? 34 : most <= 10 ? 26 : most <= 16 ? 20 : 15;
  const gapY = most <= 10 ? 10 : 5;
  const minSpacing = node + 34;
  const cols = units.length;
  const spacing = Math.max(minSpacing, cols > 1 ? (width - node - 8) / (cols - 1) : 0);
  const w = Math.max(width, Math.ceil(8 + node + spacing * (cols - 1)));
  const colHeight = (n: number): number => n * node + (n - 1) * gapY;
  const height = top + colHeight(most) + 8;
  const columns = units.map((n, c) => {
    const x = 4 + c * spacing;
    const y0 = top + (colHeight(most) - colHeight(n)) / 2;
    return Array.from({ length: n }, (_, i) => ({ x, y: y0 + i * (node + gapY) }));
  });
  return { width: w, height, node, columns };
}

export interface WeightRef {
  /** Dense layer (0 = first hidden layer or the output layer when there is none). */
  layer: number;
  unit: number;
  input: number;
  value: number;
}

interface Segment extends WeightRef {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Draws the weights and remembers the segments for hit tests. */
export class WeightLines {
  #segments: Segment[] = [];

  /**
   * `inputRows[i]` is the feature-column row of network input i (only active features are
   * inputs). `weights[l]` is [units_l, units_{l-1}] row-major (or values of that shape,
   * such as ∂L/∂W); |value| >= `scale` is drawn at full width.
   */
  draw(canvas: HTMLCanvasElement, layout: DiagramLayout, weights: Float32Array[], inputRows: number[], palette: Palette, dpr: number, highlight: WeightRef | null, scale = 4): void {
    const W = Math.round(layout.width * dpr), H = Math.round(layout.height * dpr);
    if (canvas.width !== W || canvas.height !== H) {
      canvas.width = W;
      canvas.height = H;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.height);
    const half = layout.node / 2;
    const segs: Segment[] = [];
    for (let l = 0; l < weights.length; l++) {
      const from = layout.columns[l]!;
      const to = layout.columns[l + 1];
      if (!to) break;
      const w = weights[l]!;
      const fanIn = l === 0 ? inputRows.length : from.length;
      for (let j = 0; j < to.length; j++) {
        for (let i = 0; i < fanIn; i++) {
          const src = from[l === 0 ? inputRows[i]! : i];
          if (!src) continue;
          const value = w[j * fanIn + i] ?? 0;
          segs.push({ layer: l, unit: j, input: i, value, x0: src.x + layout.node, y0: src.y + half, x1: to[j]!.x, y1: to[j]!.y + half });
        }
      }
    }
    // Lines are bucketed by sign and strength (LEVELS steps) and each bucket is one path:
    // a few stroke() calls however many weights (thousands in a 10 × 32 network). Weak
    // buckets first, so strong weights are drawn on top. The widest line fits the node size,
    // so dense layers stay readable; |w| >= scale (4 for weights) is drawn at full width.
    const LEVELS = 10;
    const maxWidth = Math.max(1.5, layout.node / 6);
    const buckets: Segment[][] = Array.from({ length: 2 * LEVELS }, () => []);
    for (const s of segs) {
      const level = Math.min(LEVELS - 1, Math.floor(Math.min(1, Math.abs(s.value) / scale) * LEVELS));
      buckets[level * 2 + (s.value >= 0 ? 1 : 0)]!.push(s);
    }
    for (let b = 0; b < buckets.length; b++) {
      const list = buckets[b]!;
      if (list.length === 0) continue;
      const a = (Math.floor(b / 2) + 0.5) / LEVELS;
      ctx.strokeStyle = css(b % 2 === 1 ? palette.positive : palette.negative, 0.2 + 0.75 * a);
      ctx.lineWidth = 0.5 + (maxWidth - 0.5) * a;
      ctx.beginPath();
      for (const s of list) {
        ctx.moveTo(s.x0, s.y0);
        const mx = (s.x0 + s.x1) / 2;
        ctx.bezierCurveTo(mx, s.y0, mx, s.y1, s.x1, s.y1);
      }
      ctx.stroke();
    }
    if (highlight) {
      const h = segs.find((s) => s.layer === highlight.layer && s.unit === highlight.unit && s.input === highlight.input);
      if (h) {
        ctx.strokeStyle = palette.text;
        ctx.setLineDash([4, 3]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(h.x0, h.y0);
        const mx = (h.x0 + h.x1) / 2;
        ctx.bezierCurveTo(mx, h.y0, mx, h.y1, h.x1, h.y1);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    this.#segments = segs;
  }

  /** The weight whose line passes within `tolerance` CSS pixels of (x, y), if any. */
  hit(x: number, y: number, tolerance = 5): WeightRef | null {
    let best: Segment | null = null;
    let bestD = tolerance;
    for (const s of this.#segments) {
      if (x < Math.min(s.x0, s.x1) - tolerance || x > Math.max(s.x0, s.x1) + tolerance) continue;
      const d = bezierDistance(s, x, y);
      if (d <= bestD) {
        bestD = d;
        best = s;
      }
    }
    return best ? { layer: best.layer, unit: best.unit, input: best.input, value: best.value } : null;
  }
}

// Distance to the cubic (x0,y0)→(x1,y1) with horizontal tangents, sampled: cheap and
// plenty accurate for a pointer.
function bezierDistance(s: Segment, x: number, y: number): number {
  let best = Infinity;
  for (let k = 0; k <= 24; k++) {
    const t = k / 24;
    const u = 1 - t;
    const mx = (s.x0 + s.x1) / 2;
    const px = u * u * u * s.x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * s.x1;
    const py = u * u * u * s.y0 + 3 * u * u * t * s.y0 + 3 * u * t * t * s.y1 + t * t * t * s.y1;
    const d = Math.hypot(px - x, py - y);
    if (d < best) best = d;
  }
  return best;
}
