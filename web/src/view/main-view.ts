// The main view: the network's output over the input plane (decision boundary, regression
// surface) with the data points, or for 1-D data the plot y = f(x) with the data and the
// network's curve. Draws at the canvas' backing resolution (devicePixelRatio aware).
import type { Dataset } from '../core/types.js';
import { css, divergingCss, type Palette } from './colors.js';
import { Heatmap, type Planes, type ValueScale } from './heatmap.js';

export interface MainFrame {
  dims: 1 | 2;
  xRange: [number, number];
  yRange: [number, number];
  /** 2-D: the values over the plane. */
  heat: Planes | null;
  scale: ValueScale;
  /** 1-D: the network's output at `curve.length` evenly spaced x (cell centres). */
  curve: Float32Array | null;
  /** 1-D: a focused unit's output, drawn dashed. */
  focusCurve: Float32Array | null;
  train: Dataset | null;
  test: Dataset | null;
  showTest: boolean;
  discretize: boolean;
  palette: Palette;
  /** Regression: the magnitude that maps to full colour for point values. */
  valueScale: number;
  /** Training points ringed (the ones "Step through one update" explains); absent: none. */
  marked?: readonly number[];
}

const MAX_BACKING = 1024;

/**
 * What the 2-D view's static layer (axis ticks and data points) was drawn from: while
 * training only the heatmap under it changes, so the layer is drawn once and each frame
 * is three image draws (a 500-point spiral's arcs, recorded and rasterised every frame,
 * were most of the main thread's canvas work at the commit).
 */
interface LayerKey {
  size: number;
  scale: number;
  x0: number; x1: number; y0: number; y1: number;
  train: Dataset | null;
  trainSize: number;
  test: Dataset | null;
  testSize: number;
  showTest: boolean;
  palette: Palette;
  valueScale: number;
}

function sameLayer(a: LayerKey, b: LayerKey): boolean {
  for (const k of Object.keys(a) as (keyof LayerKey)[]) if (a[k] !== b[k]) return false;
  return true;
}

