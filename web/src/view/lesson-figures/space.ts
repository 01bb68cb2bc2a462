// Lesson 4's view: the input plane as a 2-unit layer sees it. The grid lines of the input
// square and the data points, mapped through the layers, drawn in that layer's output
// space (h₁, h₂); the next layer's line w·h + b = 0 splits it, its two sides shaded in the
// class colours. As training goes, the grid folds until the classes sit on either side.
import type { TransformedSpace } from '../../lesson-presets/analysis.js';
import type { Dataset } from '../../core/types.js';
import { css, type Palette } from '../colors.js';
import { boundsOf, type Box, Plot } from './plot.js';

export interface SpaceFrame {
  space: TransformedSpace;
  data: Dataset;
  palette: Palette;
  /** Axis names, e.g. h₁ and h₂. */
  names: { x: string; y: string };
  /** Fixed box (tanh and sigmoid layers have one); otherwise it fits the content. */
  box?: Box;
}

export function drawSpace(canvas: HTMLCanvasElement, f: SpaceFrame): void {
  const { space, palette: p } = f;
  const box = f.box ?? boundsOf([...space.lines, space.points]);
  const plot = new Plot(canvas, box);
  const { ctx, s } = plot;
  plot.clear(p.background);
  if (space.separator) shadeSides(plot, space.separator, p);
  plot.axes(p, f.names);
  // Lines of constant x₂ (the input's rows) and of constant x₁ (its columns).
  space.lines.forEach((l, i) => plot.line(l, null, i < space.rows ? 'rgba(120,120,120,0.55)' : 'rgba(120,120,120,0.3)', 1));
  for (let i = 0; i < f.data.size; i++) {
    const c = p.classes[f.data.y[i]! % p.classes.length]!;
    plot.dot(space.points[2 * i]!, space.points[2 * i + 1]!, 3, css(c), p.trainStroke);
  }
  if (space.separator) {
    const seg = clipLine(space.separator, box);
    if (seg) {
      ctx.save();
      ctx.strokeStyle = p.text;
      ctx.lineWidth = 2 * s;
      ctx.setLineDash([6 * s, 4 * s]);
      ctx.beginPath();
      ctx.moveTo(plot.px(seg[0]), plot.py(seg[1]));
      ctx.lineTo(plot.px(seg[2]), plot.py(seg[3]));
      ctx.stroke();
      ctx.restore();
    }
  }
}

/** Each side of w·h + b = 0 tinted by the class the output gives it (h on the line: negative). */
function shadeSides(plot: Plot, sep: { w: [number, number]; b: number }, p: Palette): void {
  const { ctx } = plot;
  // The tints are translucent: the two sides are filled as disjoint polygons, not one over the other.
  for (const [positive, colour] of [[true, css(p.positive, 0.16)], [false, css(p.negative, 0.16)]] as const) {
    const poly = sideOf(sep, plot.box, positive);
    if (poly.length < 3) continue;
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const [x, y] of poly) ctx.lineTo(plot.px(x), plot.py(y));
    ctx.closePath();
    ctx.fill();
  }
}

/**
 * The part of the box where w·h + b > 0 (or, with `positive` false, where it is not), as a
 * convex polygon: the box's corners clipped by the line (fewer than 3 points if empty).
 */
function sideOf(sep: { w: [number, number]; b: number }, box: Box, positive: boolean): [number, number][] {
  const corners: [number, number][] = [[box.x[0], box.y[0]], [box.x[1], box.y[0]], [box.x[1], box.y[1]], [box.x[0], box.y[1]]];
  const v = corners.map(([x, y]) => sep.w[0] * x + sep.w[1] * y + sep.b);
  const out: [number, number][] = [];
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    const [p, q] = [corners[i]!, corners[j]!];
    const inP = (v[i]! > 0) === positive, inQ = (v[j]! > 0) === positive;
    if (inP) out.push(p);
    if (inP !== inQ) {
      const t = v[i]! / (v[i]! - v[j]!);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The part of the line w·h + b = 0 inside the box, as x0, y0, x1, y1 (null if it misses). */
export function clipLine(sep: { w: [number, number]; b: number }, box: Box): [number, number, number, number] | null {
  const [a, c] = sep.w, b = sep.b;
  const pts: [number, number][] = [];
  if (Math.abs(c) > 1e-12) for (const x of box.x) {
    const y = -(a * x + b) / c;
    if (y >= box.y[0] && y <= box.y[1]) pts.push([x, y]);
  }
  if (Math.abs(a) > 1e-12) for (const y of box.y) {
    const x = -(c * y + b) / a;
    if (x >= box.x[0] && x <= box.x[1]) pts.push([x, y]);
  }
  // Through a corner the same point is found twice: keep the two farthest apart.
  let best: [number, number, number, number] | null = null, far = 0;
  for (const p of pts)
    for (const q of pts) {
      const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
      if (d > far) (far = d), (best = [p[0], p[1], q[0], q[1]]);
    }
  return best;
}
