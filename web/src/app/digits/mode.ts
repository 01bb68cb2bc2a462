// The Digits mode's panel (<mlp-digits-mode>, in the digits chunk): the draw pad with the
// network's ten probabilities, overall and per-class test accuracy, the 10×10 confusion
// matrix (a cell shows its digits), test digits marked right/wrong, and what the first layer
// learned (each unit's weights as a 28×28 image, or each conv kernel). The network trains in
// the worker; here a core of the page's own runs the latest parameters forward (inference
// and the FGSM gradient only), so nothing is computed twice by hand.
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { MlpCore, Network } from '../../core/index.js';
import type { DatasetSplit, ImageDataset, NetworkConfig, Parameters } from '../../core/types.js';
import type { Messages } from '../../i18n/messages.js';
import type { DigitsSpec } from '../../worker/digits-source.js';
import type { PanelHost } from '../host.js';
import { drawPadView } from './draw-pad.js';
import { experimentsView, ExperimentsState } from './experiments-view.js';
import { featureMaps } from './feature-maps.js';
import { argmaxRows, cellMembers, type Confusion, confusion } from './metrics.js';
import { drawDigits, drawWeights } from './pictures.js';
import { defineDigitsShapes } from './shapes-view.js';

/** Test digits shown in the grid. */
const GRID = 100;
/** Milliseconds between looks at the latest parameters (the matrix need not follow every tick). */
const REFRESH_MS = 400;

