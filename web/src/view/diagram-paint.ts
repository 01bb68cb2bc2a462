// Drawing the network diagram's two canvases: the weights as lines (width ∝ |w|, blue
// positive, orange negative) and every hidden and output unit's thumbnail as a rectangle of
// one atlas canvas. Any 2-D context will do, so the same code draws on the main thread or
// in the diagram's worker on a transferred OffscreenCanvas (diagram-canvas.ts). Frames are
// plain data (structured-cloneable): what to draw, never where it comes from, so a past
// snapshot's parameters (the history scrubber) or other values per weight (gradients)
// draw the same way as the live network.
import { css, type Palette } from './colors.js';
import { type DiagramLayout, forEachLine, lineCount, DENSE_WEIGHTS, type WeightGeometry, type WeightRef } from './diagram.js';
import type { ValueScale } from './heatmap.js';
import { ThumbPainter, type ThumbRect } from './thumbs.js';

export type Surface = HTMLCanvasElement | OffscreenCanvas;

/** The weights' lines: the geometry (with the weights, which the hit test reports) and how they look. */
export interface LinesFrame extends WeightGeometry {
  /**
   * What the lines show, shaped as the weights (default: the weights themselves): width
   * and opacity ∝ |value|, the palette's positive colour for ≥ 0, its negative colour
   * otherwise. E.g. each weight's gradient during a walk through one step.
   */
  values?: readonly Float32Array[];
  /** The |value| drawn at full width and opacity (default 4, for weights). */
  full?: number;
  palette: Palette;
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** The weight drawn dashed on top (hovered or being edited). */
  highlight: WeightRef | null;
}

/** Every unit's output over the input plane (the worker's Snapshot['thumbs']). */
export interface ThumbPlanes {
  width: number;
  height: number;
  planes: number;
  /** Units per layer, the inputs (features) first: the planes' order. */
  layerSizes: number[];
  data: Float32Array;
}

/** The atlas of hidden and output units' thumbnails. */
export interface AtlasFrame {
  layout: DiagramLayout;
  dpr: number;
  palette: Palette;
  /** The planes to draw; null: none yet (the atlas is only cleared if its geometry changed). */
  thumbs: ThumbPlanes | null;
  /** The colour scale of layer l's thumbnails (index 0, the features, unused). */
  scales: ValueScale[];
  /** Whether layer l's thumbnails show the class only (the discretized output). */
  discretize: boolean[];
}

const LEVELS = 10;

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
const contexts = new WeakMap<Surface, Ctx | null>();

/** A surface's 2-D context, asked for once (Firefox refuses a second getContext on a transferred canvas). */
function context(surface: Surface): Ctx | null {
  let ctx = contexts.get(surface);
  if (ctx === undefined) contexts.set(surface, (ctx = surface.getContext('2d') as Ctx | null));
  return ctx;
}

/** Sizes `surface` to the layout and draws the lines. */
export function paintLines(surface: Surface, f: LinesFrame): void {
  const { layout, dpr, palette } = f;
  const W = Math.round(layout.width * dpr), H = Math.round(layout.height * dpr);
  if (surface.width !== W || surface.height !== H) {
    surface.width = W;
    surface.height = H;
  }
  const ctx = context(surface);
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const values = f.values ?? f.weights;
  const full = f.full ?? 4;
  const n = lineCount(f);
  const straight = n > DENSE_WEIGHTS;
  const line = (x0: number, y0: number, x1: number, y1: number): void => {
    ctx.moveTo(x0, y0);
    if (straight) {
      ctx.lineTo(x1, y1);
      return;
    }
    const mx = (x0 + x1) / 2;
    ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
  };
  const fanIn = (l: number): number => (l === 0 ? f.inputRows.length : layout.columns[l]!.length);
  const value = (l: number, unit: number, input: number): number => values[l]?.[unit * fanIn(l) + input] ?? 0;
  // Lines are bucketed by sign and strength (LEVELS steps) and each bucket is one path: a
  // few stroke() calls however many weights (thousands in a 10 × 32 network). Weak buckets
  // first, so strong ones are drawn on top. The widest line fits the node size, so dense
  // layers stay readable; |value| >= full is drawn at full width.
  const bucket = (v: number): number => Math.min(LEVELS - 1, Math.floor(Math.min(1, Math.abs(v) / full) * LEVELS)) * 2 + (v >= 0 ? 1 : 0);
  // Each line's bucket, in forEachLine's order (computed once: up to 2 × LEVELS passes follow).
  const count = new Uint32Array(2 * LEVELS);
  const of = new Uint8Array(n);
  let k = 0;
  forEachLine(f, (l, j, i) => void count[(of[k++] = bucket(value(l, j, i)))]!++);
  const maxWidth = Math.max(1.5, layout.node / 6);
  for (let b = 0; b < 2 * LEVELS; b++) {
    if (count[b] === 0) continue;
    const a = (Math.floor(b / 2) + 0.5) / LEVELS;
    ctx.strokeStyle = css(b % 2 === 1 ? palette.positive : palette.negative, 0.2 + 0.75 * a);
    ctx.lineWidth = 0.5 + (maxWidth - 0.5) * a;
    ctx.beginPath();
    k = 0;
    forEachLine(f, (_l, _j, _i, x0, y0, x1, y1) => {
      if (of[k++] === b) line(x0, y0, x1, y1);
    });
    ctx.stroke();
  }
  const h = f.highlight;
  if (h) {
    ctx.strokeStyle = palette.text;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    forEachLine(f, (l, j, i, x0, y0, x1, y1) => {
      if (l === h.layer && j === h.unit && i === h.input) line(x0, y0, x1, y1);
    });
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** Draws atlas frames into one surface: cleared when its geometry or theme changes. */
export class AtlasPainter {
  #thumbs = new ThumbPainter();
  #key = '';

  paint(surface: Surface, f: AtlasFrame): void {
    const ctx = context(surface);
    if (!ctx) return;
    const { layout, dpr } = f;
    const W = Math.round(layout.width * dpr), H = Math.round(layout.height * dpr);
    const key = `${W}x${H}:${layout.node}:${layout.columns.map((c) => c.length).join(',')}:${f.palette.dark}`;
    if (key !== this.#key) {
      // A new structure, size or theme: no thumbnail of the old one may stay in the wrong
      // place (until the first thumbnails arrive the unit is see-through).
      this.#key = key;
      if (surface.width !== W || surface.height !== H) {
        surface.width = W;
        surface.height = H;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, W, H);
    }
    const t = f.thumbs;
    if (!t) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // Inside each unit's 1-px border (the buttons are border-box), in backing-store pixels.
    const rect = (l: number, u: number): ThumbRect | null => {
      const p = layout.columns[l]?.[u];
      if (!p) return null;
      const x = Math.round((p.x + 1) * dpr), y = Math.round((p.y + 1) * dpr);
      return { x, y, w: Math.round((p.x + layout.node - 1) * dpr) - x, h: Math.round((p.y + layout.node - 1) * dpr) - y };
    };
    const plane = t.width * t.height;
    let offset = t.layerSizes[0]!;
    for (let l = 1; l < t.layerSizes.length; l++) {
      const scale = f.scales[l] ?? { kind: 'auto' };
      for (let u = 0; u < t.layerSizes[l]!; u++, offset++) {
        const r = rect(l, u);
        if (r) this.#thumbs.drawAt(ctx, r, t.data.subarray(offset * plane, (offset + 1) * plane), t.width, t.height, scale, f.palette, f.discretize[l] ?? false);
      }
    }
  }
}
