// The element's canvases and what measures them: the painter (main view, thumbnails, weight
// lines, dataset pictures), the loss chart, the size observer and the per-frame text
// readouts. DOM only: what to draw comes from the controller, which owns these.
import type { Messages } from '../i18n/messages.js';
import type { Palette } from '../view/colors.js';
import type { WeightRef } from '../view/diagram.js';
import { type ChartLabels, fmt, LossChart } from '../view/loss-chart.js';
import type { Snapshot } from '../worker/protocol.js';
import type { FeaturePlanes } from './feature-planes.js';
import type { ViewPoint } from './host.js';
import { type FrameInput, Painter } from './painter.js';

/** The main view's grid is at most this many points a side (then scaled up, smoothed). */
const MAIN_MAX = 512;

export interface Measured {
  /** The main view's CSS width changed (its grid must be evaluated again). */
  mainChanged: boolean;
  /** The diagram's scroll width, or null when it is not rendered. */
  diagramWidth: number | null;
}

export class Views {
  #root: ShadowRoot;
  #painter: Painter | null = null;
  #chart: LossChart | null = null;
  #resize: ResizeObserver | null = null;
  #onResize: (m: Measured) => void;
  #features: FeaturePlanes;
  /** CSS width of the main view. */
  mainCss = 360;

  constructor(root: ShadowRoot, onResize: (m: Measured) => void, features: FeaturePlanes) {
    this.#root = root;
    this.#onResize = onResize;
    this.#features = features;
  }

  /** After the first render, and again when the element is re-inserted. */
  attach(palette: Palette, logLoss: boolean, m: Messages): void {
    const canvas = this.#root.querySelector<HTMLCanvasElement>('canvas.main');
    if (canvas && !this.#painter) this.#painter = new Painter(canvas, this.#root, this.#features);
    this.#painter?.indexThumbs();
    this.#resize?.disconnect();
    this.#resize = new ResizeObserver(() => this.#onResize(this.measure()));
    const wrap = this.#root.querySelector('.main-wrap');
    if (wrap) this.#resize.observe(wrap);
    const net = this.#root.querySelector('.network');
    if (net) this.#resize.observe(net);
    const chart = this.#root.querySelector<HTMLElement>('.chart');
    if (chart && !this.#chart) {
      chart.replaceChildren();
      this.#chart = new LossChart(chart, palette, chartLabels(m));
      this.#chart.setLog(logLoss);
    }
    this.#onResize(this.measure());
  }

  detach(): void {
    this.#painter?.detach();
    this.#resize?.disconnect();
    this.#resize = null;
    this.#chart?.destroy();
    this.#chart = null;
  }

  get attached(): boolean {
    return this.#painter !== null;
  }

  measure(): Measured {
    let mainChanged = false;
    const wrap = this.#root.querySelector<HTMLElement>('.main-wrap');
    if (wrap) {
      const w = wrap.clientWidth;
      if (w > 0 && Math.abs(w - this.mainCss) > 0.5) {
        this.mainCss = w;
        mainChanged = true;
      }
      this.#chart?.resize(w);
    }
    const scroll = this.#root.querySelector<HTMLElement>('.diagram-scroll');
    return { mainChanged, diagramWidth: scroll && scroll.clientWidth > 0 ? scroll.clientWidth : null };
  }

  /** Sizes the main view's backing store; the grid side to evaluate (at most MAIN_MAX). */
  mainPixels(): number {
    return Math.min(MAIN_MAX, this.#painter?.main.resize(this.mainCss, window.devicePixelRatio || 1) ?? 0);
  }

  /** The structure rendered anew: thumbnails to index, pictures to draw. */
  restructured(previews: Parameters<Painter['paintPreviews']>): void {
    this.#painter?.indexThumbs();
    this.#painter?.paintPreviews(...previews);
  }

  paint(f: FrameInput): void {
    this.#painter?.paint(f);
  }

  paintLines(f: FrameInput): void {
    this.#painter?.paintLines(f);
  }

  weightAt(x: number, y: number): WeightRef | null {
    return this.#painter?.weightAt(x, y) ?? null;
  }

  pointAt(clientX: number, clientY: number): ViewPoint | null {
    const view = this.#painter?.main;
    if (!view) return null;
    const [x, y] = view.toData(clientX, clientY);
    return { x, y, pixelsPerUnit: view.pixelsPerUnit };
  }

  exportImage(): Promise<Blob | null> {
    const canvas = this.#painter?.main.canvas;
    return new Promise((ok) => (canvas ? canvas.toBlob(ok, 'image/png') : ok(null)));
  }

  get chart(): LossChart | null {
    return this.#chart;
  }

  /** The chart's words in another language. */
  setMessages(m: Messages): void {
    this.#chart?.setLabels(chartLabels(m));
  }

  /** Per-frame text goes straight into its elements (no template re-render per frame). */
  readouts(s: Snapshot, classification: boolean, playing: boolean, m: Messages, viewing = false): void {
    const set = (sel: string, text: string): void => {
      const el = this.#root.querySelector(sel);
      if (el && el.textContent !== text) el.textContent = text;
      // A recorded epoch shown by the history scrubber: marked, so nobody takes it for live.
      el?.toggleAttribute('data-viewing', viewing);
    };
    // The history scrubber's last position is live: it follows the recording.
    const range = this.#root.querySelector<HTMLInputElement>('input[data-history]');
    if (range && range.max !== String(s.snapshots)) {
      range.max = String(s.snapshots);
      if (!viewing) range.value = range.max;
      range.disabled = s.snapshots === 0;
    }
    set('[data-readout="epoch"]', String(s.epoch).padStart(6, '0'));
    set('[data-readout="lr"]', Number.isFinite(s.learningRate) ? String(Number(s.learningRate.toPrecision(4))) : '–');
    set('[data-readout="train-loss"]', fmt(s.trainLoss));
    set('[data-readout="test-loss"]', fmt(s.testLoss));
    set('[data-readout="train-acc"]', classification ? m.percent(s.trainAccuracy) : '–');
    set('[data-readout="test-acc"]', classification ? m.percent(s.testAccuracy) : '–');
    set('[data-readout="rate"]', viewing ? m.t('history.viewing', { epoch: m.int(s.epoch) }) : playing ? m.t('toolbar.rate', { steps: m.int(Math.round(s.stepsPerSecond)), epochs: m.int(Math.round(s.epochsPerSecond)) }) : m.t('toolbar.paused'));
  }

  /** The editor just opened: its value is ready to be typed over. */
  selectEditor(): void {
    this.#root.querySelector<HTMLInputElement>('.editor input')?.select();
  }

  /** A file to the user: a temporary link inside the shadow root. */
  download(name: string, blob: Blob): void {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.#root.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

function chartLabels(m: Messages): ChartLabels {
  return { epoch: m.t('chart.epoch'), train: m.t('chart.train'), test: m.t('chart.test') };
}
