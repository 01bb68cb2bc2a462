// Per-unit thumbnails: each unit's output over the input plane as a small heatmap (2-D
// data) or a small curve (1-D data), drawn into the unit's own canvas in the diagram.
import { css, type Palette } from './colors.js';
import { Heatmap, type ValueScale } from './heatmap.js';

export class ThumbPainter {
  #heat = new Heatmap();

  /** Draws `plane` (w × h values) into `canvas`, sized to the canvas' backing store. */
  draw(canvas: HTMLCanvasElement, plane: Float32Array, w: number, h: number, scale: ValueScale, palette: Palette, discretize = false): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const W = canvas.width, H = canvas.height;
    if (h > 1) {
      const img = this.#heat.paint({ width: w, height: h, planes: 1, data: plane }, scale, palette, discretize);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(img, 0, 0, W, H);
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
    ctx.fillStyle = css(palette.neutral);
    ctx.fillRect(0, 0, W, H);
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    const zero = H - ((0 - lo) / (hi - lo)) * H;
    ctx.beginPath();
    ctx.moveTo(0, zero);
    ctx.lineTo(W, zero);
    ctx.stroke();
    ctx.strokeStyle = css(palette.positive);
    ctx.lineWidth = Math.max(1.5, W / 30);
    ctx.beginPath();
    for (let i = 0; i < w; i++) {
      const v = Math.max(lo, Math.min(hi, plane[i]!));
      const x = ((i + 0.5) / w) * W;
      const y = H - ((v - lo) / (hi - lo)) * H;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}
