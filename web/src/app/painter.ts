// Paints one frame of a playground from the latest snapshot: the main view (boundary,
// surface or 1-D fit, or the hovered unit), every unit's thumbnail and the weight lines.
// Glue between the element's state and the renderers in view/: it decides what to draw,
// they know how (a large diagram is drawn in the diagram's worker, view/diagram-canvas.ts);
// nothing here trains or touches the training worker.
import type { Feature } from '../core/types.js';
import type { Built, Snapshot, UnitRef } from '../worker/protocol.js';
import type { Palette } from '../view/colors.js';
import { DENSE_WEIGHTS, layoutDiagram, MANY_UNITS, type DiagramLayout, type WeightRef } from '../view/diagram.js';
import { DiagramCanvas } from '../view/diagram-canvas.js';
import type { ThumbPlanes } from '../view/diagram-paint.js';
import { MainView } from '../view/main-view.js';
import { drawPreview } from '../view/preview.js';
import { ThumbPainter } from '../view/thumbs.js';
import type { Dataset } from '../core/types.js';
import type { Catalog } from './catalog.js';
import type { WalkUi } from './host.js';
import type { FeaturePlanes } from './feature-planes.js';
import { outputLayer, type ProblemShape } from './problem.js';
import { type Domain, outputScale, unitScale, valueScale, viewDomain } from './scales.js';
import type { PlaygroundState } from './settings.js';

/** Grid points per side of a 2-D thumbnail, and samples of a 1-D one. */
export const THUMB_2D = 32;
export const THUMB_1D = 160;
/**
 * With more hidden units than MANY_UNITS, thumbnails (and, past DENSE_WEIGHTS, the weight
 * lines) are redrawn at most every THUMBS_EVERY_MS while playing: they cost more than a
 * frame is worth. The tick asks the worker for thumbnails only as often (training.ts).
 */
export const THUMBS_EVERY_MS = 90;

/** Whether thumbnails are redrawn only every THUMBS_EVERY_MS while playing. */
export function thumbsThrottled(state: PlaygroundState): boolean {
  return state.hidden.reduce((a, b) => a + b, 0) > MANY_UNITS;
}

export interface FrameInput {
  catalog: Catalog;
  state: PlaygroundState;
  shape: ProblemShape;
  built: Built | null;
  snap: Snapshot | null;
  focus: UnitRef | null;
  drawing: boolean;
  playing: boolean;
  palette: Palette;
  /** CSS width of the main view. */
  mainCss: number;
  diagramWidth: number;
  hoverWeight: WeightRef | null;
  /** What the diagram shows instead of the latest snapshot's, if set. */
  diagram?: DiagramSource;
  /** "Step through one update", open: its edge values replace the weights on the diagram. */
  walk: WalkUi | null;
}

/**
 * The diagram from other data than the latest snapshot (each field: instead of the
 * snapshot's): a past epoch's parameters and thumbnails (the history scrubber), or other
 * values per weight for the lines (e.g. gradients during a walk through one step).
 */
export interface DiagramSource {
  params?: { weights: Float32Array[]; biases: Float32Array[] } | null;
  thumbs?: ThumbPlanes | null;
  /** Shaped as the weights: what the lines show (width ∝ |value|, colour by sign). */
  values?: Float32Array[];
  /** The |value| drawn at full width (default 4, for weights). */
  full?: number;
}

export class Painter {
  readonly main: MainView;
  #root: ShadowRoot | HTMLElement;
  #thumbs = new ThumbPainter();
  #thumbCanvases = new Map<string, HTMLCanvasElement>();
  /** The weights' lines and the one thumbnail canvas under every hidden and output unit. */
  #diagram = new DiagramCanvas();
  #features: FeaturePlanes;
  #lastLines = 0;
  #lastThumbs = 0;
  #thumbsDrawn: ThumbPlanes | null = null;
  #previewData: Dataset | null = null;

  constructor(canvas: HTMLCanvasElement, root: ShadowRoot | HTMLElement, features: FeaturePlanes) {
    this.main = new MainView(canvas);
    this.#root = root;
    this.#features = features;
  }