export class DigitsMode extends LitElement {
  static override properties = { host: { attribute: false }, config: { attribute: false }, spec: { attribute: false } };
  declare host: PanelHost;
  declare config: NetworkConfig;
  declare spec: DigitsSpec;
  #core: MlpCore | null = null;
  #split: DatasetSplit<ImageDataset> | null = null;
  #net: Network | null = null;
  #netKey = '';
  #splitKey = '';
  #params: Parameters | null = null;
  #timer = 0;
  #answers: Int32Array | null = null;
  #confusion: Confusion | null = null;
  #drawn: Float32Array | null = null;
  #drawnProbs: Float32Array | null = null;
  #cell: [number, number] | null = null;
  #experiments = new ExperimentsState(() => this.requestUpdate());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = window.setInterval(() => void this.#refresh(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#net?.dispose();
    this.#net = null;
    this.#netKey = '';
    this.#experiments.dispose();
  }

  /** The network the worker trains, here for inference: rebuilt when its config changes, parameters copied in. */
  async #refresh(): Promise<void> {
    const h = this.host;
    if (!h || !this.config || !this.spec) return;
    if (!this.#core) {
      const { loadCore } = await import('../../core/index.js');
      this.#core ??= await loadCore({ simd: 'auto' });
    }
    const splitKey = JSON.stringify(this.spec);
    if (splitKey !== this.#splitKey) {
      this.#splitKey = splitKey;
      const { loadDigits } = await import('../../core/digits.js');
      this.#split = await loadDigits({ samples: this.spec.samples, trainRatio: this.spec.trainRatio, seed: this.spec.seed, size: this.spec.size });
      this.#params = null;
    }
    const netKey = JSON.stringify(this.config);
    if (netKey !== this.#netKey || !this.#net) {
      this.#net?.dispose();
      this.#net = this.#core.createNetwork(this.config);
      this.#netKey = netKey;
      this.#params = null;
    }
    const net = this.#net;
    const p = h.parameters;
    if (!p || p === this.#params || !this.#split) return;
    try {
      net.setParameters(p);
    } catch {
      return;  // parameters of the network before a rebuild: the next ones will fit
    }
    this.#params = p;
    const test = this.#split.test;
    this.#answers = argmaxRows(net.predict(test.x), 10);
    this.#confusion = confusion(test.y, this.#answers);
    if (this.#drawn) this.#drawnProbs = net.predict(this.#drawn);
    this.requestUpdate();
  }

  /** A click on the test grid (10 columns) picks that digit for Fooling the network (the number field there does it by keyboard). */
  #pickFromGrid(e: MouseEvent, shown: number): void {
    const c = e.currentTarget as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const rows = Math.ceil(shown / 10);
    const i = Math.floor(((e.clientY - r.top) / r.height) * rows) * 10 + Math.floor(((e.clientX - r.left) / r.width) * 10);
    if (i >= 0 && i < shown) this.#experiments.pickTestDigit(i);
  }

  #onDigit = (x: Float32Array | null): void => {
    this.#drawn = x;
    this.#drawnProbs = x && this.#net && this.#params ? this.#net.predict(x) : null;
    this.#experiments.setDigit(x);
    this.requestUpdate();
  };

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    const root = this.renderRoot;
    const test = this.#split?.test;
    const answers = this.#answers;
    if (test && answers) {
      const n = Math.min(GRID, test.size);
      const right = Array.from({ length: n }, (_, i) => answers[i] === test.y[i]);
      const grid = root.querySelector<HTMLCanvasElement>('canvas.test-grid');
      if (grid) drawDigits(grid, test.x, test.shape[1], n, 10, right);
      const members = root.querySelector<HTMLCanvasElement>('canvas.cell-digits');
      if (members && this.#cell) {
        const idx = cellMembers(test.y, answers, this.#cell[0], this.#cell[1]).slice(0, 40);
        const d = test.dims;
        const x = new Float32Array(idx.length * d);
        idx.forEach((i, k) => x.set(test.x.subarray(i * d, (i + 1) * d), k * d));
        drawDigits(members, x, test.shape[1], idx.length, 10, idx.map(() => this.#cell![0] === this.#cell![1]));
      }
    }
    const weights = root.querySelector<HTMLCanvasElement>('canvas.weights');
    const first = this.#firstLayer();
    if (weights && first) drawWeights(weights, first.w, first.side, first.n, first.kind === 'dense' ? 8 : 8);
    this.#experiments.draw(root, this.#split?.test ?? null);
    const digit = this.#featureDigit();
    if (this.#net && this.#params && digit) {
      for (const f of featureMaps(this.#net, digit)) {
        const c = root.querySelector<HTMLCanvasElement>(`canvas.feature-maps[data-layer="${f.layer + 1}"]`);
        if (c) drawDigits(c, f.maps, f.side, f.channels, Math.min(8, f.channels));
      }
    }
  }

  /** The digit whose feature maps show: a picked test digit, else the drawing, else the first test digit. */
  #featureDigit(): Float32Array | null {
    const test = this.#split?.test;
    const picked = this.#experiments.testDigit;
    if (test && picked !== null && picked < test.size) return test.x.slice(picked * test.dims, (picked + 1) * test.dims);
    if (this.#drawn) return this.#drawn;
    return test && test.size > 0 ? test.x.slice(0, test.dims) : null;
  }

  /** The first layer's weights as images: dense units over the input image, or conv kernels. */
  #firstLayer(): { kind: 'dense' | 'conv2d'; w: Float32Array; side: number; n: number } | null {
    const p = this.#params;
    const l = this.config?.layers[0];
    if (!p || !l || !p.weights[0]) return null;
    if ('type' in l && l.type === 'conv2d') return { kind: 'conv2d', w: p.weights[0], side: l.kernel, n: l.channels };
    if ('type' in l && l.type === 'maxpool') return null;
    const side = this.spec.size;
    return { kind: 'dense', w: p.weights[0], side, n: p.weights[0].length / (side * side) };
  }

  #matrix(m: Messages, c: Confusion): TemplateResult {
    const digits = Array.from({ length: 10 }, (_, i) => i);
    const max = Math.max(1, ...Array.from(c.counts));
    return html`<div class="scroll"><table class="confusion" aria-label=${m.t('digits.confusion')}>
      <caption>${m.t('digits.confusionCaption')}</caption>
      <thead><tr><th scope="col"><span class="sr">${m.t('digits.trueDigit')}</span></th>${digits.map((p) => html`<th scope="col">${m.int(p)}</th>`)}</tr></thead>
      <tbody>${digits.map((t) => html`<tr><th scope="row">${m.int(t)}</th>${digits.map((p) => {
        const n = c.counts[t * 10 + p]!;
        const shade = n / max;
        const on = this.#cell?.[0] === t && this.#cell?.[1] === p;
        return html`<td><button type="button" data-cell=${`${t}-${p}`} aria-pressed=${on ? 'true' : 'false'}
          class=${t === p ? 'diag' : n ? 'off' : 'zero'} style=${`--shade:${shade.toFixed(3)}`}
          aria-label=${m.t('digits.cell', { n: m.int(n), truth: m.int(t), answer: m.int(p) })}
          @click=${() => ((this.#cell = on ? null : [t, p]), this.requestUpdate())}>${m.int(n)}</button></td>`;
      })}</tr>`)}</tbody>
    </table></div>`;
  }

  override render(): TemplateResult {
    const h = this.host;
    if (!h) return html`${nothing}`;
    const m = h.m;
    const c = this.#confusion;
    const test = this.#split?.test;
    const shown = test ? Math.min(GRID, test.size) : 0;
    const wrong = test && this.#answers ? Array.from({ length: shown }, (_, i) => this.#answers![i] !== test.y[i]).filter(Boolean).length : 0;
    const first = this.#firstLayer();
    return html`<section class="digits-mode" aria-labelledby="digits-h">
      <h2 id="digits-h">${m.t('digits.heading')}</h2>
      <div class="top">
        ${drawPadView(m, this.#drawnProbs, this.#onDigit)}
        <div class="accuracy">
          <p>${m.t('digits.overall')} <output data-digits="overall">${c ? m.percent(c.overall) : '–'}</output></p>
          <table class="per-class" aria-label=${m.t('digits.perClass')}>
            <tr><th scope="row">${m.t('digits.digit')}</th>${Array.from({ length: 10 }, (_, d) => html`<td>${m.int(d)}</td>`)}</tr>
            <tr><th scope="row">${m.t('digits.accuracy')}</th>${Array.from({ length: 10 }, (_, d) => html`<td data-class=${d}>${c && Number.isFinite(c.perClass[d]) ? m.percent(c.perClass[d]!, 0) : '–'}</td>`)}</tr>
          </table>
        </div>
      </div>
      ${c ? this.#matrix(m, c) : html`<p class="wait">${m.t('digits.waiting')}</p>`}
      ${this.#cell && test && this.#answers
        ? html`<figure class="cell"><canvas class="cell-digits" role="img" aria-label=${m.t('digits.cellDigits', { truth: m.int(this.#cell[0]), answer: m.int(this.#cell[1]), n: m.int(cellMembers(test.y, this.#answers, this.#cell[0], this.#cell[1]).length) })}></canvas></figure>`
        : nothing}
      <h3>${m.t('digits.testDigits')}</h3>
      <canvas class="test-grid" role="img" aria-label=${m.t('digits.testGrid', { n: m.int(shown), wrong: m.int(wrong) })} title=${m.t('digits.testGridPick')}
        @click=${(e: MouseEvent) => this.#pickFromGrid(e, shown)}></canvas>
      <h3>${first?.kind === 'conv2d' ? m.t('digits.kernels') : m.t('digits.weights')}</h3>
      <canvas class="weights" role="img" aria-label=${first ? m.t('digits.weightsLabel', { n: m.int(first.n), side: m.int(first.side) }) : m.t('digits.waiting')}></canvas>
      ${this.#net && this.#params ? this.#net.layers.map((l, i) => l.type === 'conv2d'
        ? html`<h3>${m.t('digits.featureMaps', { layer: m.int(i + 1) })}</h3>
            <canvas class="feature-maps" data-layer=${i + 1} role="img" aria-label=${m.t('digits.featureMapsLabel', { layer: m.int(i + 1), n: m.int(l.outputShape[0]!), side: m.int(l.outputShape[1]!) })}></canvas>`
        : nothing) : nothing}
      ${experimentsView(m, this.#experiments, this.#net && this.#params ? this.#net : null, this.#split?.test ?? null, this.#answers)}
    </section>`;
  }

  static override styles = css`
    :host { display: block; }
    .digits-mode { background: var(--panel, #fff); border: 1px solid var(--border, #ccc); border-radius: 8px; padding: 10px; margin: 10px 0; }
    h2 { font-size: 16px; margin: 0 0 8px; }
    h3 { font-size: 14px; margin: 12px 0 4px; }
    .top { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    .draw { display: flex; flex-wrap: wrap; gap: 10px; }
    ol.probs { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    ol.probs li { display: grid; grid-template-columns: 1.2em 110px 4em; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
    ol.probs li.best { font-weight: 700; }
    meter { width: 110px; }
    .per-class td, .per-class th { padding: 1px 4px; text-align: right; font-variant-numeric: tabular-nums; }
    table.confusion { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-top: 8px; }
    table.confusion caption { text-align: left; font-size: 13px; padding-bottom: 4px; }
    table.confusion th { font-weight: 600; padding: 0 4px; }
    table.confusion button { min-width: 34px; min-height: 24px; border: 1px solid var(--border, #ccc); font: inherit; cursor: pointer; color: inherit; }
    table.confusion button.diag { background: color-mix(in srgb, #16a34a calc(var(--shade) * 55%), transparent); }
    table.confusion button.off { background: color-mix(in srgb, #dc2626 calc(var(--shade) * 40% + 12%), transparent); }
    table.confusion button.zero { background: transparent; }
    table.confusion button[aria-pressed='true'] { outline: 2px solid #2563eb; outline-offset: -2px; }
    canvas.test-grid, canvas.cell-digits, canvas.weights, canvas.feature-maps, canvas.fgsm, canvas.prior-pictures { image-rendering: pixelated; max-width: 100%; }
    canvas.test-grid { width: min(320px, 100%); }
    canvas.weights { width: min(360px, 100%); }
    canvas.prior-pictures { width: min(320px, 100%); display: block; margin: 4px 0 8px; }
    canvas.fgsm { width: min(180px, 60%); display: block; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .experiments { margin-top: 12px; border-top: 1px solid var(--border, #ccc); padding-top: 8px; }
    .experiments section { margin: 8px 0; }
    .experiments output { font-weight: 600; font-variant-numeric: tabular-nums; }
    .experiments button { font: inherit; padding: 4px 10px; }
    .wait { color: var(--muted, #555); }
    .scroll { overflow-x: auto; max-width: 100%; }
    /* A phone: the ten columns of the matrix and of the per-digit row fit its width. */
    @media (max-width: 480px) {
      table.confusion button { min-width: 26px; padding: 0 1px; font-size: 12px; }
      table.confusion th { padding: 0 2px; }
      .per-class td, .per-class th { padding: 1px 1px; font-size: 12px; }
      .accuracy, .top { min-width: 0; max-width: 100%; }
    }
  `;
}

if (!customElements.get('mlp-digits-mode')) customElements.define('mlp-digits-mode', DigitsMode);
// <mlp-digits-shapes>, which the network panel places.
defineDigitsShapes();
