// Per-unit thumbnails: each unit's output over the input plane as a small heatmap (2-D
// data) or a small curve (1-D data), drawn into a rectangle of a canvas — a feature's own
// canvas, or the diagram's one atlas canvas under every hidden and output unit (one canvas
// to composite instead of hundreds: the cost of a large network's frame was the compositor).
import { css, type Palette } from './colors.js';
import { Heatmap, type ValueScale } from './heatmap.js';

/** A rectangle in a canvas' backing-store pixels. */
export interface ThumbRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export class ThumbPainter {
  #heat = new Heatmap();

  /** Draws `plane` (w × h values) into the whole of `canvas`, sized to its backing store. */
  draw(canvas: HTMLCanvasElement, plane: Float32Array, w: number, h: number, scale: ValueScale, palette: Palette, discretize = false): void {
    const ctx = canvas.getContext('2d');
    if (ctx) this.drawAt(ctx, { x: 0, y: 0, w: canvas.width, h: canvas.height }, plane, w, h, scale, palette, discretize);
  }

  /** Draws `plane` (w × h values) into rectangle `r` of `ctx` (identity transform). */
  drawAt(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, r: ThumbRect, plane: Float32Array, w: number, h: number, scale: ValueScale, palette: Palette, discretize = false): void {
    const { x: X, y: Y, w: W, h: H } = r;
    if (h > 1) {
      const img = this.#heat.paint({ width: w, height: h, planes: 1, data: plane }, scale, palette, discretize);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(img, X, Y, W, H);
      return;
    }
    // 1-D: the unit's output as a curve, scaled to its range.
    let lo: number, hi: number;
    if (scale.kind === 'diverging') {
      lo = scale.lo;
      hi = scale.hi;
    } else {
      let m = 1e-6;
      for (const v of plane) if (Math.abs(v) > m && Number.isFinite(v)) m = Math.abs(v);
      lo = -m;
      hi = m;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(X, Y, W, H);
    ctx.clip();
    ctx.fillStyle = css(palette.neutral);
    ctx.fillRect(X, Y, W, H);
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    const zero = Y + H - ((0 - lo) / (hi - lo)) * H;
    ctx.beginPath();
    ctx.moveTo(X, zero);
    ctx.lineTo(X + W, zero);
    ctx.stroke();
    ctx.strokeStyle = css(palette.positive);
    ctx.lineWidth = Math.max(1.5, W / 30);
    ctx.beginPath();
    for (let i = 0; i < w; i++) {
      const v = Math.max(lo, Math.min(hi, plane[i]!));
      const x = X + ((i + 0.5) / w) * W;
      const y = Y + H - ((v - lo) / (hi - lo)) * H;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.restore();
  }
}
