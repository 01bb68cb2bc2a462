// Lesson 6's view: the input plane coloured by a ReLU network's activation pattern. Every
// region (a set of points where the same units are on) gets its own colour; inside one,
// the network is a single affine map. The data is drawn on top, small.
import type { Regions } from '../../lesson-presets/analysis.js';
import type { Dataset } from '../../core/types.js';
import { css, type Palette } from '../colors.js';
import { Plot } from './plot.js';

/** A colour for region `id`: hues spread by the golden angle, so neighbours differ. */
export function regionColour(id: number, dark: boolean): [number, number, number] {
  const h = (id * 137.508) % 360;
  const l = dark ? 0.42 + 0.1 * ((id * 7) % 3) / 2 : 0.72 + 0.1 * ((id * 7) % 3) / 2;
  return hsl(h, dark ? 0.45 : 0.6, l);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
}

export interface RegionsFrame {
  regions: Regions;
  width: number;
  height: number;
  xRange: [number, number];
  yRange: [number, number];
  data: Dataset | null;
  palette: Palette;
}

export function drawRegions(canvas: HTMLCanvasElement, f: RegionsFrame): void {
  const plot = new Plot(canvas, { x: f.xRange, y: f.yRange });
  const img = new ImageData(f.width, f.height);
  const cache = new Map<number, [number, number, number]>();
  for (let i = 0; i < f.regions.labels.length; i++) {
    const id = f.regions.labels[i]!;
    let c = cache.get(id);
    if (!c) cache.set(id, (c = regionColour(id, f.palette.dark)));
    img.data[4 * i] = c[0];
    img.data[4 * i + 1] = c[1];
    img.data[4 * i + 2] = c[2];
    img.data[4 * i + 3] = 255;
  }
  const small = new OffscreenCanvas(f.width, f.height);
  small.getContext('2d')!.putImageData(img, 0, 0);
  plot.ctx.imageSmoothingEnabled = false;
  plot.ctx.drawImage(small, 0, 0, plot.width, plot.height);
  if (f.data) for (let i = 0; i < f.data.size; i++) {
    const c = f.palette.classes[f.data.y[i]! % f.palette.classes.length]!;
    plot.dot(f.data.x[2 * i]!, f.data.x[2 * i + 1]!, 1.8, css(c), null);
  }
}
