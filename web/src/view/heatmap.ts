// Turns planes of grid values into pixels: an ImageData at grid resolution (reused between
// frames) on a small canvas, which the views then scale onto theirs. Knows colour maps
// (diverging for one value, class blending for softmax outputs), nothing of training.
import { type Palette, lutIndex } from './colors.js';

/** How a plane's values read as colour. */
export type ValueScale =
  /** One value in [lo, hi]; the midpoint is neutral (tanh: -1..1, sigmoid: 0..1, regression: ±max). */
  | { kind: 'diverging'; lo: number; hi: number }
  /** `planes` values per point summing to 1 (softmax): blend the class colours by probability. */
  | { kind: 'classes' }
  /** Symmetric around 0, scaled to the plane's largest magnitude (unbounded units). */
  | { kind: 'auto' };

export interface Planes {
  width: number;
  height: number;
  planes: number;
  data: Float32Array;
}

type Canvas2D = HTMLCanvasElement | OffscreenCanvas;

function makeCanvas(w: number, h: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

export class Heatmap {
  #canvas: Canvas2D | null = null;
  #ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
  #image: ImageData | null = null;

  /** Paints the planes (at their own resolution) and returns the canvas holding them. */
  paint(p: Planes, scale: ValueScale, palette: Palette, discretize: boolean, alpha = 255): Canvas2D {
    const { width: w, height: h } = p;
    if (!this.#canvas || this.#canvas.width !== w || this.#canvas.height !== h) {
      this.#canvas = makeCanvas(w, h);
      this.#ctx = this.#canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
      this.#image = this.#ctx.createImageData(w, h);
    }
    const px = this.#image!.data;
    const n = w * h;
    const lut = palette.diverging;
    if (scale.kind === 'classes' && p.planes > 1) {
      paintClasses(px, p, palette, discretize, alpha);
    } else {
      let lo: number, hi: number;
      if (scale.kind === 'auto') {
        let m = 1e-6;
        for (let i = 0; i < n; i++) {
          const a = Math.abs(p.data[i]!);
          if (a > m && a < Infinity) m = a;
        }
        lo = -m;
        hi = m;
      } else if (scale.kind === 'diverging') {
        lo = scale.lo;
        hi = scale.hi;
      } else {
        lo = 0;
        hi = 1;
      }
      const mid = (lo + hi) / 2;
      const inv = 2 / (hi - lo || 1);
      for (let i = 0; i < n; i++) {
        let t = (p.data[i]! - mid) * inv;
        if (discretize) t = t > 0 ? 1 : -1;
        const k = lutIndex(t) * 3;
        const o = i * 4;
        px[o] = lut[k]!;
        px[o + 1] = lut[k + 1]!;
        px[o + 2] = lut[k + 2]!;
        px[o + 3] = alpha;
      }
    }
    this.#ctx!.putImageData(this.#image!, 0, 0);
    return this.#canvas!;
  }
}

function paintClasses(px: Uint8ClampedArray, p: Planes, palette: Palette, discretize: boolean, alpha: number): void {
  const n = p.width * p.height;
  const k = p.planes;
  const cols = palette.classes;
  const [nr, ng, nb] = palette.neutral;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = -1;
    let r = 0, g = 0, b = 0;
    for (let c = 0; c < k; c++) {
      const q = p.data[c * n + i]!;
      const col = cols[c % cols.length]!;
      r += q * col[0];
      g += q * col[1];
      b += q * col[2];
      if (q > bestP) {
        bestP = q;
        best = c;
      }
    }
    const o = i * 4;
    if (discretize) {
      const col = cols[best % cols.length]!;
      r = col[0];
      g = col[1];
      b = col[2];
    } else {
      // Confidence: 0 when every class is equally likely, 1 when one class has it all.
      const conf = Math.max(0, Math.min(1, (bestP - 1 / k) / (1 - 1 / k)));
      r = nr + (r - nr) * conf;
      g = ng + (g - ng) * conf;
      b = nb + (b - nb) * conf;
    }
    px[o] = r;
    px[o + 1] = g;
    px[o + 2] = b;
    px[o + 3] = alpha;
  }
}
