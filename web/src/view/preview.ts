// The dataset picker's pictures: a few points of a dataset drawn small (classes as dots on
// the neutral background; 1-D data as its curve of points).
import type { Dataset } from '../core/types.js';
import { css, divergingCss, type Palette } from './colors.js';

export function drawPreview(canvas: HTMLCanvasElement, d: Dataset, domain: [number, number], p: Palette): void {
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, Math.round(canvas.clientWidth * dpr));
  if (canvas.width !== W || canvas.height !== W) {
    canvas.width = W;
    canvas.height = W;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = css(p.neutral);
  ctx.fillRect(0, 0, W, W);
  const [lo, hi] = domain;
  const sx = (v: number): number => ((v - lo) / (hi - lo)) * W;
  const r = Math.max(1.2, W / 40);
  if (d.dims === 1) {
    for (let i = 0; i < d.size; i++) {
      ctx.fillStyle = css(p.positive);
      ctx.beginPath();
      ctx.arc(sx(d.x[i]!), W / 2 - (d.y[i]! / 1.4) * (W / 2), r, 0, Math.PI * 2);
      ctx.fill();
    }
    return;
  }
  let m = 1e-6;
  if (d.problem === 'regression') for (const v of d.y) m = Math.max(m, Math.abs(v));
  for (let i = 0; i < d.size; i++) {
    ctx.fillStyle = d.problem === 'regression' ? divergingCss(p, d.y[i]! / m) : css(p.classes[d.y[i]! % p.classes.length]!);
    ctx.beginPath();
    ctx.arc(sx(d.x[2 * i]!), W - sx(d.x[2 * i + 1]!), r, 0, Math.PI * 2);
    ctx.fill();
  }
}
