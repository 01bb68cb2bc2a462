// The loss chart: training and test loss against epochs (uPlot), with uPlot's legend as the
// readout under the cursor. Points are kept decimated so a long run stays cheap, and the
// chart redraws at most a few times per second. uPlot (~20 KB gzip) is a lazy chunk,
// fetched after the first frame that has a reading to draw: the page's first boundary
// does not wait for it.
import type uPlot from 'uplot';
import type { Palette } from './colors.js';
import { css } from './colors.js';

const MAX_POINTS = 3000;
const REDRAW_MS = 150;

type UPlotClass = typeof uPlot;
let uPlotClass: UPlotClass | null = null;
let uPlotLoading: Promise<UPlotClass> | null = null;

/** uPlot's module, fetched once (after the next frame) for every chart on the page. */
function loadUPlot(): Promise<UPlotClass> {
  uPlotLoading ??= new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
    .then(() => import('uplot'))
    .then((m) => (uPlotClass = m.default));
  return uPlotLoading;
}

export class LossChart {
  #plot: uPlot | null = null;
  #host: HTMLElement;
  #x: number[] = [];
  #train: (number | null)[] = [];
  #test: (number | null)[] = [];
  #stride = 1;
  #pending = 0;
  #dirty = false;
  #lastDraw = 0;
  #width = 300;
  #palette: Palette;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #log = false;
  #destroyed = false;
  /** A reading or a size arrived before uPlot: create the plot once it is here. */
  #wanted = false;

  constructor(host: HTMLElement, palette: Palette) {
    this.#host = host;
    this.#palette = palette;
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
          { ...axis, size: 28, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7] },
          { ...axis, size: 50, values: (_u, vals) => vals.map((v) => (v == null ? '' : axisFmt(v))) },
        ],
        series: [
          { label: 'Epoch', value: (_u, v) => (v == null ? '–' : String(Math.round(v))) },
          { label: 'Training loss', stroke: p.dark ? '#f4f4f4' : '#333333', width: 2, points: { show: false }, value: (_u, v) => (v == null ? '–' : fmt(v)) },
          { label: 'Test loss', stroke: css(p.negative), width: 2, points: { show: false }, value: (_u, v) => (v == null ? '–' : fmt(v)) },
        ],
      },
      this.#data(),
      this.#host,
    );
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

  clear(): void {
    this.#x = [];
    this.#train = [];
    this.#test = [];
    this.#stride = 1;
    this.#pending = 0;
    this.#draw();
  }

  /** Adds one reading; every `stride`-th is kept (the stride doubles as the run grows). */
  push(epoch: number, train: number, test: number): void {
    if (this.#x.length > 0 && epoch <= this.#x[this.#x.length - 1]!) {
      // Same epoch again (e.g. an evaluation after an edit): replace the last reading.
      this.#train[this.#train.length - 1] = finite(train);
      this.#test[this.#test.length - 1] = finite(test);
    } else {
      if (this.#pending++ % this.#stride !== 0) return;
      this.#x.push(epoch);
      this.#train.push(finite(train));
      this.#test.push(finite(test));
      if (this.#x.length > MAX_POINTS) {
        this.#x = this.#x.filter((_, i) => i % 2 === 0);
        this.#train = this.#train.filter((_, i) => i % 2 === 0);
        this.#test = this.#test.filter((_, i) => i % 2 === 0);
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
    return this.#log ? [this.#x, positive(this.#train), positive(this.#test)] : [this.#x, this.#train, this.#test];
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
