// Lesson 10's view: the training loss over a plane through the current parameters (the
// core's lossSurface, computed by lesson-presets/descent.ts) as a heatmap of log loss in
// bands, so the band edges are its contour lines, with the optimizer's path projected on
// it, its start marked, and the current point (the plane's centre) ringed.
import type { Landscape } from '../../lesson-presets/descent.js';
import { mix, type Palette } from '../colors.js';
import { Plot } from './plot.js';

/** Contour bands of log₁₀ loss across the slice. */
const BANDS = 14;

export function drawLandscape(canvas: HTMLCanvasElement, p: Palette, land: Landscape): void {
  const { range, steps, loss } = land;
  const plot = new Plot(canvas, { x: [-range, range], y: [-range, range] });
  const { ctx, s, width, height } = plot;
  let lo = Infinity, hi = -Infinity;
  for (const v of loss) {
    if (!Number.isFinite(v) || v <= 0) continue;
    lo = Math.min(lo, Math.log10(v));
    hi = Math.max(hi, Math.log10(v));
  }
  if (!(hi > lo)) hi = lo + 1;
  // Low loss dark blue, high loss light: one band per level, the canvas scaled to cells.
  const img = ctx.createImageData(width, height);
  const deep = p.positive, high = p.dark ? ([60, 62, 70] as const) : ([250, 245, 235] as const);
  for (let y = 0; y < height; y++) {
    const b = Math.min(steps - 1, Math.max(0, Math.round((1 - (y + 0.5) / height) * (steps - 1))));
    for (let x = 0; x < width; x++) {
      const a = Math.min(steps - 1, Math.max(0, Math.round(((x + 0.5) / width) * (steps - 1))));
      const v = loss[b * steps + a]!;
      const t = Number.isFinite(v) && v > 0 ? Math.floor(((Math.log10(v) - lo) / (hi - lo)) * (BANDS - 0.001)) / (BANDS - 1) : 1;
      const c = mix(deep, [...high], t);
      const k = 4 * (y * width + x);
      img.data[k] = c[0];
      img.data[k + 1] = c[1];
      img.data[k + 2] = c[2];
      img.data[k + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  plot.axes(p, { x: 'α', y: 'β' });
  const path = land.path;
  if (!path || path.length < 2) return;
  const ink = p.dark ? '#ffffff' : '#202124';
  plot.line(path, null, p.dark ? '#000000' : '#ffffff', 4);
  plot.line(path, null, ink, 2);
  const [x0, y0] = [plot.px(path[0]!), plot.py(path[1]!)];
  ctx.fillStyle = ink;
  ctx.fillRect(x0 - 4 * s, y0 - 4 * s, 8 * s, 8 * s);
  const n = path.length / 2;
  plot.dot(path[2 * n - 2]!, path[2 * n - 1]!, 6, p.focusCurve, ink);
}
