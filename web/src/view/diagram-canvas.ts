// The network diagram's two canvases (the weights' lines, the thumbnail atlas) and where
// they are drawn. A large diagram (largeDiagram: ~10,000 lines, ~330 thumbnails) is drawn
// in the page's diagram worker on canvases handed over with transferControlToOffscreen:
// rasterising it was most of a large network's main-thread frame (in the commit to the
// compositor), and there it costs the main thread nothing. A small one, or any diagram in a
// browser without OffscreenCanvas in workers, is drawn here with the same code
// (diagram-paint.ts). The canvases are this class' own, inside two host elements of the
// template: a transferred canvas cannot be drawn on here again, so a change of mode (or a
// re-attached element) gets fresh ones. Hit tests run here, on the geometry of the last
// frame, computed only when the pointer asks.
import { DENSE_WEIGHTS, type DiagramLayout, hitWeight, MANY_UNITS, type WeightRef } from './diagram.js';
import { type AtlasFrame, AtlasPainter, type LinesFrame, paintLines, type ThumbPlanes } from './diagram-paint.js';
import type { AtlasMessage, FromDiagramWorker, ToDiagramWorker } from './diagram-worker.js';

/** Whether a diagram of this layout (its units, its lines with every feature on) is drawn off the main thread (where the browser can). */
export function largeDiagram(layout: DiagramLayout): boolean {
  let units = 0, lines = 0;
  for (let c = 1; c < layout.columns.length; c++) {
    units += layout.columns[c]!.length;
    lines += layout.columns[c]!.length * layout.columns[c - 1]!.length;
  }
  return units > MANY_UNITS || lines > DENSE_WEIGHTS;
}

type What = 'lines' | 'atlas';

/** The page's one diagram worker, shared by every element; null if it cannot be used. */
let shared: { worker: Worker; next: number; owners: Map<number, DiagramCanvas> } | null = null;
let broken = typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || typeof HTMLCanvasElement === 'undefined' || !('transferControlToOffscreen' in HTMLCanvasElement.prototype);

function diagramWorker(): NonNullable<typeof shared> | null {
  if (broken) return null;
  if (shared) return shared;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./diagram-worker.ts', import.meta.url), { type: 'module', name: 'mlp-playground diagram' });
  } catch {
    broken = true;
    return null;
  }
  const s = { worker, next: 1, owners: new Map<number, DiagramCanvas>() };
  worker.onmessage = (e: MessageEvent<FromDiagramWorker>) => s.owners.get(e.data.id)?.answered(e.data);
  // A worker that cannot load or dies: every diagram goes back to drawing here.
  worker.onerror = () => {
    broken = true;
    shared = null;
    worker.terminate();
    for (const owner of s.owners.values()) owner.fallBack();
  };
  shared = s;
  return s;
}

interface Remote {
  id: number;
  /** A frame of each kind is being drawn; the latest one asked for meanwhile waits. */
  busy: Record<What, boolean>;
  waiting: { lines: LinesFrame | null; atlas: AtlasFrame | null };
}

export class DiagramCanvas {
  #linesHost: HTMLElement | null = null;
  #atlasHost: HTMLElement | null = null;
  #lines: HTMLCanvasElement | null = null;
  #atlas: HTMLCanvasElement | null = null;
  /** Drawing in the worker (set), or here (null). */
  #remote: Remote | null = null;
  #atlasPainter = new AtlasPainter();
  /** The last frames asked for (hit tests, a fall-back), and those drawn on these canvases. */
  #lastLines: LinesFrame | null = null;
  #lastAtlas: AtlasFrame | null = null;
  #drawnLines: LinesFrame | null = null;
  #drawnAtlas: AtlasFrame | null = null;
  /** The planes the worker holds for this diagram (sent once, then 'same'). */
  #sentThumbs: ThumbPlanes | null = null;