export class MainView {
  readonly canvas: HTMLCanvasElement;
  #ctx: CanvasRenderingContext2D;
  #heat = new Heatmap();
  #frame: MainFrame | null = null;
  /** The ticks and points, drawn once per change of what they show (a canvas off the page). */
  #layer: { key: LayerKey; canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } | null = null;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    this.#ctx = canvas.getContext('2d', { alpha: false })!;
  }

  /** Backing pixels per CSS pixel: marks, text and points keep their CSS size at any size. */
  #scale = 1;

  /** Sets the backing store for a CSS size; returns the backing size in pixels. */
  resize(cssSize: number, dpr: number): number {
    const px = Math.max(16, Math.min(MAX_BACKING, Math.round(cssSize * dpr)));
    this.#scale = px / Math.max(1, cssSize);
    if (this.canvas.width !== px || this.canvas.height !== px) {
      this.canvas.width = px;
      this.canvas.height = px;
    }
    return px;
  }

  get size(): number {
    return this.canvas.width;
  }

  /** Data coordinates of a point given in client (CSS) pixels. */
  toData(clientX: number, clientY: number): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    const f = this.#frame;
    const [x0, x1] = f?.xRange ?? [-6, 6];
    const [y0, y1] = f?.yRange ?? [-6, 6];
    const u = (clientX - r.left) / r.width;
    const v = (clientY - r.top) / r.height;
    return [x0 + u * (x1 - x0), y1 - v * (y1 - y0)];
  }

  /** Pixels per data unit along x (for hit radii). */
  get pixelsPerUnit(): number {
    const r = this.canvas.getBoundingClientRect();
    const f = this.#frame;
    const [x0, x1] = f?.xRange ?? [-6, 6];
    return r.width / (x1 - x0);
  }

  draw(f: MainFrame): void {
    this.#frame = f;
    const ctx = this.#ctx;
    const W = this.canvas.width;
    ctx.save();
    ctx.fillStyle = css(f.palette.neutral);
    ctx.fillRect(0, 0, W, W);
    if (f.dims === 2) {
      if (f.heat) {
        const img = this.#heat.paint(f.heat, f.scale, f.palette, f.discretize);
        ctx.imageSmoothingEnabled = f.heat.width < W;
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(img, 0, 0, W, W);
      }
      ctx.drawImage(this.#staticLayer(f), 0, 0);
    } else {
      this.#plot1d(f);
    }
    this.#marks(f);
    ctx.restore();
  }

  /** The 2-D view's ticks and points on a transparent canvas of the view's size, redrawn only when they change. */
  #staticLayer(f: MainFrame): HTMLCanvasElement {
    const W = this.canvas.width;
    const key: LayerKey = {
      size: W, scale: this.#scale, x0: f.xRange[0], x1: f.xRange[1], y0: f.yRange[0], y1: f.yRange[1],
      train: f.train, trainSize: f.train?.size ?? 0, test: f.test, testSize: f.test?.size ?? 0,
      showTest: f.showTest, palette: f.palette, valueScale: f.valueScale,
    };
    if (this.#layer && sameLayer(this.#layer.key, key)) return this.#layer.canvas;
    let layer = this.#layer;
    if (!layer) {
      const canvas = document.createElement('canvas');
      layer = { key, canvas, ctx: canvas.getContext('2d')! };
    }
    layer.key = key;
    this.#layer = layer;
    if (layer.canvas.width !== W || layer.canvas.height !== W) {
      layer.canvas.width = W;
      layer.canvas.height = W;
    } else layer.ctx.clearRect(0, 0, W, W);
    layer.ctx.save();
    this.#ticks(layer.ctx, f);
    this.#points2d(layer.ctx, f);
    layer.ctx.restore();
    return layer.canvas;
  }

  #marks(f: MainFrame): void {
    const d = f.train;
    if (!d || !f.marked?.length) return;
    const ctx = this.#ctx;
    const s = this.#scale;
    ctx.lineWidth = 2 * s;
    ctx.strokeStyle = f.palette.text;
    ctx.beginPath();
    for (const i of f.marked) {
      if (i >= d.size) continue;
      const [x, y] = f.dims === 2 ? this.#px(f, d.x[2 * i]!, d.x[2 * i + 1]!) : this.#px(f, d.x[i]!, d.y[i]!);
      ctx.moveTo(x + 7 * s, y);
      ctx.arc(x, y, 7 * s, 0, Math.PI * 2);
    }
    ctx.stroke();
  }

  #px(f: MainFrame, x: number, y: number): [number, number] {
    const W = this.canvas.width;
    return [((x - f.xRange[0]) / (f.xRange[1] - f.xRange[0])) * W, ((f.yRange[1] - y) / (f.yRange[1] - f.yRange[0])) * W];
  }

  #ticks(ctx: CanvasRenderingContext2D, f: MainFrame): void {
    const W = this.canvas.width;
    const s = this.#scale;
    ctx.font = `${Math.round(10 * s)}px system-ui, sans-serif`;
    ctx.fillStyle = f.palette.dark ? 'rgba(255,255,255,0.75)' : 'rgba(0,0,0,0.6)';
    ctx.strokeStyle = f.palette.grid;
    ctx.lineWidth = Math.max(1, s);
    const step = niceStep(f.xRange[1] - f.xRange[0]);
    for (let v = Math.ceil(f.xRange[0] / step) * step; v <= f.xRange[1] + 1e-9; v += step) {
      const [x] = this.#px(f, v, 0);
      ctx.beginPath();
      ctx.moveTo(x, W);
      ctx.lineTo(x, W - 5 * s);
      ctx.stroke();
      if (Math.abs(v - f.xRange[0]) > 1e-9 && Math.abs(v - f.xRange[1]) > 1e-9) {
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        label(ctx, fmtTick(v), x, W - 6 * s, f.palette.dark, s);
      }
    }
    for (let v = Math.ceil(f.yRange[0] / step) * step; v <= f.yRange[1] + 1e-9; v += step) {
      const [, y] = this.#px(f, 0, v);
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(5 * s, y);
      ctx.stroke();
      if (Math.abs(v - f.yRange[0]) > 1e-9 && Math.abs(v - f.yRange[1]) > 1e-9) {
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        label(ctx, fmtTick(v), 7 * s, y, f.palette.dark, s);
      }
    }
  }

  #pointColor(f: MainFrame, d: Dataset, i: number): string {
    if (d.problem === 'regression') return divergingCss(f.palette, d.y[i]! / (f.valueScale || 1));
    const c = f.palette.classes[d.y[i]! % f.palette.classes.length]!;
    return css(c);
  }

  #points2d(ctx: CanvasRenderingContext2D, f: MainFrame): void {
    const s = this.#scale;
    const r = 3.6 * s;
    const draw = (d: Dataset | null, stroke: string): void => {
      if (!d) return;
      ctx.lineWidth = Math.max(1, 1.1 * s);
      ctx.strokeStyle = stroke;
      for (let i = 0; i < d.size; i++) {
        const [x, y] = this.#px(f, d.x[2 * i]!, d.x[2 * i + 1]!);
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fillStyle = this.#pointColor(f, d, i);
        ctx.fill();
        ctx.stroke();
      }
    };
    draw(f.train, f.palette.trainStroke);
    if (f.showTest) draw(f.test, f.palette.testStroke);
  }

  #plot1d(f: MainFrame): void {
    const ctx = this.#ctx;
    const W = this.canvas.width;
    const s = this.#scale;
    ctx.fillStyle = f.palette.background;
    ctx.fillRect(0, 0, W, W);
    // Axes through 0 and ticks.
    ctx.strokeStyle = f.palette.grid;
    ctx.lineWidth = Math.max(1, s);
    const [ox, oy] = this.#px(f, 0, 0);
    ctx.beginPath();
    ctx.moveTo(0, oy);
    ctx.lineTo(W, oy);
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, W);
    ctx.stroke();
    ctx.font = `${Math.round(10 * s)}px system-ui, sans-serif`;
    ctx.fillStyle = f.palette.mutedText;
    const xs = niceStep(f.xRange[1] - f.xRange[0]);
    for (let v = Math.ceil(f.xRange[0] / xs) * xs; v <= f.xRange[1]; v += xs) {
      if (Math.abs(v) < 1e-9) continue;
      const [x] = this.#px(f, v, 0);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(fmtTick(v), x, Math.min(W - 14 * s, oy + 4 * s));
    }
    const ys = niceStep(f.yRange[1] - f.yRange[0]);
    for (let v = Math.ceil(f.yRange[0] / ys) * ys; v <= f.yRange[1]; v += ys) {
      if (Math.abs(v) < 1e-9) continue;
      const [, y] = this.#px(f, 0, v);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(fmtTick(v), Math.max(2 * s, ox + 4 * s), y);
    }
    // Data.
    const dot = (d: Dataset | null, hollow: boolean): void => {
      if (!d) return;
      ctx.lineWidth = 1.4 * s;
      for (let i = 0; i < d.size; i++) {
        const [x, y] = this.#px(f, d.x[i]!, d.y[i]!);
        ctx.beginPath();
        ctx.arc(x, y, 3.2 * s, 0, Math.PI * 2);
        if (hollow) {
          ctx.strokeStyle = css(f.palette.negative);
          ctx.stroke();
        } else {
          ctx.fillStyle = css(f.palette.positive, 0.85);
          ctx.fill();
        }
      }
    };
    dot(f.train, false);
    if (f.showTest) dot(f.test, true);
    const line = (ys: Float32Array | null, color: string, dash: number[]): void => {
      if (!ys || ys.length === 0) return;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5 * s;
      ctx.setLineDash(dash.map((d) => d * s));
      ctx.beginPath();
      const n = ys.length;
      for (let i = 0; i < n; i++) {
        const xv = f.xRange[0] + ((i + 0.5) / n) * (f.xRange[1] - f.xRange[0]);
        const [x, y] = this.#px(f, xv, clampY(ys[i]!, f.yRange));
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    line(f.curve, f.palette.curve, []);
    line(f.focusCurve, f.palette.focusCurve, [6, 4]);
  }
}

function clampY(v: number, r: [number, number]): number {
  const span = r[1] - r[0];
  if (!Number.isFinite(v)) return v > 0 ? r[1] + span : r[0] - span;
  return Math.max(r[0] - span, Math.min(r[1] + span, v));
}

export function niceStep(span: number): number {
  const raw = span / 6;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
}

/** Text with a soft halo of the opposite tone, readable over any heatmap colour. */
function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, dark: boolean, s: number): void {
  ctx.save();
  ctx.lineWidth = 3 * s;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = dark ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.6)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = dark ? 'rgba(255,255,255,0.92)' : 'rgba(0,0,0,0.75)';
  ctx.fillText(text, x, y);
  ctx.restore();
}

function fmtTick(v: number): string {
  return String(Number(v.toFixed(2)));
}
