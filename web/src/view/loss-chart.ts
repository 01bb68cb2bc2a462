// The loss chart: training and test loss against epochs (uPlot), with uPlot's legend as the
// readout under the cursor; in compare mode both losses of every network, overlaid, each
// network in its own colour and line style. Points are kept decimated so a long run stays
// cheap, and the chart redraws at most a few times per second. uPlot (~20 KB gzip) and its
// stylesheet are lazy chunks, fetched after the first frame that has a reading to draw: the
// page's first boundary does not wait for them.
// locale.js first: it makes navigator.language usable before uPlot's module reads it.
import { LOCALE } from './locale.js';
import type uPlot from 'uplot';
import type { Palette } from './colors.js';
import { css } from './colors.js';
import { adoptStyles } from './adopt-styles.js';

const MAX_POINTS = 3000;
/** Epochs on the x axis, grouped as the reader's locale writes them (uPlot's default, made explicit). */
const epochFmt = new Intl.NumberFormat(LOCALE);
const REDRAW_MS = 150;

/** The chart's words, in the reader's language (the caller's catalog). */
export interface ChartLabels {
  epoch: string;
  train: string;
  test: string;
}

/** One network's curves in compare mode: their labels, colour and dash pattern. */
export interface CurveStyle {
  train: string;
  test: string;
  stroke: string;
  dash: number[];
}

type UPlotClass = typeof uPlot;
let uPlotClass: UPlotClass | null = null;
let uPlotCss = '';
let uPlotLoading: Promise<UPlotClass> | null = null;

/** uPlot's module and stylesheet, fetched once (after the next frame) for every chart on the page. */
function loadUPlot(): Promise<UPlotClass> {
  uPlotLoading ??= new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
    .then(() => Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]))
    .then(([m, style]) => {
      uPlotCss = style.default;
      return (uPlotClass = m.default);
    });
  return uPlotLoading;
}

export class LossChart {
  #plot: uPlot | null = null;
  #host: HTMLElement;
  #x: number[] = [];
  /** Per network, its training then its test loss (one network unless compare mode). */
  #ys: (number | null)[][] = [[], []];
  /** Compare mode's networks, or null for the one network's two curves. */
  #networks: readonly CurveStyle[] | null = null;
  #stride = 1;
  #pending = 0;
  #dirty = false;
  #lastDraw = 0;
  #width = 300;
  #palette: Palette;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #log = false;
  #labels: ChartLabels;
  #destroyed = false;
  /** A reading or a size arrived before uPlot: create the plot once it is here. */
  #wanted = false;
  /** The previous run's training loss (kept by clear()), drawn faint behind this run's. */
  #ghost: { x: number[]; y: (number | null)[] } | null = null;
  /** The epoch the history scrubber shows (a vertical line), or null. */
  #marker: number | null = null;

  constructor(host: HTMLElement, palette: Palette, labels: ChartLabels) {
    this.#host = host;
    this.#palette = palette;
    this.#labels = labels;
  }

