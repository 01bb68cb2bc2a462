// A small 2-D plot on a canvas for the lessons' views: backing store sized to the CSS box
// and devicePixelRatio, data → pixel mapping, axes with round ticks, polylines and dots.
// Marks keep their CSS size whatever the canvas' resolution.
import { niceStep } from '../main-view.js';
import type { Palette } from '../colors.js';

export interface Box {
  x: [number, number];
  y: [number, number];
}

export class Plot {
  readonly ctx: CanvasRenderingContext2D;
  /** Backing pixels. */
  readonly width: number;
  readonly height: number;
  /** Backing pixels per CSS pixel. */
  readonly s: number;
  readonly box: Box;

  constructor(canvas: HTMLCanvasElement, box: Box) {
    const dpr = globalThis.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr)), h = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    this.ctx = canvas.getContext('2d')!;
    this.width = w;
    this.height = h;
    this.s = dpr;
    this.box = box;
  }

  px(x: number): number {
    return ((x - this.box.x[0]) / (this.box.x[1] - this.box.x[0])) * this.width;
  }

  py(y: number): number {
    return ((this.box.y[1] - y) / (this.box.y[1] - this.box.y[0])) * this.height;
  }

  clear(color: string): void {
    this.ctx.fillStyle = color;
    this.ctx.fillRect(0, 0, this.width, this.height);
  }

  /** Axes through 0 (or the edge) with round ticks and optional axis names. */
  axes(p: Palette, names: { x?: string; y?: string } = {}): void {
    const { ctx, s } = this;
    ctx.save();
    ctx.strokeStyle = p.grid;
    ctx.lineWidth = Math.max(1, s);
    const ox = this.px(clamp(0, this.box.x)), oy = this.py(clamp(0, this.box.y));
    ctx.beginPath();
    ctx.moveTo(0, oy);
    ctx.lineTo(this.width, oy);
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, this.height);
    ctx.stroke();
    ctx.fillStyle = p.mutedText;
    ctx.font = `${Math.round(10 * s)}px system-ui, sans-serif`;
    const xs = niceStep(this.box.x[1] - this.box.x[0]);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let v = Math.ceil(this.box.x[0] / xs) * xs; v < this.box.x[1]; v += xs) {
      if (Math.abs(v) < xs * 1e-6 || this.px(v) < 12 * s) continue;
      ctx.fillText(fmt(v), this.px(v), Math.min(this.height - 13 * s, oy + 3 * s));
    }
    const ys = niceStep(this.box.y[1] - this.box.y[0]);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (let v = Math.ceil(this.box.y[0] / ys) * ys; v < this.box.y[1]; v += ys) {
      if (Math.abs(v) < ys * 1e-6 || this.py(v) < 8 * s || this.py(v) > this.height - 8 * s) continue;
      ctx.fillText(fmt(v), Math.min(this.width - 30 * s, ox + 4 * s), this.py(v));
    }
    ctx.fillStyle = p.text;
    ctx.font = `italic ${Math.round(12 * s)}px system-ui, sans-serif`;
    if (names.x) {
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(names.x, this.width - 4 * s, oy - 3 * s);
    }
    if (names.y) {
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(names.y, ox + 5 * s, 3 * s);
    }
    ctx.restore();
  }

  /** A polyline through (xs[i], ys[i]), or through interleaved x,y pairs when ys is omitted. */
  line(xs: ArrayLike<number>, ys: ArrayLike<number> | null, color: string, width: number, dash: number[] = []): void {
    const { ctx, s } = this;
    const n = ys ? xs.length : xs.length / 2;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = width * s;
    ctx.lineJoin = 'round';
    ctx.setLineDash(dash.map((d) => d * s));
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = ys ? xs[i]! : xs[2 * i]!, y = ys ? ys[i]! : xs[2 * i + 1]!;
      if (i === 0) ctx.moveTo(this.px(x), this.py(y));
      else ctx.lineTo(this.px(x), this.py(y));
    }
    ctx.stroke();
    ctx.restore();
  }

  dot(x: number, y: number, r: number, fill: string, stroke: string | null = null): void {
    const { ctx, s } = this;
    ctx.beginPath();
    ctx.arc(this.px(x), this.py(y), r * s, 0, Math.PI * 2);
    ctx.fillStyle = fill;
    ctx.fill();
    if (stroke) {
      ctx.lineWidth = s;
      ctx.strokeStyle = stroke;
      ctx.stroke();
    }
  }
}

function clamp(v: number, r: [number, number]): number {
  return Math.max(r[0], Math.min(r[1], v));
}

function fmt(v: number): string {
  return String(Number(v.toFixed(2)));
}

/** The smallest box holding every finite value of the x,y pair arrays, padded by `pad` of its size. */
export function boundsOf(pairs: ArrayLike<number>[], pad = 0.08): Box {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const a of pairs)
    for (let i = 0; i + 1 < a.length; i += 2) {
      const x = a[i]!, y = a[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  if (!(x1 >= x0)) return { x: [-1, 1], y: [-1, 1] };
  const dx = Math.max(x1 - x0, 1e-3) * pad, dy = Math.max(y1 - y0, 1e-3) * pad;
  return { x: [x0 - dx, x1 + dx], y: [y0 - dy, y1 + dy] };
}
