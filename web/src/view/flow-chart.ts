// The gradient-flow panel's charts: one value per layer over epochs (the weights' gradient
// norm, or the update's size relative to the weights), one line per layer coloured from the
// first layer to the output, on a log10 y axis (uPlot). Part of the panel's lazy chunk, so
// uPlot comes with it (shared with the loss chart's chunk). Only drawing of the numbers given.
import { LOCALE } from './locale.js';
import uPlot from 'uplot';
import type { Palette } from './colors.js';

const HEIGHT = 140;
const epochFmt = new Intl.NumberFormat(LOCALE);
const sciFmt = new Intl.NumberFormat(LOCALE, { notation: 'scientific', maximumSignificantDigits: 2 });

// Layer colours: plasma, sampled from dark blue-violet (first layer) to orange (last), readable on light and dark.
const PLASMA = [[13, 8, 135], [106, 0, 168], [177, 42, 144], [225, 100, 98], [252, 166, 54]] as const;

/** The colour of layer i of n (CSS). */
export function layerColour(i: number, n: number): string {
  const t = n <= 1 ? 1 : i / (n - 1);
  const x = t * (PLASMA.length - 1);
  const j = Math.min(PLASMA.length - 2, Math.floor(x));
  const f = x - j, p = PLASMA[j]!, q = PLASMA[j + 1]!;
  const c = (k: number): number => Math.round(p[k]! + f * (q[k]! - p[k]!));
  return `rgb(${c(0)}, ${c(1)}, ${c(2)})`;
}

/** One chart: per layer a column of values over `epochs` (non-positive and non-finite values are gaps on the log axis). */
export class FlowChart {
  #plot: uPlot | null = null;
  #host: HTMLElement;
  #width = 300;
  #key = '';

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  /**
   * Draws `values` (epochs.length × layers, row-major) with the layers' labels; a new layer
   * count, palette or size rebuilds the plot, otherwise only its data change.
   */
  draw(epochs: Float64Array, values: Float32Array, labels: readonly string[], epochLabel: string, pal: Palette, width: number): void {
    const L = labels.length;
    const data: uPlot.AlignedData = [
      Array.from(epochs),
      ...labels.map((_, l) => Array.from({ length: epochs.length }, (_, i) => {
        const v = values[i * L + l]!;
        return Number.isFinite(v) && v > 0 ? v : null;
      })),
    ];
    const w = Math.max(160, Math.floor(width));
    const key = `${labels.join('|')}/${epochLabel}/${pal.dark}/${w}`;
    if (this.#plot && key === this.#key) {
      this.#plot.setData(data);
      return;
    }
    this.#key = key;
    this.#width = w;
    this.#plot?.destroy();
    const axis = { stroke: pal.mutedText, grid: { stroke: pal.grid, width: 1 }, ticks: { stroke: pal.grid, width: 1 }, font: '11px system-ui, sans-serif' };
    this.#plot = new uPlot(
      {
        width: this.#width,
        height: HEIGHT,
        padding: [8, 14, 0, 0],
        cursor: { drag: { x: false, y: false }, points: { size: 5 } },
        legend: { show: false },
        scales: { x: { time: false }, y: { distr: 3, log: 10 } },
        axes: [
          { ...axis, size: 26, values: (_u, vals) => vals.map((v) => (v == null ? '' : epochFmt.format(v))) },
          // Decades, at most about five labelled (a dozen decades in 140 px would overlap).
          { ...axis, size: 52, values: (_u, vals) => {
            const every = Math.max(1, Math.ceil(vals.length / 5));
            return vals.map((v) => (v == null || Math.round(Math.log10(v)) % every !== 0 ? '' : sciFmt.format(v)));
          } },
        ],
        series: [{ label: epochLabel }, ...labels.map((label, l) => ({ label, stroke: layerColour(l, L), width: 1.75, points: { show: false }, spanGaps: false }))],
      },
      data,
      this.#host,
    );
  }

  destroy(): void {
    this.#plot?.destroy();
    this.#plot = null;
    this.#key = '';
  }
}

/** A small positive number as the reader's locale writes it in scientific notation (2 digits). */
export function scientific(v: number, locale: string): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  return new Intl.NumberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 2 }).format(v);
}
