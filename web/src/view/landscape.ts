// Draws the loss landscape the worker computed (net.lossSurface): a heatmap of the training
// loss over the (α, β) plane with contour lines, the optimizer's path projected onto the
// plane, its start and the current point (α = β = 0). Only drawing: the numbers are given.
import { contourLevels, contourSegments } from './contours.js';
import type { Palette } from './colors.js';

export interface LandscapeDrawing {
  steps: number;
  /** α and β run over [−range, range]. */
  range: number;
  /** steps × steps, row-major over β then α (loss[b·steps + a]), α and β ascending. */
  loss: Float32Array;
  /** k × 2 (α, β), oldest first; the last is the current parameters. */
  path: Float32Array;
  /** Colour and contours by log10 of the loss. */
  log: boolean;
}

/** Where a point of the plane is drawn, in CSS pixels of a side × side square (β up). */
export function planeToPixel(alpha: number, beta: number, range: number, side: number): [number, number] {
  return [((alpha + range) / (2 * range)) * side, (1 - (beta + range) / (2 * range)) * side];
}

// A perceptually even colour map (viridis, sampled at 9 stops), dark = low loss.
const STOPS = [
  [68, 1, 84], [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140],
  [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37],
] as const;

/** The colour map at t in [0, 1]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i, p = STOPS[i]!, q = STOPS[i + 1]!;
  return [p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1]), p[2] + f * (q[2] - p[2])];
}

/** The finite values' range (of log10 values with `log`; losses ≤ 0 count as the smallest positive one). */
export function valueRange(loss: Float32Array, log: boolean): { lo: number; hi: number; values: Float64Array } {
  let minPositive = Infinity;
  for (const v of loss) if (v > 0 && v < minPositive) minPositive = v;
  const values = new Float64Array(loss.length);
  let lo = Infinity, hi = -Infinity;
  loss.forEach((v, i) => {
    const x = !Number.isFinite(v) ? NaN : log ? Math.log10(Math.max(v, Number.isFinite(minPositive) ? minPositive : 1e-12)) : v;
    values[i] = x;
    if (Number.isFinite(x)) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  });
  return { lo, hi, values };
}

/** Contour levels drawn. */
const LEVELS = 12;

/**
 * Paints the landscape into `canvas` (its backing store `side`·dpr square). Returns the
 * loss range shown (in loss units) for the legend.
 */
export function drawLandscape(canvas: HTMLCanvasElement, d: LandscapeDrawing, side: number, dpr: number, pal: Palette): { lo: number; hi: number } {
  const px = Math.max(1, Math.round(side * dpr));
  if (canvas.width !== px || canvas.height !== px) canvas.width = canvas.height = px;
  const g = canvas.getContext('2d');
  if (!g) return { lo: NaN, hi: NaN };
  const n = d.steps;
  const { lo, hi, values } = valueRange(d.loss, d.log);
  // The heatmap at grid resolution (top row: β largest), scaled up smoothly.
  const img = new ImageData(n, n);
  for (let b = 0; b < n; b++) {
    for (let a = 0; a < n; a++) {
      const v = values[b * n + a]!;
      const o = ((n - 1 - b) * n + a) * 4;
      const [r, gr, bl] = Number.isFinite(v) ? viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5) : [255, 255, 255];
      img.data[o] = r;
      img.data[o + 1] = gr;
      img.data[o + 2] = bl;
      img.data[o + 3] = 255;
    }
  }
  const small = document.createElement('canvas');
  small.width = small.height = n;
  small.getContext('2d')!.putImageData(img, 0, 0);
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.imageSmoothingEnabled = true;
  // Grid points are cell centres of the n × n image: sample centres land on α, β = ±range at the edges.
  const cell = px / (n - 1);
  g.drawImage(small, -cell / 2, -cell / 2, px + cell, px + cell);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);

  // Contours in grid coordinates: x = α index, y = β index (flipped onto the canvas).
  const toCss = (gx: number, gy: number): [number, number] => [(gx / (n - 1)) * side, (1 - gy / (n - 1)) * side];
  g.lineWidth = 1;
  g.strokeStyle = 'rgba(255, 255, 255, 0.55)';
  g.beginPath();
  for (const level of contourLevels(lo, hi, LEVELS, false)) {
    const s = contourSegments(values, n, n, level);
    for (let i = 0; i < s.length; i += 4) {
      const [x0, y0] = toCss(s[i]!, s[i + 1]!), [x1, y1] = toCss(s[i + 2]!, s[i + 3]!);
      g.moveTo(x0, y0);
      g.lineTo(x1, y1);
    }
  }
  g.stroke();

  // The path, outlined so it shows on light and dark cells alike; its start a dot, now a ring.
  const k = d.path.length / 2;
  const at = (i: number): [number, number] => planeToPixel(d.path[2 * i]!, d.path[2 * i + 1]!, d.range, side);
  if (k > 1) {
    for (const [w, colour] of [[4, 'rgba(0, 0, 0, 0.6)'], [2, '#ffffff']] as const) {
      g.lineWidth = w;
      g.strokeStyle = colour;
      g.lineJoin = 'round';
      g.beginPath();
      for (let i = 0; i < k; i++) {
        const [x, y] = at(i);
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      }
      g.stroke();
    }
    const [sx, sy] = at(0);
    g.fillStyle = '#ffffff';
    g.beginPath();
    g.arc(sx, sy, 3.5, 0, 2 * Math.PI);
    g.fill();
  }
  const [cx, cy] = planeToPixel(0, 0, d.range, side);
  g.lineWidth = 2.5;
  g.strokeStyle = pal.dark ? '#ffffff' : '#000000';
  g.fillStyle = '#ff5a36';
  g.beginPath();
  g.arc(cx, cy, 6, 0, 2 * Math.PI);
  g.fill();
  g.stroke();
  return d.log ? { lo: 10 ** lo, hi: 10 ** hi } : { lo, hi };
}
