// The network diagram's geometry: where each node sits (columns of features, hidden
// layers, outputs), where each weight's line runs between two nodes, and hit-testing a line
// under the pointer. The nodes themselves are DOM (focusable, labelled) and positioned from
// here; the lines and thumbnails are drawn by diagram-paint.ts (on the main thread or in
// the diagram's worker, diagram-canvas.ts), from the same geometry.

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

/**
 * With more weights than this the diagram is dense: its lines are straight segments, not
 * curves (Skia's software stroking of ~10,000 anti-aliased cubics took most of a large
 * network's main-thread frame, run when the canvas is committed; straight ones cost less
 * than half), and they are drawn off the main thread where the browser can (diagram-canvas.ts).
 */
export const DENSE_WEIGHTS = 1500;

/**
 * With more hidden and output units than this, the diagram's thumbnails cost more than a
 * frame is worth: redrawn only now and then while playing (app/painter.ts), and drawn off
 * the main thread (diagram-canvas.ts).
 */
export const MANY_UNITS = 48;

/** Where the lines of a network's weights are: the layout, and the rows of its inputs. */
export interface WeightGeometry {
  layout: DiagramLayout;
  /** `weights[l]` is [units_l, units_{l-1}] row-major (a Parameters' weights). */
  weights: readonly Float32Array[];
  /** `inputRows[i]` is the feature-column row of network input i (only active features are inputs). */
  inputRows: readonly number[];
}

/** How many weights have a line (the layers the layout has columns for). */
export function lineCount(g: WeightGeometry): number {
  let n = 0;
  forEachLine(g, () => void n++);
  return n;
}

/** Whether the lines are straight segments (a dense diagram) rather than curves. */
export function straightLines(g: WeightGeometry): boolean {
  return lineCount(g) > DENSE_WEIGHTS;
}

/**
 * Calls `fn` for every weight with a line, with its place and its line's ends (CSS pixels:
 * from the right edge of the source node to the left edge of the target, at mid-height).
 * Nothing is allocated per weight: the diagram has ~10,000 of them.
 */
export function forEachLine(g: WeightGeometry, fn: (layer: number, unit: number, input: number, x0: number, y0: number, x1: number, y1: number) => void): void {
  const { layout, weights, inputRows } = g;
  const half = layout.node / 2;
  for (let l = 0; l < weights.length; l++) {
    const from = layout.columns[l]!;
    const to = layout.columns[l + 1];
    if (!to) break;
    const fanIn = l === 0 ? inputRows.length : from.length;
    for (let j = 0; j < to.length; j++) {
      const dst = to[j]!;
      for (let i = 0; i < fanIn; i++) {
        const src = from[l === 0 ? inputRows[i]! : i];
        if (!src) continue;
        fn(l, j, i, src.x + layout.node, src.y + half, dst.x, dst.y + half);
      }
    }
  }
}

/** The weight whose line passes within `tolerance` CSS pixels of (x, y), if any. */
export function hitWeight(g: WeightGeometry, x: number, y: number, tolerance = 5): WeightRef | null {
  const straight = straightLines(g);
  let best: WeightRef | null = null;
  let bestD = tolerance;
  forEachLine(g, (layer, unit, input, x0, y0, x1, y1) => {
    if (x < Math.min(x0, x1) - tolerance || x > Math.max(x0, x1) + tolerance) return;
    const d = straight ? segmentDistance(x0, y0, x1, y1, x, y) : bezierDistance(x0, y0, x1, y1, x, y);
    if (d > bestD) return;
    bestD = d;
    const fanIn = layer === 0 ? g.inputRows.length : g.layout.columns[layer]!.length;
    best = { layer, unit, input, value: g.weights[layer]![unit * fanIn + input] ?? 0 };
  });
  return best;
}

function segmentDistance(x0: number, y0: number, x1: number, y1: number, x: number, y: number): number {
  const dx = x1 - x0, dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x0 + t * dx - x, y0 + t * dy - y);
}

// Distance to the cubic (x0,y0)→(x1,y1) with horizontal tangents (the one diagram-paint.ts
// draws), sampled: cheap and plenty accurate for a pointer.
function bezierDistance(x0: number, y0: number, x1: number, y1: number, x: number, y: number): number {
  let best = Infinity;
  const mx = (x0 + x1) / 2;
  for (let k = 0; k <= 24; k++) {
    const t = k / 24;
    const u = 1 - t;
    const px = u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1;
    const py = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
    const d = Math.hypot(px - x, py - y);
    if (d < best) best = d;
  }
  return best;
}