  /** Redraws the chart with its words in another language. */
  setLabels(labels: ChartLabels): void {
    const l = this.#labels;
    if (l.epoch === labels.epoch && l.train === labels.train && l.test === labels.test) return;
    this.#labels = labels;
    if (this.#plot) this.#create();
  }

  #create(): void {
    const UPlot = uPlotClass;
    if (!UPlot) {
      // Nothing to draw yet: the plot (and uPlot's fetch) waits for the first reading.
      if (this.#wanted || this.#x.length === 0) return;
      this.#wanted = true;
      loadUPlot().then(
        () => {
          if (!this.#destroyed) this.#create();
        },
        () => {},  // no chart; the readouts still show the losses
      );
      return;
    }
    this.#wanted = false;
    this.#plot?.destroy();
    // uPlot's own rules first: the element's (e.g. the legend's size) win over them.
    adoptStyles(this.#host, 'uplot', uPlotCss, true);
    const p = this.#palette;
    const axis = { stroke: p.mutedText, grid: { stroke: p.grid, width: 1 }, ticks: { stroke: p.grid, width: 1 }, font: '11px system-ui, sans-serif' };
    this.#plot = new UPlot(
      {
        width: this.#width,
        height: 130,
        padding: [8, 18, 0, 0],
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        legend: { live: true },
        scales: {
          x: { time: false, range: (_u, lo, hi) => [Math.min(0, lo), Math.max(hi, 10)] },
          // Log: small losses late in training stay readable; linear starts at 0.
          y: this.#log ? { distr: 3, log: 10 } : { range: (_u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.05 : 1] },
        },
        axes: [
          // Whole epochs only on the x axis.
          { ...axis, size: 28, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7], values: (_u, vals) => vals.map((v) => (v == null ? '' : epochFmt.format(v))) },
          { ...axis, size: 50, values: (_u, vals) => vals.map((v) => (v == null ? '' : axisFmt(v))) },
        ],
        hooks: { draw: [(u) => this.#drawExtras(u)] },
        series: [{ label: this.#labels.epoch, value: (_u, v) => (v == null ? '–' : String(Math.round(v))) }, ...this.#series()],
      },
      this.#data(),
      this.#host,
    );
  }

  /** The ghost curve and the scrubber's marker, over the plot (canvas pixels, clipped to it). */
  #drawExtras(u: uPlot): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    const g = this.#ghost;
    if (g && !this.#networks) {
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < g.x.length; i++) {
        const v = g.y[i];
        if (v == null || (this.#log && v <= 0)) {
          pen = false;
          continue;
        }
        const px = u.valToPos(g.x[i]!, 'x', true), py = u.valToPos(v, 'y', true);
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
      ctx.strokeStyle = this.#palette.dark ? 'rgba(244,244,244,0.28)' : 'rgba(51,51,51,0.25)';
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.stroke();
    }
    if (this.#marker !== null) {
      const px = Math.round(u.valToPos(this.#marker, 'x', true));
      ctx.fillStyle = css(this.#palette.positive);
      ctx.fillRect(px - devicePixelRatio, top, 2 * devicePixelRatio, height);
    }
    ctx.restore();
  }

  /** Marks the epoch the history scrubber shows (null: none). */
  setMarker(epoch: number | null): void {
    if (epoch === this.#marker) return;
    this.#marker = epoch;
    this.#plot?.redraw(false, false);
  }

  #series(): uPlot.Series[] {
    const p = this.#palette;
    const value = (_u: uPlot, v: number | null): string => (v == null ? '–' : fmt(v));
    if (!this.#networks) {
      return [
        { label: this.#labels.train, stroke: p.dark ? '#f4f4f4' : '#333333', width: 2, points: { show: false }, value },
        { label: this.#labels.test, stroke: css(p.negative), width: 2, points: { show: false }, value },
      ];
    }
    // Training loss bold, test loss thin, in the network's colour and dash.
    return this.#networks.flatMap((n) => [
      { label: n.train, stroke: n.stroke, dash: n.dash, width: 2.25, points: { show: false }, value },
      { label: n.test, stroke: n.stroke, dash: n.dash, width: 1, alpha: 0.8, points: { show: false }, value },
    ]);
  }

  /** Compare mode's networks (null: one network); the chart starts afresh. */
  setNetworks(networks: readonly CurveStyle[] | null): void {
    const key = (n: readonly CurveStyle[] | null): string => JSON.stringify(n);
    if (key(networks) === key(this.#networks)) return;
    this.#networks = networks;
    this.#ghost = null;
    this.#ys = Array.from({ length: 2 * (networks?.length ?? 1) }, () => []);
    this.#x = [];
    this.#stride = 1;
    this.#pending = 0;
    if (this.#plot) this.#create();
  }

  /** How many networks the chart draws. */
  get networks(): number {
    return this.#ys.length / 2;
  }

  resize(width: number): void {
    const w = Math.max(160, Math.floor(width));
    if (w === this.#width && this.#plot) return;
    this.#width = w;
    if (this.#plot) this.#plot.setSize({ width: w, height: 130 });
    else this.#create();
  }

  /** Logarithmic y axis (non-positive losses are left out). */
  setLog(log: boolean): void {
    if (log === this.#log) return;
    this.#log = log;
    if (this.#plot) this.#create();
  }

  /** Redraws the chart in another palette (palettes are shared per theme: same one, no-op). */
  setPalette(palette: Palette): void {
    if (palette === this.#palette) return;
    this.#palette = palette;
    this.#create();
  }

  /** A new run: this run's training loss becomes the ghost (one network only), the rest is cleared. */
  clear(): void {
    if (!this.#networks && this.#x.length > 1) this.#ghost = { x: this.#x, y: this.#ys[0]! };
    this.#x = [];
    this.#ys = this.#ys.map(() => []);
    this.#stride = 1;
    this.#pending = 0;
    this.#draw();
  }

  /** Drops the readings after `epoch` ("Continue from here" dropped that history). */
  truncate(epoch: number): void {
    let n = this.#x.length;
    while (n > 0 && this.#x[n - 1]! > epoch) n--;
    if (n === this.#x.length) return;
    this.#x = this.#x.slice(0, n);
    this.#ys = this.#ys.map((y) => y.slice(0, n));
    this.#draw();
  }

  /**
   * Adds one reading (with compare mode's other networks, `more`, at the same epoch); every
   * `stride`-th is kept (the stride doubles as the run grows).
   */
  push(epoch: number, train: number, test: number, more: readonly { trainLoss: number; testLoss: number }[] = []): void {
    const values = [train, test, ...more.flatMap((m) => [m.trainLoss, m.testLoss])].slice(0, this.#ys.length).map(finite);
    while (values.length < this.#ys.length) values.push(null);
    if (this.#x.length > 0 && epoch <= this.#x[this.#x.length - 1]!) {
      // Same epoch again (e.g. an evaluation after an edit): replace the last reading.
      this.#ys.forEach((y, i) => (y[y.length - 1] = values[i]!));
    } else {
      if (this.#pending++ % this.#stride !== 0) return;
      this.#x.push(epoch);
      this.#ys.forEach((y, i) => y.push(values[i]!));
      if (this.#x.length > MAX_POINTS) {
        this.#x = this.#x.filter((_, i) => i % 2 === 0);
        this.#ys = this.#ys.map((y) => y.filter((_, i) => i % 2 === 0));
        this.#stride *= 2;
      }
    }
    this.#dirty = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) return;
    const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastDraw));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#dirty) this.#draw();
    }, wait);
  }

  #data(): uPlot.AlignedData {
    return [this.#x, ...(this.#log ? this.#ys.map(positive) : this.#ys)];
  }

  #draw(): void {
    this.#dirty = false;
    this.#lastDraw = performance.now();
    if (!this.#plot) this.#create();
    else this.#plot.setData(this.#data());
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#plot?.destroy();
    this.#plot = null;
  }
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

// Values a log axis can show.
function positive(a: (number | null)[]): (number | null)[] {
  return a.map((v) => (v !== null && v > 0 ? v : null));
}

function axisFmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e4)) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return v.toExponential(2);
  return v.toFixed(3);
}
