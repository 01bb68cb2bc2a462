// Lesson 11's view: training-loss curves of networks trained by the page (lesson-presets/
// depth.ts), on a log scale, one colour and dash each, drawn as far as they have come.
import type { EpochLoss } from '../../lesson-presets/depth.js';
import type { Palette } from '../colors.js';
import { Plot } from './plot.js';

export interface Curve {
  points: readonly EpochLoss[];
  color: string;
  dash: number[];
}

export function drawCurves(canvas: HTMLCanvasElement, p: Palette, curves: readonly Curve[], epochs: number, names: { x: string; y: string }): void {
  let lo = Infinity, hi = -Infinity;
  for (const c of curves)
    for (const e of c.points)
      if (e.train > 0 && Number.isFinite(e.train)) (lo = Math.min(lo, Math.log10(e.train)), (hi = Math.max(hi, Math.log10(e.train))));
  if (!(hi > lo)) (lo = -3, hi = 0);
  const plot = new Plot(canvas, { x: [0, epochs], y: [Math.floor(lo) - 0.2, Math.ceil(hi) + 0.2] });
  plot.clear(p.background);
  plot.axes(p, names);
  for (const c of curves) plot.line(c.points.map((e) => e.epoch), c.points.map((e) => Math.log10(e.train)), c.color, 2.4, c.dash);
}