  /** The template's two host elements (after each render that may have replaced them). */
  bind(linesHost: HTMLElement | null, atlasHost: HTMLElement | null): void {
    if (linesHost === this.#linesHost && atlasHost === this.#atlasHost) return;
    this.detach();
    this.#linesHost = linesHost;
    this.#atlasHost = atlasHost;
  }

  /** Drops the canvases (the element left the page): the next frame makes new ones. */
  detach(): void {
    if (this.#remote && shared) {
      shared.owners.delete(this.#remote.id);
      shared.worker.postMessage({ kind: 'detach', id: this.#remote.id } satisfies ToDiagramWorker);
    }
    this.#remote = null;
    this.#lines?.remove();
    this.#atlas?.remove();
    this.#lines = this.#atlas = null;
    this.#atlasPainter = new AtlasPainter();
    this.#sentThumbs = null;
    this.#drawnLines = this.#drawnAtlas = null;
  }

  /** Draws the lines (no weights: none, the canvas cleared). */
  lines(f: LinesFrame): void {
    this.#lastLines = f;
    if (!this.#ready(f.layout)) return;
    if (this.#drawnLines && sameLines(this.#drawnLines, f)) return;
    this.#drawnLines = f;
    this.#draw('lines', f);
  }

  atlas(f: AtlasFrame): void {
    // Planes handed to the worker earlier are detached here (they are the worker's now):
    // they can only be drawn again as the worker's 'same'.
    const t = f.thumbs;
    const whole = t !== null && (t === this.#sentThumbs || t.data.length === t.width * t.height * t.planes);
    const frame = whole ? f : { ...f, thumbs: null };
    this.#lastAtlas = frame;
    if (!this.#ready(f.layout)) return;
    if (this.#drawnAtlas && sameAtlas(this.#drawnAtlas, frame)) return;
    this.#drawnAtlas = frame;
    this.#draw('atlas', frame);
  }

  hit(x: number, y: number): WeightRef | null {
    return this.#lastLines ? hitWeight(this.#lastLines, x, y) : null;
  }

  /** Canvases exist, in the mode the layout asks for. */
  #ready(layout: DiagramLayout): boolean {
    if (!this.#linesHost || !this.#atlasHost) return false;
    const remote = largeDiagram(layout) && !broken;
    if (this.#lines && this.#atlas && remote === (this.#remote !== null)) return true;
    this.detach();
    const make = (host: HTMLElement, cls: string): HTMLCanvasElement => {
      const c = document.createElement('canvas');
      c.className = cls;
      c.setAttribute('aria-hidden', 'true');
      host.appendChild(c);
      return c;
    };
    this.#lines = make(this.#linesHost, 'lines');
    this.#atlas = make(this.#atlasHost, 'thumbs');
    const w = remote ? diagramWorker() : null;
    if (w) {
      const id = w.next++;
      const lines = this.#lines.transferControlToOffscreen();
      const atlas = this.#atlas.transferControlToOffscreen();
      w.owners.set(id, this);
      w.worker.postMessage({ kind: 'attach', id, lines, atlas } satisfies ToDiagramWorker, [lines, atlas]);
      this.#remote = { id, busy: { lines: false, atlas: false }, waiting: { lines: null, atlas: null } };
    }
    return true;
  }

  #draw(what: 'lines', f: LinesFrame): void;
  #draw(what: 'atlas', f: AtlasFrame): void;
  #draw(what: What, f: LinesFrame | AtlasFrame): void {
    const r = this.#remote;
    if (!r) {
      if (what === 'lines') paintLines(this.#lines!, f as LinesFrame);
      else this.#atlasPainter.paint(this.#atlas!, f as AtlasFrame);
      return;
    }
    if (r.busy[what]) {
      // Only the latest frame of each kind is drawn: the worker never falls behind.
      if (what === 'lines') r.waiting.lines = f as LinesFrame;
      else r.waiting.atlas = f as AtlasFrame;
      return;
    }
    r.busy[what] = true;
    if (what === 'lines') {
      shared!.worker.postMessage({ kind: 'lines', id: r.id, frame: f as LinesFrame } satisfies ToDiagramWorker);
      return;
    }
    const a = f as AtlasFrame;
    const t = a.thumbs;
    const same = t !== null && t === this.#sentThumbs;
    const frame: AtlasMessage = { ...a, thumbs: same ? 'same' : t };
    // 2-D planes (~1.3 MB for the largest network) are handed over, not copied: nothing here
    // reads them again. A 1-D network's curves are small and its hovered unit is drawn from them.
    const give = t && !same && t.height > 1 ? [t.data.buffer as ArrayBuffer] : [];
    if (t && !same && t.height === 1) frame.thumbs = { ...t, data: t.data.slice() };
    if (t) this.#sentThumbs = t;
    shared!.worker.postMessage({ kind: 'atlas', id: r.id, frame } satisfies ToDiagramWorker, give);
  }

  /** The worker drew a frame (or failed to): send the one that waited, if any. */
  answered(m: FromDiagramWorker): void {
    const r = this.#remote;
    if (!r || m.id !== r.id) return;
    if (m.kind === 'failed') console.warn(`mlp-playground: the diagram's ${m.what} could not be drawn (${m.message})`);
    r.busy[m.what] = false;
    const next = r.waiting[m.what];
    r.waiting[m.what] = null;
    if (next && m.what === 'lines') this.#draw('lines', next as LinesFrame);
    if (next && m.what === 'atlas') this.#draw('atlas', next as AtlasFrame);
  }

  /** The worker is gone: fresh canvases drawn here, from the last frames. */
  fallBack(): void {
    this.#remote = null;
    this.detach();
    const l = this.#lastLines, a = this.#lastAtlas;
    if (l) this.lines(l);
    if (a) this.atlas({ ...a, thumbs: null });
  }
}

function sameLines(a: LinesFrame, b: LinesFrame): boolean {
  const h = a.highlight, k = b.highlight;
  return a.weights === b.weights && a.values === b.values && a.full === b.full && a.palette === b.palette && a.dpr === b.dpr && a.inputRows.join() === b.inputRows.join() &&
    sameLayout(a.layout, b.layout) && (h === k || (h !== null && k !== null && h.layer === k.layer && h.unit === k.unit && h.input === k.input));
}

function sameAtlas(a: AtlasFrame, b: AtlasFrame): boolean {
  return a.thumbs === b.thumbs && a.palette === b.palette && a.dpr === b.dpr && sameLayout(a.layout, b.layout) &&
    JSON.stringify(a.scales) === JSON.stringify(b.scales) && a.discretize.join() === b.discretize.join();
}

function sameLayout(a: DiagramLayout, b: DiagramLayout): boolean {
  return a === b || (a.width === b.width && a.height === b.height && a.node === b.node && a.columns.length === b.columns.length &&
    a.columns.every((c, i) => c.length === b.columns[i]!.length && (c.length === 0 || (c[0]!.x === b.columns[i]![0]!.x && c[0]!.y === b.columns[i]![0]!.y))));
}