  /** Thumbnail canvases exist after the structure rendered: index them once per render. */
  indexThumbs(): void {
    this.#thumbCanvases.clear();
    for (const c of this.#root.querySelectorAll<HTMLCanvasElement>('canvas.thumb')) this.#thumbCanvases.set(c.dataset.key!, c);
    this.#diagram.bind(this.#root.querySelector<HTMLElement>('.lines-host'), this.#root.querySelector<HTMLElement>('.thumbs-host'));
  }

  /** The element left the page: the diagram's canvases go (new ones when it is back). */
  detach(): void {
    this.#diagram.detach();
  }

  paint(f: FrameInput): void {
    const view = this.main;
    const { shape, snap, built, focus, state, catalog } = f;
    const domain = viewDomain(state, shape, built, catalog);
    const { xRange, yRange } = domain;
    view.resize(f.mainCss, window.devicePixelRatio || 1);
    const customOnly = !built && state.dataset === 'custom' ? state.data : null;
    let heat = snap?.main && shape.dims === 2 ? snap.main : null;
    let scale = outputScale(shape, state, built);
    let focusCurve: Float32Array | null = null;
    const curve = snap?.main && shape.dims === 1 ? snap.main.data.subarray(0, snap.main.width) : null;
    if (focus && shape.dims === 2 && focus.layer === 0) {
      const feature = catalog.features[focus.unit];
      const res = Math.min(256, view.size);
      const data = feature ? this.#features.get(catalog.features, feature, res, res, 2, domain) : null;
      if (data) {
        heat = { width: res, height: res, planes: 1, data, focus, full: true };
        scale = { kind: 'auto' };
      }
    } else if (heat?.focus) {
      // The colours follow what the snapshot holds (the hovered unit arrives a tick later).
      scale = unitScale(heat.focus.layer, shape, state, built);
    }
    const planes = shownThumbs(f);
    if (focus && shape.dims === 1 && planes) {
      const t = planes;
      if (focus.layer === 0) {
        const feature = catalog.features1D[focus.unit];
        if (feature) focusCurve = this.#features.get(catalog.features1D, feature, t.width, 1, 1, domain);
      } else {
        const idx = t.layerSizes.slice(0, focus.layer).reduce((a, b) => a + b, 0) + focus.unit;
        focusCurve = t.data.subarray(idx * t.width, (idx + 1) * t.width);
      }
    }
    const outLayer = state.hidden.length + 1;
    view.draw({
      dims: shape.dims,
      xRange,
      yRange,
      heat,
      scale,
      curve,
      focusCurve,
      train: built?.train ?? customOnly,
      test: built?.test ?? null,
      // While drawing every point is shown: a new point may land in the test set.
      showTest: state.showTest || f.drawing,
      discretize: state.discretize && shape.problem === 'classification' && (!heat?.focus || heat.focus.layer === outLayer),
      palette: f.palette,
      valueScale: valueScale(built),
      marked: f.walk?.points,
    });
    // Many thumbnails or weights cost more than a frame is worth while training: ~10/s then
    // (while playing, a snapshot of a large network carries thumbnails only that often).
    const now = performance.now();
    const thumbs = shownThumbs(f);
    const fresh = thumbs !== null && thumbs !== this.#thumbsDrawn;
    if (!f.playing || !thumbsThrottled(state) || (fresh && now - this.#lastThumbs > THUMBS_EVERY_MS / 2)) {
      this.#lastThumbs = now;
      this.#thumbsDrawn = thumbs;
      this.#paintThumbs(f, domain);
    }
    const heavy = (shownParams(f)?.weights.reduce((a, w) => a + w.length, 0) ?? 0) > DENSE_WEIGHTS;
    if (!f.playing || !heavy || now - this.#lastLines > THUMBS_EVERY_MS) {
      this.#lastLines = now;
      this.paintLines(f);
    }
  }

  #paintThumbs(f: FrameInput, domain: Domain): void {
    const { shape, state, palette } = f;
    const all = f.catalog.featuresFor(shape.dims);
    const w = shape.dims === 1 ? THUMB_1D : THUMB_2D;
    const h = shape.dims === 1 ? 1 : THUMB_2D;
    for (const feature of all) {
      const c = this.#thumbCanvases.get(`f:${feature}`);
      if (!c) continue;
      fitCanvas(c);
      // Features do not change while training: draw them once per look (once the core's are in).
      const key = `${feature}:${palette.dark}:${w}:${domain.xRange}:${domain.yRange}:${c.width}`;
      if (c.dataset.drawn === key) continue;
      const plane = this.#features.get(all, feature, w, h, shape.dims, domain);
      if (!plane) continue;
      c.dataset.drawn = key;
      this.#thumbs.draw(c, plane, w, h, { kind: 'auto' }, palette);
    }
    const layout = diagramLayout(state, shape, f.built, f.diagramWidth, f.catalog);
    const layers = layout.columns.length;
    this.#diagram.atlas({
      layout, dpr: window.devicePixelRatio || 1, palette, thumbs: shownThumbs(f),
      scales: Array.from({ length: layers }, (_, l) => unitScale(l, shape, state, f.built)),
      discretize: Array.from({ length: layers }, (_, l) => state.discretize && l === layers - 1 && shape.problem === 'classification'),
    });
  }

  paintLines(f: FrameInput): void {
    const params = shownParams(f);
    const all = f.catalog.featuresFor(f.shape.dims);
    const ok = params !== null && params.weights.length === f.state.hidden.length + 1;
    // "Step through one update" open: its ∂L/∂W (or changes) are drawn as the weights are,
    // the largest |value| at full width.
    const edges = ok && f.walk?.edges?.length === params.weights.length ? f.walk.edges : null;
    const full = edges ? Math.max(...edges.map((e) => e.reduce((m, v) => Math.max(m, Math.abs(v)), 0))) || 1 : f.diagram?.full;
    this.#diagram.lines({
      layout: diagramLayout(f.state, f.shape, f.built, f.diagramWidth, f.catalog),
      weights: ok ? params.weights : [],
      values: edges ?? (ok ? f.diagram?.values : undefined),
      full,
      inputRows: f.state.features.map((x) => all.indexOf(x)),
      palette: f.palette,
      dpr: window.devicePixelRatio || 1,
      highlight: f.hoverWeight,
    });
    const canvas = this.#root.querySelector<HTMLElement>('canvas.lines');
    if (canvas) canvas.dataset.edges = edges ? 'gradient' : 'weights';
  }

  weightAt(x: number, y: number): WeightRef | null {
    return this.#diagram.hit(x, y);
  }

  /** The dataset picker's pictures (drawn once each, again when the theme changes). */
  paintPreviews(previews: Record<string, Dataset> | null, custom: Dataset | null, palette: Palette, fallback: Domain, catalog: Catalog): void {
    for (const c of this.#root.querySelectorAll<HTMLCanvasElement>('canvas.preview')) {
      const name = c.dataset.name!;
      const d = name === 'custom' ? custom : previews?.[name];
      if (!d) continue;
      const key = `${palette.dark}:${c.clientWidth}`;
      if (c.dataset.drawn === key && (name !== 'custom' || this.#previewData === d)) continue;
      if (name === 'custom') this.#previewData = d;
      c.dataset.drawn = key;
      const info = catalog.dataset(name);
      drawPreview(c, d, info ? [info.domain[0], info.domain[1]] : fallback.xRange, palette);
    }
  }
}

function shownParams(f: FrameInput): { weights: Float32Array[]; biases: Float32Array[] } | null {
  return f.diagram?.params !== undefined ? f.diagram.params : (f.snap?.params ?? null);
}

function shownThumbs(f: FrameInput): ThumbPlanes | null {
  return f.diagram?.thumbs !== undefined ? f.diagram.thumbs : (f.snap?.thumbs ?? null);
}

/** The diagram's geometry for the current structure and width (shared with the template). */
export function diagramLayout(s: PlaygroundState, shape: ProblemShape, built: Built | null, width: number, catalog: Catalog): DiagramLayout {
  const feats = catalog.featuresFor(shape.dims).length;
  const outputs = built ? built.layerSizes[built.layerSizes.length - 1]! : outputLayer(shape, s.loss).units;
  return layoutDiagram([feats, ...s.hidden, outputs], Math.max(200, width - 70));
}

function fitCanvas(c: HTMLCanvasElement): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(c.clientWidth * dpr)), h = Math.max(1, Math.round(c.clientHeight * dpr));
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
    delete c.dataset.drawn;
  }
}
