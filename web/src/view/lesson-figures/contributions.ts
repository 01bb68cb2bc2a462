// Lesson 5's view: a 1-D network with one hidden layer as a sum. Each hidden unit's
// scaled output w_i·h_i(x) is a thin curve; their sum plus the output bias is the fit
// (bold), drawn over the data. With more units, more and smaller bends add up.
import type { Contributions } from '../../lesson-presets/analysis.js';
import type { Dataset } from '../../core/types.js';
import { css, type Palette } from '../colors.js';
import { Plot } from './plot.js';

export interface ContributionsFrame {
  xs: ArrayLike<number>;
  c: Contributions;
  data: Dataset;
  xRange: [number, number];
  palette: Palette;
}

/** y range: the data and the fit, widened to show the parts but never more than 3× the data's. */
export function contributionsRange(c: Contributions, data: Dataset): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of data.y) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  for (const v of c.sum) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (!(hi > lo)) (lo = -1), (hi = 1);
  const mid = (lo + hi) / 2, half = (hi - lo) / 2;
  let reach = half;
  for (const part of c.parts) for (const v of part) if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v - mid));
  reach = Math.min(reach, 3 * half) * 1.08;
  return [mid - reach, mid + reach];
}

export function drawContributions(canvas: HTMLCanvasElement, f: ContributionsFrame): void {
  const p = f.palette;
  const plot = new Plot(canvas, { x: f.xRange, y: contributionsRange(f.c, f.data) });
  plot.clear(p.background);
  plot.axes(p, { x: 'x', y: 'y' });
  for (let i = 0; i < f.data.size; i++) plot.dot(f.data.x[i]!, f.data.y[i]!, 2.6, css(p.positive, 0.55));
  f.c.parts.forEach((part, i) => {
    const col = p.classes[(i % (p.classes.length - 1)) + 1]!;
    plot.line(f.xs, part, css(col, 0.75), 1.2);
  });
  plot.line(f.xs, f.c.sum, p.curve, 3);
}
